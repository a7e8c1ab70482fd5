import { estimatePromptTokens } from '../billing/token-estimate.js';
import type { CountTokensRequest } from '../providers/provider.js';
import type { Surface, SurfaceInput } from '../surfaces/surface.js';
import type { TokenCounting } from '../surfaces/token-counting.js';
import { admitRequest } from './admit-request.js';
import { assertModelAllowed } from './model-permission.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller } from './relay-ports.js';
import type { RelayTrace } from './relay-trace.js';
import { countAtVendor } from './vendor-token-count.js';

export interface CountTokensContext {
  requestId: string;
  caller: RelayCaller;
  /** The API the client spoke; its native vendor's channels can count exactly. */
  surface: Surface;
  counting: TokenCounting;
  input: SurfaceInput;
  trace: RelayTrace;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

export interface CountedTokens {
  /** The endpoint's answer: the vendor's own body, or the gateway's estimate in the same shape. */
  body: unknown;
  /** `x-ratelimit-*` headers for the answer. */
  headers: Record<string, string>;
}

/**
 * One token-count request, under the same key rules as a generation: decoded by the surface (its
 * 400s), the key's model rules (403), the key's and user's rate limits (429; a count takes one
 * request from RPM and no tokens from TPM), the router's 404 for a model nobody serves. Then the
 * vendor counts where a channel of the client's own vendor serves the model, and the gateway
 * estimates otherwise or when every such channel failed. Nothing is held or charged: a count
 * costs the operator nothing upstream.
 */
export async function countTokensRequest(context: CountTokensContext, deps: RelayDeps): Promise<CountedTokens> {
  const { caller, counting, trace } = context;
  trace.surface = context.surface.id;
  const decoded = counting.decode(context.input);
  trace.request = decoded;
  assertModelAllowed(caller, decoded.model);
  const ticket = await admitRequest(deps, caller, decoded.model, 0);
  try {
    const candidates = deps.router.resolve(decoded.model, caller.group);
    const request: CountTokensRequest = {
      body: context.input.body as Record<string, unknown>,
      headers: context.input.headers,
    };
    const counted = await countAtVendor(
      candidates,
      {
        requestId: context.requestId,
        nativeProvider: context.surface.nativeProvider,
        request,
        trace,
        signal: context.signal,
      },
      deps,
    );
    if (counted) {
      trace.tokenCount = { tokens: counted.tokens, estimated: false };
      return { body: counted.body, headers: ticket.headers };
    }
    const estimate = estimatePromptTokens(decoded);
    trace.tokenCount = { tokens: estimate, estimated: true };
    return { body: counting.encodeEstimate(estimate), headers: ticket.headers };
  } finally {
    ticket.release(0);
  }
}
