import type { FastifyInstance } from 'fastify';
import { relayChatCompletion } from '../../relay/chat-completions.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import type { KeyVerifier } from '../auth.js';
import { extractApiKey } from '../auth.js';
import { nodeClientConnection } from '../client-connection.js';
import { toGatewayError, writeErrorResponse } from '../error-response.js';

/**
 * POST /v1/chat/completions. The handler takes the raw response over from Fastify (hijack): the
 * relay streams to it directly, which is the cheapest path (DESIGN.md §5).
 */
export function registerChatCompletions(app: FastifyInstance, deps: RelayDeps, keys: KeyVerifier): void {
  app.post('/v1/chat/completions', async (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    const client = nodeClientConnection(res, request.id);
    const started = performance.now();
    try {
      keys.verify(extractApiKey(request.raw, request.query as Record<string, unknown>));
      const outcome = await relayChatCompletion(request.body, request.id, client, deps);
      deps.logger.info(
        {
          requestId: request.id,
          model: outcome.model,
          stream: outcome.streamed,
          attempts: outcome.attempts,
          error: outcome.error?.kind,
          ms: Math.round(performance.now() - started),
        },
        'chat completion',
      );
    } catch (error) {
      const gatewayError = toGatewayError(error);
      if (gatewayError.kind === 'internal') deps.logger.error({ requestId: request.id, err: error }, 'internal error');
      else
        deps.logger.info(
          { requestId: request.id, error: gatewayError.kind, status: gatewayError.status },
          'chat completion failed',
        );
      writeErrorResponse(res, gatewayError, request.id);
    }
  });
}
