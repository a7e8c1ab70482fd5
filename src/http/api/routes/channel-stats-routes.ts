import { z } from 'zod';
import { ChannelStats } from '../../../logs/channel-stats.js';
import type { Store } from '../../../store/database.js';
import type { ApiRegistry } from '../api-route.js';
import { resolveWindow } from './usage-routes.js';

const epochMs = z.coerce.number().int().nonnegative();

const tableQuery = z.object({
  from: epochMs.optional().describe('Epoch ms, inclusive (default: `to` minus one day)'),
  to: epochMs.optional().describe('Epoch ms, exclusive (default: now)'),
  top: z.coerce.number().int().min(1).max(200).optional().describe('Most channels (default 50, busiest first)'),
});

const tableResponse = z.object({
  from: z.number().int(),
  to: z.number().int(),
  data: z.array(
    z.object({
      channel: z.string().describe("The channel's name as logged"),
      requests: z.number().int(),
      errors: z.number().int(),
      errorRate: z.number(),
      avgLatencyMs: z.number().int(),
      p50LatencyMs: z.number().int().nullable(),
      cost: z.number().int().describe('Units (1e-6 USD)'),
    }),
  ),
});

const hourlyQuery = z.object({ channel: z.string().min(1).max(200).optional().describe("One channel's name") });

const hourlyResponse = z.object({
  data: z.array(
    z.object({
      hour: z.number().int().describe('Epoch ms at which the hour starts'),
      requests: z.number().int(),
      errors: z.number().int(),
      cost: z.number().int(),
    }),
  ),
});

/** The dashboard's per-channel table and its last-24-hours chart (admins only). */
export function registerChannelStatsRoutes(api: ApiRegistry, services: { store: Store; now: () => number }): void {
  const stats = new ChannelStats(services.store);
  api.route(
    {
      method: 'GET',
      url: '/api/admin/dashboard/channels',
      summary: 'Per-channel requests, errors, latency and cost for a window (default: the last 24 hours)',
      tags: ['admin', 'usage'],
      access: 'admin',
      query: tableQuery,
      response: tableResponse,
    },
    async ({ principal, query }) => {
      const window = resolveWindow(query, services.now(), 1);
      return { ...window, data: await stats.table({ viewer: principal, ...window, top: query.top }) };
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/admin/dashboard/hourly',
      summary: 'Requests, errors and cost per hour for the last 24 hours (all channels, or one)',
      tags: ['admin', 'usage'],
      access: 'admin',
      query: hourlyQuery,
      response: hourlyResponse,
    },
    async ({ principal, query }) => ({
      data: await stats.hourly({
        viewer: principal,
        now: services.now(),
        ...(query.channel ? { channel: query.channel } : {}),
      }),
    }),
  );
}
