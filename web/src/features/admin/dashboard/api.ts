import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { ApiQuery, ApiResponse } from '../../../api/schema';
import { api } from '../../../lib/api';
import type { DailyUsage, User } from '../../../lib/types';

export type { ModelUsage, UsageTotals } from '../../../lib/types';

/** GET /api/admin/dashboard: totals, error rate, latency, top models and users (highest cost first). */
export type DashboardStats = ApiResponse<'/api/admin/dashboard', 'get'>;
export type UserUsage = DashboardStats['topUsers'][number];

/** GET /api/usage/daily (an admin without userId: everyone). */
export type DailyUsageResponse = DailyUsage;

export interface TimeWindow {
  from: number;
  to: number;
}

/** How many users the dashboard asks for: the count of active users is exact below it. */
export const TOP_USERS_LIMIT = 100;

export function useDashboard(window: TimeWindow, top = TOP_USERS_LIMIT) {
  return useQuery({
    queryKey: ['admin', 'dashboard', window.from, window.to, top],
    queryFn: ({ signal }) =>
      api.get<DashboardStats>('/api/admin/dashboard', { query: { from: window.from, to: window.to, top }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDailyUsage(window: TimeWindow) {
  const tzOffsetMinutes = -new Date().getTimezoneOffset();
  return useQuery({
    queryKey: ['admin', 'daily-usage', window.from, window.to, tzOffsetMinutes],
    queryFn: ({ signal }) =>
      api.get<DailyUsageResponse>('/api/usage/daily', {
        query: { from: window.from, to: window.to, tzOffsetMinutes },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** Total number of accounts (one row fetched, the total read). */
export function useUserCount() {
  return useQuery({
    queryKey: ['admin', 'users', 'count'],
    queryFn: ({ signal }) =>
      api
        .get<{ data: User[]; total: number }>('/api/admin/users', { query: { limit: 1 }, signal })
        .then((page) => page.total),
    staleTime: 60_000,
  });
}

/** Email (or name) of each user id, fetched one by one and cached: top-user tables are short. */
export function useUserLabels(ids: string[]): Map<string, User> {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: ['admin', 'user', id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<User>(`/api/admin/users/${encodeURIComponent(id)}`, { signal }),
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  const map = new Map<string, User>();
  results.forEach((result, index) => {
    const id = ids[index];
    if (result.data && id) map.set(id, result.data);
  });
  return map;
}

/** GET /api/admin/billing/overruns: requests a vendor billed beyond their hold, newest first. */
export type OverrunList = ApiResponse<'/api/admin/billing/overruns', 'get'>;
export type Overrun = OverrunList['data'][number];

/** The most the route lists at once (the server's MAX_OVERRUN_PAGE): the count is exact below it. */
export const OVERRUNS_LIMIT = 200;

/** The overruns at or after `since` (the dashboard's period), newest first. */
export function useOverruns(since: number) {
  return useQuery({
    queryKey: ['admin', 'overruns', since],
    queryFn: ({ signal }) =>
      api.get<OverrunList>('/api/admin/billing/overruns', {
        query: { since, limit: OVERRUNS_LIMIT } satisfies ApiQuery<'/api/admin/billing/overruns', 'get'>,
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/admin/usage/cache-hits: upstream prompt-cache hit rates per channel and per model. */
export type CacheHitReport = ApiResponse<'/api/admin/usage/cache-hits', 'get'>;
export type CacheHitRow = CacheHitReport['totals'];

export function useCacheHits(window: TimeWindow) {
  return useQuery({
    queryKey: ['admin', 'cache-hits', window.from, window.to],
    queryFn: ({ signal }) =>
      api.get<CacheHitReport>('/api/admin/usage/cache-hits', { query: { from: window.from, to: window.to }, signal }),
    placeholderData: keepPreviousData,
  });
}
