import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayError } from '../../ir/index.js';
import { embeddingsRequest } from '../../relay/embeddings-request.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import type { RelayCaller } from '../../relay/relay-ports.js';
import { RelayTrace } from '../../relay/relay-trace.js';
import { openAIChatSurface } from '../../surfaces/openai/index.js';
import { authenticateCaller } from '../authenticate.js';
import { nodeClientConnection } from '../client-connection.js';
import { toGatewayError, writeErrorResponse } from '../error-response.js';

/**
 * `POST /v1/embeddings`, OpenAI's shape for any vendor behind (relay/embeddings-request.ts). Errors
 * answer in OpenAI's envelope; the request log gets one record on the OpenAI surface marked
 * `embeddings`, with its cost and usage.
 */
export function registerEmbeddings(app: FastifyInstance, deps: RelayDeps): void {
  app.post('/v1/embeddings', async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    reply.hijack();
    const res = reply.raw;
    const client = nodeClientConnection(res, request.id);
    const startedAt = performance.now();
    const createdAt = deps.now();
    const trace = new RelayTrace();
    trace.surface = openAIChatSurface.id;
    trace.endpoint = 'embeddings';
    let caller: RelayCaller | undefined;
    let failure: GatewayError | undefined;
    try {
      caller = await authenticateCaller(request, deps);
      const answer = await embeddingsRequest(
        { requestId: request.id, caller, body: request.body, trace, signal: client.signal },
        deps,
      );
      client.sendJson(200, answer.headers, answer.body);
    } catch (error) {
      failure = toGatewayError(error);
      if (failure.kind === 'internal') deps.logger.error({ requestId: request.id, err: error }, 'internal error');
      writeErrorResponse(res, failure, request.id, openAIChatSurface);
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
  });
}
