import type { FastifyInstance } from 'fastify';
import type { RelayDeps } from '../../relay/relay-deps.js';
import { responsesSurface } from '../../surfaces/responses/index.js';
import { surfaceHandler } from './surface-route.js';

/** OpenAI Responses: `POST /v1/responses` (Codex CLI, `client.responses` in the OpenAI SDKs). */
export function registerResponses(app: FastifyInstance, deps: RelayDeps): void {
  app.post('/v1/responses', surfaceHandler(responsesSurface, deps));
}
