import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../api/schema';
import { api } from '../../lib/api';
import { useAuth } from '../../lib/auth';
import type { DailyUsage, LogPage, RequestLog, UsageSummary } from './types';

/** TanStack Query hooks for the usage and log pages. */

export interface UsageWindowParams {
  from: number;
  to?: number;
  userId?: string;
}

export function useUsageSummary(params: UsageWindowParams) {
  return useQuery({
    queryKey: ['usage', 'summary', params],
    queryFn: ({ signal }) => api.get<UsageSummary>('/api/usage/summary', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDailyUsage(params: UsageWindowParams & { tzOffsetMinutes: number }) {
  return useQuery({
    queryKey: ['usage', 'daily', params],
    queryFn: ({ signal }) => api.get<DailyUsage>('/api/usage/daily', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Models the viewer used in the past year (for the model filter), most used first. */
export function useUsedModels(userId?: string) {
  return useQuery({
    queryKey: ['usage', 'models', userId ?? null],
    queryFn: async ({ signal }) => {
      const from = Date.now() - 365 * 86_400_000;
      const summary = await api.get<UsageSummary>('/api/usage/summary', { query: { from, userId }, signal });
      return [...summary.models].sort((a, b) => b.requests - a.requests).map((model) => model.model);
    },
    staleTime: 60_000,
  });
}

/** Filters of the request log, as the API takes them (`from` is computed at fetch time). */
export interface LogFilters {
  /** How far back: `1h`, `24h`, `7d`, `30d`; undefined = all. */
  since?: LogSince;
  model?: string;
  /** `playground`, or a key id. */
  key?: string;
  status?: 'success' | 'error';
  userId?: string;
  /** The inbound API (`openai-chat`, `anthropic-messages`, `openai-responses`, `gemini`). */
  api?: SurfaceId;
  /** Generations, or token counts (`count_tokens`, `countTokens`), which cost nothing. */
  endpoint?: RequestEndpoint;
  /** Admins: the key group the requests were routed and priced in. */
  keyGroup?: string;
}

export const SURFACES = ['openai-chat', 'anthropic-messages', 'openai-responses', 'gemini'] as const;
export type SurfaceId = (typeof SURFACES)[number];

export type RequestEndpoint = RequestLog['endpoint'];
/** Every endpoint the server logs, in filter order; a record, so the compiler flags one the API adds. */
const ENDPOINTS: Record<RequestEndpoint, true> = {
  generate: true,
  count_tokens: true,
  embeddings: true,
  images: true,
  video: true,
  midjourney: true,
  speech: true,
  transcription: true,
  rerank: true,
};
export const REQUEST_ENDPOINTS = Object.keys(ENDPOINTS) as RequestEndpoint[];

export const LOG_SINCE = ['1h', '24h', '7d', '30d'] as const;
export type LogSince = (typeof LOG_SINCE)[number];
const SINCE_MS: Record<LogSince, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
};
export const LOG_PAGE_SIZE = 50;

export function logQuery(filters: LogFilters, now = Date.now()) {
  return {
    from: filters.since ? now - SINCE_MS[filters.since] : undefined,
    model: filters.model,
    keyKind: filters.key === 'playground' ? 'playground' : undefined,
    keyId: filters.key && filters.key !== 'playground' ? filters.key : undefined,
    status: filters.status,
    userId: filters.userId,
    api: filters.api,
    endpoint: filters.endpoint,
    keyGroup: filters.keyGroup,
  };
}

export function useLogs(filters: LogFilters, autoRefresh: boolean) {
  return useInfiniteQuery({
    queryKey: ['logs', 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<LogPage>('/api/logs', {
        query: { ...logQuery(filters), cursor: pageParam, limit: LOG_PAGE_SIZE },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    refetchInterval: autoRefresh ? 5_000 : false,
    refetchIntervalInBackground: false,
    staleTime: 5_000,
    placeholderData: keepPreviousData,
  });
}

export function useLog(id: string | undefined, placeholder?: RequestLog) {
  return useQuery({
    queryKey: ['logs', 'one', id],
    queryFn: ({ signal }) => api.get<RequestLog>(`/api/logs/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
    placeholderData: placeholder,
    staleTime: 60_000,
  });
}

/** The viewer's API keys (an admin: everyone's), to name the key of each log row. */
export function useKeys() {
  return useQuery({
    queryKey: ['keys', 'list', 'for-logs'],
    queryFn: ({ signal }) => api.get<ApiResponse<'/api/keys', 'get'>>('/api/keys', { query: { limit: 500 }, signal }),
    select: (page) => page.data,
    staleTime: 60_000,
  });
}

/**
 * Admins: the key groups to filter the log by, sorted: every configured key group (selectable or
 * not) and every group a listed user is in (a key without a group runs in its owner's).
 */
export function useKeyGroupNames(userGroups: readonly string[]) {
  const { isAdmin } = useAuth();
  const configured = useQuery({
    queryKey: ['admin', 'key-groups', 'for-logs'],
    queryFn: ({ signal }) => api.get<ApiResponse<'/api/admin/key-groups', 'get'>>('/api/admin/key-groups', { signal }),
    select: (answer) => answer.data.map((group) => group.name),
    enabled: isAdmin,
    staleTime: 60_000,
  });
  return [...new Set([...(configured.data ?? []), ...userGroups])].sort();
}

/** Admins: the users, for the user filter and column. */
export function useUsers() {
  const { isAdmin } = useAuth();
  return useQuery({
    queryKey: ['admin', 'users', 'for-usage'],
    queryFn: ({ signal }) =>
      api.get<ApiResponse<'/api/admin/users', 'get'>>('/api/admin/users', { query: { limit: 200 }, signal }),
    select: (page) => page.data,
    enabled: isAdmin,
    staleTime: 60_000,
  });
}
