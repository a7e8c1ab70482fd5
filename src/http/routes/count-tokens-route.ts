import { countTokensRequest } from '../../relay/count-tokens-request.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import type { Surface, SurfaceInput } from '../../surfaces/surface.js';
import type { TokenCounting } from '../../surfaces/token-counting.js';
import { jsonEndpointHandler } from './json-endpoint-route.js';

/**
 * The handler of a token-count endpoint (Anthropic's count_tokens, Gemini's countTokens):
 * authenticate, count (relay/count-tokens-request.ts), answer any failure in the surface's own
 * envelope, and leave one request-log record marked `count_tokens`, at no cost, so operators see
 * counts beside generations and can tell them apart.
 */
export function countTokensHandler(
  surface: Surface,
  counting: TokenCounting,
  deps: RelayDeps,
  prepare: (input: SurfaceInput) => SurfaceInput = (input) => input,
) {
  return jsonEndpointHandler(surface, 'count_tokens', deps, ({ request, caller, trace, signal }) => {
    const input = prepare({
      body: request.body,
      headers: request.headers,
      query: (request.query ?? {}) as Record<string, unknown>,
      params: (request.params ?? {}) as Record<string, string>,
    });
    return countTokensRequest({ requestId: request.id, caller, surface, counting, input, trace, signal }, deps);
  });
}
