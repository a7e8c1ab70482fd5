import type { FastifyInstance } from 'fastify';
import { GatewayError } from '../../ir/index.js';
import { relayChatCompletion } from '../../relay/chat-completions.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import type { RelayCaller } from '../../relay/relay-ports.js';
import { RelayTrace } from '../../relay/relay-trace.js';
import { extractApiKey } from '../auth.js';
import { nodeClientConnection } from '../client-connection.js';
import { toGatewayError, writeErrorResponse } from '../error-response.js';

/**
 * POST /v1/chat/completions. The handler takes the raw response over from Fastify (hijack): the
 * relay streams to it directly, which is the cheapest path (DESIGN.md §5). Every request, failed
 * or not, leaves one request-log record.
 */
export function registerChatCompletions(app: FastifyInstance, deps: RelayDeps): void {
  app.post('/v1/chat/completions', async (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    const client = nodeClientConnection(res, request.id);
    const startedAt = performance.now();
    const createdAt = deps.now();
    const trace = new RelayTrace();
    let caller: RelayCaller | undefined;
    let failure: GatewayError | undefined;
    try {
      try {
        caller = deps.auth.authenticate(extractApiKey(request.raw, request.query as Record<string, unknown>));
      } catch (error) {
        // Guessing keys costs: failed authentications are counted per address (429 past the limit).
        if ((error as GatewayError).status === 401) await deps.ipLimiter?.hit('auth_failure', request.ip);
        throw error;
      }
      if (!caller.allowsIp(request.ip)) {
        throw new GatewayError({
          kind: 'permission',
          message: `This API key may not be used from ${request.ip}.`,
          code: 'ip_not_allowed',
        });
      }
      await relayChatCompletion(
        request.body,
        { requestId: request.id, caller, startedAt, trace, headers: request.headers },
        client,
        deps,
      );
    } catch (error) {
      failure = toGatewayError(error);
      if (failure.kind === 'internal') deps.logger.error({ requestId: request.id, err: error }, 'internal error');
      writeErrorResponse(res, failure, request.id);
    } finally {
      deps.log.record({
        requestId: request.id,
        createdAt,
        caller,
        clientIp: request.ip,
        status: failure ? failure.status : 200,
        stream: trace.request?.stream === true,
        latencyMs: Math.round(performance.now() - startedAt),
        trace,
        error: failure ?? trace.streamError,
      });
    }
  });
}
