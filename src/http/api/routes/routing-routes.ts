import { z } from 'zod';
import type { RouteHealth } from '../../../routing/health/route-health.js';
import type { ApiRegistry } from '../api-route.js';

export const routingHealthResponse = z.object({
  cooldowns: z
    .array(z.object({ channelId: z.string(), keyId: z.string(), until: z.number().int() }))
    .describe('Keys resting after a rate limit or an account error, until epoch ms.'),
  openBreakers: z
    .array(
      z.object({
        channelId: z.string(),
        keyId: z.string(),
        model: z.string(),
        state: z.enum(['open', 'half-open']),
        availableAt: z.number().int().describe('Epoch ms when it may be tried again.'),
      }),
    )
    .describe('Circuit breakers per (channel, key, model) that are not closed.'),
});

/** GET /api/admin/routing/health: what this process has learned about the upstreams. */
export function registerRoutingRoutes(api: ApiRegistry, routeHealth: Pick<RouteHealth, 'snapshot'>): void {
  api.route(
    {
      method: 'GET',
      url: '/api/admin/routing/health',
      summary: 'Keys cooling down and circuit breakers not closed, per channel, key and model',
      tags: ['channels'],
      access: 'admin',
      response: routingHealthResponse,
    },
    async () => routeHealth.snapshot(),
  );
}
