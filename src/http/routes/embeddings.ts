import type { FastifyInstance } from 'fastify';
import { embeddingsRequest } from '../../relay/embeddings-request.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import { openAIChatSurface } from '../../surfaces/openai/index.js';
import { jsonEndpointHandler } from './json-endpoint-route.js';

/**
 * `POST /v1/embeddings`, OpenAI's shape for any vendor behind (relay/embeddings-request.ts). Errors
 * answer in OpenAI's envelope; the request log gets one record on the OpenAI surface marked
 * `embeddings`, with its cost and usage.
 */
export function registerEmbeddings(app: FastifyInstance, deps: RelayDeps): void {
  app.post(
    '/v1/embeddings',
    jsonEndpointHandler(openAIChatSurface, 'embeddings', deps, ({ request, caller, trace, signal }) =>
      embeddingsRequest({ requestId: request.id, caller, body: request.body, trace, signal }, deps),
    ),
  );
}
