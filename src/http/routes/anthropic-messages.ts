import type { FastifyInstance } from 'fastify';
import type { RelayDeps } from '../../relay/relay-deps.js';
import { anthropicMessagesSurface, countMessagesTokens } from '../../surfaces/anthropic/index.js';
import { authenticateCaller } from '../authenticate.js';
import { surfaceHandler } from './surface-route.js';

/**
 * Anthropic Messages: `POST /v1/messages` (Claude Code adds `?beta=true`), and
 * `POST /v1/messages/count_tokens`, which costs nothing and calls no upstream.
 */
export function registerAnthropicMessages(app: FastifyInstance, deps: RelayDeps): void {
  app.post('/v1/messages', surfaceHandler(anthropicMessagesSurface, deps));
  app.post('/v1/messages/count_tokens', async (request, reply) => {
    await authenticateCaller(request, deps);
    reply.header('request-id', request.id);
    return countMessagesTokens({ body: request.body, headers: request.headers });
  });
}
