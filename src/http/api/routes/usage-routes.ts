import { GatewayError } from '../../../ir/index.js';
import type { CacheHitRates } from '../../../logs/cache-hit-rates.js';
import { DAY_MS } from '../../../logs/day-bucket.js';
import {
  cacheHitQuerySchema,
  cacheHitResponseSchema,
  dailyUsageQuerySchema,
  dailyUsageResponseSchema,
  dashboardQuerySchema,
  dashboardResponseSchema,
  usageSummaryQuerySchema,
  usageSummaryResponseSchema,
} from '../../../logs/log-api-schemas.js';
import type { UsageAggregates } from '../../../logs/usage-aggregates.js';
import type { ApiRegistry } from '../api-route.js';

export interface UsageRouteServices {
  usage: UsageAggregates;
  /** Prompt-cache hit rates per channel and model (GET /api/admin/usage/cache-hits). */
  cacheHits: CacheHitRates;
  /** The clock for default windows (default Date.now). */
  now?: () => number;
}

/** Longest window a usage query may span. */
export const MAX_USAGE_WINDOW_DAYS = 400;

/**
 * GET /api/usage/daily and /api/usage/summary (a user: their own; an admin: everyone, or one user
 * with `userId`), GET /api/admin/dashboard and GET /api/admin/usage/cache-hits (admins).
 */
export function registerUsageRoutes(api: ApiRegistry, services: UsageRouteServices): void {
  const now = services.now ?? Date.now;

  api.route(
    {
      method: 'GET',
      url: '/api/usage/daily',
      summary: 'Usage per day and model, for charts',
      tags: ['usage'],
      access: 'user',
      query: dailyUsageQuerySchema,
      response: dailyUsageResponseSchema,
    },
    async ({ principal, query }) => {
      const window = resolveWindow(query, now(), 30);
      const tzOffsetMinutes = query.tzOffsetMinutes ?? 0;
      const data = await services.usage.dailyUsage({
        viewer: principal,
        ...window,
        userId: query.userId,
        model: query.model,
        tzOffsetMinutes,
      });
      return { ...window, tzOffsetMinutes, data };
    },
  );

  api.route(
    {
      method: 'GET',
      url: '/api/usage/summary',
      summary: 'Usage totals for a window, and per model',
      tags: ['usage'],
      access: 'user',
      query: usageSummaryQuerySchema,
      response: usageSummaryResponseSchema,
    },
    async ({ principal, query }) =>
      services.usage.summary({
        viewer: principal,
        ...resolveWindow(query, now(), 30),
        userId: query.userId,
        model: query.model,
      }),
  );

  api.route(
    {
      method: 'GET',
      url: '/api/admin/dashboard',
      summary: 'Totals, error rate, latency percentiles, top models and users (default: the last 24 hours)',
      tags: ['admin', 'usage'],
      access: 'admin',
      query: dashboardQuerySchema,
      response: dashboardResponseSchema,
    },
    async ({ principal, query }) =>
      services.usage.dashboard({ viewer: principal, ...resolveWindow(query, now(), 1), top: query.top }),
  );

  api.route(
    {
      method: 'GET',
      url: '/api/admin/usage/cache-hits',
      summary: 'Upstream prompt-cache hit rates per channel and per model (default: the last 24 hours)',
      tags: ['admin', 'usage'],
      access: 'admin',
      query: cacheHitQuerySchema,
      response: cacheHitResponseSchema,
    },
    async ({ principal, query }) =>
      services.cacheHits.report({ viewer: principal, ...resolveWindow(query, now(), 1), top: query.top }),
  );
}

/** [from, to) from the query: `to` defaults to now, `from` to `defaultDays` before `to`. */
export function resolveWindow(query: { from?: number; to?: number }, now: number, defaultDays: number) {
  const to = query.to ?? now;
  const from = query.from ?? Math.max(0, to - defaultDays * DAY_MS);
  if (from >= to) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: "'from' must be before 'to'.",
      param: 'from',
      code: 'invalid_value',
    });
  }
  if (to - from > MAX_USAGE_WINDOW_DAYS * DAY_MS) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: `A usage window spans at most ${MAX_USAGE_WINDOW_DAYS} days.`,
      param: 'from',
      code: 'invalid_value',
    });
  }
  return { from, to };
}
