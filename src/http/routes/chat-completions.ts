import type { FastifyInstance } from 'fastify';
import type { RelayDeps } from '../../relay/relay-deps.js';
import { openAIChatSurface } from '../../surfaces/openai/index.js';
import { surfaceHandler } from './surface-route.js';

/** POST /v1/chat/completions: OpenAI Chat Completions. */
export function registerChatCompletions(app: FastifyInstance, deps: RelayDeps): void {
  app.post('/v1/chat/completions', surfaceHandler(openAIChatSurface, deps));
}
