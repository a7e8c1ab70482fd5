import type { FastifyInstance } from 'fastify';
import type { RelayDeps } from '../../relay/relay-deps.js';
import { anthropicMessagesSurface, anthropicTokenCounting } from '../../surfaces/anthropic/index.js';
import { countTokensHandler } from './count-tokens-route.js';
import { surfaceHandler } from './surface-route.js';

/**
 * Anthropic Messages: `POST /v1/messages` (Claude Code adds `?beta=true`), and
 * `POST /v1/messages/count_tokens`, which costs nothing: counted by Anthropic where an Anthropic
 * channel serves the model, estimated by the gateway otherwise.
 */
export function registerAnthropicMessages(app: FastifyInstance, deps: RelayDeps): void {
  app.post('/v1/messages', surfaceHandler(anthropicMessagesSurface, deps));
  app.post('/v1/messages/count_tokens', countTokensHandler(anthropicMessagesSurface, anthropicTokenCounting, deps));
}
