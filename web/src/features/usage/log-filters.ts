import {
  LOG_SINCE,
  type LogFilters,
  type LogSince,
  REQUEST_ENDPOINTS,
  type RequestEndpoint,
  SURFACES,
  type SurfaceId,
} from './usage-queries';

/** The log filters live in the query string (`/logs?model=gpt-4o&status=error`): shareable, kept by /logs/:id. */
export function filtersFromSearch(search: URLSearchParams, isAdmin: boolean): LogFilters {
  const since = search.get('since');
  const status = search.get('status');
  const api = search.get('api');
  const endpoint = search.get('endpoint');
  return {
    since: (LOG_SINCE as readonly string[]).includes(since ?? '') ? (since as LogSince) : undefined,
    model: search.get('model') || undefined,
    key: search.get('key') || undefined,
    status: status === 'success' || status === 'error' ? status : undefined,
    userId: isAdmin ? search.get('user') || undefined : undefined,
    keyGroup: isAdmin ? search.get('group') || undefined : undefined,
    api: (SURFACES as readonly string[]).includes(api ?? '') ? (api as SurfaceId) : undefined,
    endpoint: (REQUEST_ENDPOINTS as readonly string[]).includes(endpoint ?? '')
      ? (endpoint as RequestEndpoint)
      : undefined,
  };
}

export function filtersToSearch(filters: LogFilters): URLSearchParams {
  const search = new URLSearchParams();
  if (filters.since) search.set('since', filters.since);
  if (filters.model) search.set('model', filters.model);
  if (filters.key) search.set('key', filters.key);
  if (filters.status) search.set('status', filters.status);
  if (filters.userId) search.set('user', filters.userId);
  if (filters.api) search.set('api', filters.api);
  if (filters.endpoint) search.set('endpoint', filters.endpoint);
  if (filters.keyGroup) search.set('group', filters.keyGroup);
  return search;
}

export function hasFilters(filters: LogFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined);
}
