import { GatewayError } from '../ir/index.js';
import { accountProblem } from '../routing/health/account-errors.js';

/**
 * Re-reads an upstream's error from the gateway's side. A vendor's 401/403/402 is about the
 * channel's key or account, not the client's: the client must not be told its own key is wrong,
 * and another key or channel may well succeed. A vendor's 404 for a model may be one channel's
 * configuration. These become retryable; the credential ones are shown as a 502. So do account
 * errors some vendors send as a plain 400 (Anthropic's "Your credit balance is too low", Gemini's
 * "User location is not supported"): the client's request was fine.
 */
export function fromGatewaySide(error: GatewayError): GatewayError {
  if (error.upstreamStatus === undefined) return error;
  if (error.kind === 'invalid_request') {
    const account = accountProblem(error);
    if (!account) return error;
    return new GatewayError({
      kind: 'upstream_error',
      message: `The upstream provider refused the gateway's account: ${error.message}`,
      code: account.scope === 'channel' ? 'upstream_region_unsupported' : 'upstream_quota_exceeded',
      retryable: true,
      upstreamStatus: error.upstreamStatus,
      upstreamType: error.upstreamType,
      cause: error,
    });
  }
  switch (error.kind) {
    case 'authentication':
    case 'permission':
      return new GatewayError({
        kind: 'upstream_error',
        message: `The upstream provider rejected the gateway's credentials: ${error.message}`,
        code: 'upstream_auth_error',
        retryable: true,
        upstreamStatus: error.upstreamStatus,
        upstreamType: error.upstreamType,
        cause: error,
      });
    case 'insufficient_quota':
      return new GatewayError({
        kind: 'upstream_error',
        message: `The upstream provider account has no quota left: ${error.message}`,
        code: 'upstream_quota_exceeded',
        retryable: true,
        upstreamStatus: error.upstreamStatus,
        upstreamType: error.upstreamType,
        cause: error,
      });
    case 'not_found':
      return error.retryable
        ? error
        : new GatewayError({
            kind: 'not_found',
            message: error.message,
            param: error.param,
            code: error.code,
            retryable: true,
            upstreamStatus: error.upstreamStatus,
            upstreamType: error.upstreamType,
            cause: error,
          });
    default:
      return error;
  }
}
