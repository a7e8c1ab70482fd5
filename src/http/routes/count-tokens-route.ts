import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayError } from '../../ir/index.js';
import { countTokensRequest } from '../../relay/count-tokens-request.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import type { RelayCaller } from '../../relay/relay-ports.js';
import { RelayTrace } from '../../relay/relay-trace.js';
import type { Surface, SurfaceInput } from '../../surfaces/surface.js';
import type { TokenCounting } from '../../surfaces/token-counting.js';
import { authenticateCaller } from '../authenticate.js';
import { nodeClientConnection } from '../client-connection.js';
import { toGatewayError, writeErrorResponse } from '../error-response.js';

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
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    reply.hijack();
    const res = reply.raw;
    for (const [name, value] of Object.entries(surface.answerHeaders?.(request.id) ?? {})) res.setHeader(name, value);
    const client = nodeClientConnection(res, request.id);
    const startedAt = performance.now();
    const createdAt = deps.now();
    const trace = new RelayTrace();
    trace.surface = surface.id;
    trace.endpoint = 'count_tokens';
    let caller: RelayCaller | undefined;
    let failure: GatewayError | undefined;
    try {
      caller = await authenticateCaller(request, deps);
      const input = prepare({
        body: request.body,
        headers: request.headers,
        query: (request.query ?? {}) as Record<string, unknown>,
        params: (request.params ?? {}) as Record<string, string>,
      });
      const counted = await countTokensRequest(
        { requestId: request.id, caller, surface, counting, input, trace, signal: client.signal },
        deps,
      );
      client.sendJson(200, counted.headers, counted.body);
    } catch (error) {
      failure = toGatewayError(error);
      if (failure.kind === 'internal') deps.logger.error({ requestId: request.id, err: error }, 'internal error');
      writeErrorResponse(res, failure, request.id, surface);
    } finally {
      deps.log.record({
        requestId: request.id,
        createdAt,
        caller,
        clientIp: request.ip,
        status: failure ? failure.status : 200,
        stream: false,
        latencyMs: Math.round(performance.now() - startedAt),
        trace,
        error: failure,
      });
    }
  };
}
