import { publicBaseFor } from '../../platform/public-origin.js';

/** Who the passkeys belong to: WebAuthn's relying party id (a host name) and the page origin. */
export interface RelyingParty {
  id: string;
  origin: string;
  name: string;
}

/**
 * The operator's public address when set (passkeys then survive a change of the address the
 * console happens to be opened at), else the address this request came to. Taking the request's
 * Host is safe here: the browser itself refuses a relying party id that does not match the page.
 */
export function relyingPartyFor(publicBaseUrl: string, request: { protocol: string; host: string }): RelyingParty {
  const origin = new URL(publicBaseFor(publicBaseUrl, request)).origin;
  return { id: new URL(origin).hostname, origin, name: 'AIHub' };
}
