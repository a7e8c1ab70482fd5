import type { FastifyInstance } from 'fastify';
import type { RelayDeps } from '../../relay/relay-deps.js';
import { rerankRequest } from '../../relay/rerank-request.js';
import { openAIChatSurface } from '../../surfaces/openai/index.js';
import { jsonEndpointHandler } from './json-endpoint-route.js';

/**
 * `POST /v1/rerank`, Cohere's and Jina's shape for any reranking vendor behind
 * (relay/rerank-request.ts). Errors answer in OpenAI's envelope, as every `/v1/*` route does; the
 * request log gets one record marked `rerank`, with its cost and usage.
 */
export function registerRerank(app: FastifyInstance, deps: RelayDeps): void {
  app.post(
    '/v1/rerank',
    jsonEndpointHandler(openAIChatSurface, 'rerank', deps, ({ request, caller, trace, signal }) =>
      rerankRequest({ requestId: request.id, caller, body: request.body, trace, signal }, deps),
    ),
  );
}
