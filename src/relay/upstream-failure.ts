import { GatewayError } from '../ir/index.js';
import { accountProblem } from '../routing/health/account-errors.js';
import { isUpstreamFault } from '../upstream/upstream-fault.js';

/**
 * What the client is told about an upstream's failure. Errors about the gateway's own upstream
 * account (its credentials refused, its credit or quota gone, its region refused, its rate limit
 * reached) are the operator's business: their text names the account (a masked key tail such as
 * `sk-***0001`, an organisation id) and must not reach clients, and nothing in them is for the
 * caller to fix. The caller is told the model is temporarily unavailable (the console says so in
 * its reader's language, by the code); the upstream's text stays in the request log's attempt
 * detail, and the channel's status, for administrators.
 */
const UNAVAILABLE = 'The service is temporarily unavailable for this model. Please try again later.';
const ACCOUNT_WORDS = {
  credentials: UNAVAILABLE,
  quota: UNAVAILABLE,
  region: UNAVAILABLE,
  rateLimit: 'The service is busy for this model. Please retry later.',
  account: UNAVAILABLE,
} as const;

/**
 * Re-reads an upstream's error from the gateway's side. A vendor's 401/403/402 is about the
 * channel's key or account, not the client's: the client must not be told its own key is wrong,
 * and another key or channel may well succeed. A vendor's 404 for a model may be one channel's
 * configuration. These become retryable; the credential ones are shown as a 502. So do account
 * errors some vendors send as a plain 400 (Anthropic's "Your credit balance is too low", Gemini's
 * "User location is not supported"): the client's request was fine. Account errors are worded by
 * AIHub (see ACCOUNT_WORDS).
 */
export function fromGatewaySide(error: GatewayError): GatewayError {
  if (error.upstreamStatus === undefined && !isUpstreamFault(error)) return error;
  if (error.kind === 'not_found') {
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
  }
  const account = accountProblem(error);
  if (account?.scope === 'channel') {
    return reworded(error, { message: ACCOUNT_WORDS.region, code: 'upstream_region_unsupported' });
  }
  switch (error.kind) {
    case 'authentication':
    case 'permission':
      return reworded(error, { message: ACCOUNT_WORDS.credentials, code: 'upstream_auth_error' });
    case 'insufficient_quota':
    case 'invalid_request':
      // A 400 is the client's own fault, in the vendor's words, unless it is about the account.
      return account ? reworded(error, { message: ACCOUNT_WORDS.quota, code: 'upstream_quota_exceeded' }) : error;
    case 'rate_limit':
      if (account) return reworded(error, { message: ACCOUNT_WORDS.account, code: 'upstream_account_error' });
      // The upstream's limit on the gateway's account: same status, code and retry-after.
      return new GatewayError({
        kind: 'rate_limit',
        message: ACCOUNT_WORDS.rateLimit,
        code: error.code,
        retryAfterMs: error.retryAfterMs,
        upstreamStatus: error.upstreamStatus,
        upstreamType: error.upstreamType,
        cause: error,
      });
    default:
      // An account error in another guise (a 5xx or an error event saying the account is gone).
      return account ? reworded(error, { message: ACCOUNT_WORDS.account, code: 'upstream_account_error' }) : error;
  }
}

/** A retryable 502 in AIHub's words, keeping the upstream's status and type for the log. */
function reworded(error: GatewayError, words: { message: string; code: string }): GatewayError {
  return new GatewayError({
    kind: 'upstream_error',
    message: words.message,
    code: words.code,
    retryable: true,
    upstreamStatus: error.upstreamStatus,
    upstreamType: error.upstreamType,
    cause: error,
  });
}
