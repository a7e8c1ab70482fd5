import { usePublicSettings } from '../../lib/auth';
import { gatewayOrigin } from './recipes';

/**
 * Where clients reach this server: the operator's public base URL when set (the console may be
 * opened through another address than the API's, e.g. an internal one), else the page's origin.
 */
export function useGatewayOrigin(): string {
  const settings = usePublicSettings();
  return gatewayOrigin(settings.data?.publicBaseUrl, window.location.origin);
}
