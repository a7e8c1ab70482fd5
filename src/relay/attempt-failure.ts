import { GatewayError } from '../ir/index.js';
import { isUpstreamFault } from '../upstream/upstream-fault.js';

/**
 * Whose doing an attempt's failure was, which decides whether route health hears of it:
 * - `upstream`: marked where the upstream exchange produced it (upstream-exchange.ts): fed to
 *   the breakers and cooldowns, and the next channel or key may be tried;
 * - `client`: the client went away: the attempt stops, nobody is blamed;
 * - `gateway`: AIHub's own failure, a typed GatewayError (a request this vendor cannot take) or an
 *   exception (a bug): the attempt stops and the client gets AIHub's own error. Another upstream
 *   would fail alike, and no upstream may pay for it.
 */
export type AttemptFailure =
  | { origin: 'upstream'; error: GatewayError }
  | { origin: 'client'; error: GatewayError }
  | { origin: 'gateway'; error: GatewayError };

export function attemptFailure(thrown: unknown, clientGone: boolean): AttemptFailure {
  if (isUpstreamFault(thrown)) return { origin: 'upstream', error: thrown };
  if (clientGone || (thrown instanceof GatewayError && thrown.code === 'client_closed')) {
    return { origin: 'client', error: clientClosed(thrown) };
  }
  if (thrown instanceof GatewayError) return { origin: 'gateway', error: thrown };
  return {
    origin: 'gateway',
    error: new GatewayError({
      kind: 'internal',
      message: 'The server had an error while processing your request.',
      cause: thrown,
    }),
  };
}

function clientClosed(thrown: unknown): GatewayError {
  if (thrown instanceof GatewayError && thrown.code === 'client_closed') return thrown;
  return new GatewayError({
    kind: 'upstream_error',
    message: 'The request was cancelled.',
    code: 'client_closed',
    retryable: false,
    cause: thrown,
  });
}
