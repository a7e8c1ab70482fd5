import { z } from 'zod';
import type { PlaygroundKeys } from '../../../accounts/playground-keys.js';
import { GatewayError } from '../../../ir/index.js';
import type { ApiRegistry } from '../api-route.js';
import { sessionTokenOf } from '../session-principals.js';

export const playgroundCredentialResponse = z.object({
  key: z.string().describe('An sk-… key for /v1 (Authorization: Bearer), billed to you; refused by the console API'),
  keyId: z.string().describe('Its id, as in request-log rows (which also say keyKind: playground)'),
  expiresAt: z.number().int().describe('Milliseconds since the Unix epoch; at most 12 h, never beyond the session'),
});

/**
 * POST /api/playground/credential: the console playground calls the real `/v1` API with a
 * short-lived key of its session (see PlaygroundKeys). A console session with CSRF only: an API
 * key, even an administrator's, cannot mint one.
 */
export function registerPlaygroundRoutes(api: ApiRegistry, playground: PlaygroundKeys): void {
  api.route(
    {
      method: 'POST',
      sessionOnly: true,
      url: '/api/playground/credential',
      summary:
        'The playground’s /v1 key for this console session: the same one while it has 15 min or more left, revoked at logout and on a password change',
      tags: ['playground'],
      access: 'user',
      response: playgroundCredentialResponse,
    },
    async ({ principal, request, reply }) => {
      const token = principal.via === 'session' ? sessionTokenOf(request) : undefined;
      if (!token) {
        throw new GatewayError({
          kind: 'permission',
          message: 'The playground credential needs a console session.',
          code: 'session_required',
        });
      }
      reply.header('cache-control', 'no-store');
      return playground.issue(token);
    },
  );
}
