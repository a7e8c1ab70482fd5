/**
 * The console's client for AIHub's REST API (`/api/...`). Same-origin cookies carry the session;
 * mutating requests echo the session's CSRF token in `x-csrf-token` (the token comes from the
 * login, register and /api/auth/me responses; `auth.tsx` stores it here). Errors arrive in the
 * OpenAI envelope `{"error": {"message", "type", "param", "code"}}` and are thrown as ApiError.
 */

export type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  /** Appended as `?name=value`; null, undefined and '' are left out. */
  query?: Record<string, QueryValue>;
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

export class ApiError extends Error {
  constructor(
    /** HTTP status; 0 when the request never got an answer (network down, aborted). */
    readonly status: number,
    /** The server's machine code (`csrf_failed`, `invalid_credentials`, `registration_disabled`...), if any. */
    readonly code: string | null,
    message: string,
    readonly type: string | null = null,
    /** The request field at fault, when the server names one. */
    readonly param: string | null = null,
    readonly requestId: string | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get isUnauthorized(): boolean {
    return this.status === 401;
  }
}

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
let csrfToken: string | undefined;
let onUnauthorized: (() => void) | undefined;

/** Called by auth.tsx with the token from login/register/me (undefined after logout). */
export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when a request comes back 401 (the session ended elsewhere): auth.tsx re-checks who we are. */
export function setUnauthorizedHandler(handler: (() => void) | undefined): void {
  onUnauthorized = handler;
}

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.append(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}${path.includes('?') ? '&' : '?'}${text}` : path;
}

/**
 * The raw fetch, for callers that read the body themselves (SSE streams, CSV downloads): adds
 * credentials and the CSRF header, throws ApiError for a non-2xx answer, returns the Response.
 */
export async function apiFetch(path: string, init: RequestInit & RequestOptions = {}): Promise<Response> {
  const { query, headers, ...rest } = init;
  const method = (rest.method ?? 'GET').toUpperCase();
  const send = () => {
    const allHeaders = new Headers(headers);
    if (MUTATING.has(method) && csrfToken && !allHeaders.has('x-csrf-token')) allHeaders.set('x-csrf-token', csrfToken);
    return fetch(buildUrl(path, query), { ...rest, method, headers: allHeaders, credentials: 'same-origin' });
  };
  let response: Response;
  try {
    response = await send();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : 'Network error');
  }
  if (response.ok) return response;
  let error = await errorFrom(response);
  // The session may have been renewed in another tab: fetch the current token once and retry.
  if (error.code === 'csrf_failed' && MUTATING.has(method) && (await refreshCsrfToken())) {
    response = await send();
    if (response.ok) return response;
    error = await errorFrom(response);
  }
  if (error.status === 401 && !path.startsWith('/api/auth/')) onUnauthorized?.();
  throw error;
}

async function request<T>(method: string, path: string, body: unknown, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await apiFetch(path, {
    method,
    query: options.query,
    signal: options.signal,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * `api.get<User[]>('/api/keys', { query: { limit: 50 } })`, `api.post<Key>('/api/keys', { name })`.
 * Every call resolves to the parsed JSON (undefined for 204) or throws ApiError.
 */
export const api = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, undefined, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('POST', path, body ?? {}, options),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PUT', path, body ?? {}, options),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) => request<T>('PATCH', path, body ?? {}, options),
  delete: <T = void>(path: string, options?: RequestOptions) => request<T>('DELETE', path, undefined, options),
};

async function refreshCsrfToken(): Promise<boolean> {
  try {
    const response = await fetch('/api/auth/me', {
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) return false;
    const me = (await response.json()) as { csrfToken?: string };
    if (!me.csrfToken || me.csrfToken === csrfToken) return false;
    csrfToken = me.csrfToken;
    return true;
  } catch {
    return false;
  }
}

async function errorFrom(response: Response): Promise<ApiError> {
  const requestId = response.headers.get('x-request-id');
  let text = '';
  try {
    text = await response.text();
  } catch {
    // The body could not be read; the status still says what happened.
  }
  try {
    const parsed = JSON.parse(text) as { error?: { message?: string; type?: string; code?: string; param?: string } };
    if (parsed.error && typeof parsed.error.message === 'string') {
      const { message, type, code, param } = parsed.error;
      return new ApiError(response.status, code ?? null, message, type ?? null, param ?? null, requestId);
    }
  } catch {
    // Not JSON (a proxy's HTML error page): fall through to the status text.
  }
  return new ApiError(response.status, null, response.statusText || `HTTP ${response.status}`, null, null, requestId);
}
