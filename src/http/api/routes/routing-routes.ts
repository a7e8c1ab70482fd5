import { z } from 'zod';
import type { RouteHealth } from '../../../routing/health/route-health.js';
import type { RouteSpeed } from '../../../routing/route-speed.js';
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

export const routingSpeedResponse = z.object({
  data: z
    .array(
      z.object({
        channelId: z.string(),
        model: z.string().describe('The upstream model'),
        ttftMs: z
          .number()
          .optional()
          .describe('Moving average: milliseconds from an attempt’s start to its first byte'),
        tokensPerSecond: z.number().optional().describe('Moving average: a stream’s output tokens per second'),
        ttftP95Ms: z
          .number()
          .optional()
          .describe(
            '95th percentile time to first byte over the last 64 answers, from 20 answers on; what hedging waits by default',
          ),
        samples: z.number().int(),
      }),
    )
    .describe('Per (channel, model), most recently served first; what `provider.sort: latency|throughput` reads.'),
});

/**
 * GET /api/admin/routing/health and /speed: what this process has learned about the upstreams
 * (each replica its own, from the traffic it served).
 */
export function registerRoutingRoutes(
  api: ApiRegistry,
  routeHealth: Pick<RouteHealth, 'snapshot'>,
  routeSpeed?: Pick<RouteSpeed, 'snapshot'>,
): void {
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
  api.route(
    {
      method: 'GET',
      url: '/api/admin/routing/speed',
      summary: 'Measured time to first byte and stream tokens per second, per channel and model',
      tags: ['channels'],
      access: 'admin',
      response: routingSpeedResponse,
    },
    async () => ({ data: routeSpeed?.snapshot() ?? [] }),
  );
}
