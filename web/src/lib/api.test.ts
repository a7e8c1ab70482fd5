import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, api, buildUrl, setCsrfToken, setUnauthorizedHandler } from './api';

function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
  setUnauthorizedHandler(undefined);
});

describe('buildUrl', () => {
  it('leaves out empty values', () => {
    expect(buildUrl('/api/logs', { model: 'gpt-4o', cursor: undefined, status: '', limit: 50, user: null })).toBe(
      '/api/logs?model=gpt-4o&limit=50',
    );
    expect(buildUrl('/api/logs', {})).toBe('/api/logs');
  });
});

describe('api', () => {
  it('sends the CSRF token on mutations only, with same-origin credentials', async () => {
    const fetchMock = vi.fn(async () => jsonResponse(200, { ok: true }));
    vi.stubGlobal('fetch', fetchMock);
    setCsrfToken('token-1');
    await api.get('/api/keys');
    await api.post('/api/keys', { name: 'ci' });
    const [getCall, postCall] = fetchMock.mock.calls as unknown as [string, RequestInit][];
    expect(new Headers(getCall[1].headers).get('x-csrf-token')).toBeNull();
    expect(new Headers(postCall[1].headers).get('x-csrf-token')).toBe('token-1');
    expect(postCall[1].credentials).toBe('same-origin');
    expect(postCall[1].body).toBe('{"name":"ci"}');
  });

  it('throws ApiError from the error envelope, with the request id', async () => {
    vi.stubGlobal('fetch', async () =>
      jsonResponse(
        400,
        { error: { message: 'Bad email', type: 'invalid_request_error', param: 'email', code: 'invalid_email' } },
        { 'x-request-id': 'req_1' },
      ),
    );
    const error = await api.post('/api/auth/register', {}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 400,
      code: 'invalid_email',
      param: 'email',
      message: 'Bad email',
      requestId: 'req_1',
    });
  });

  it('refreshes a stale CSRF token once and retries', async () => {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      const token = new Headers(init.headers).get('x-csrf-token');
      calls.push(`${init.method ?? 'GET'} ${url} ${token ?? ''}`.trim());
      if (url === '/api/auth/me') return jsonResponse(200, { user: {}, csrfToken: 'fresh' });
      if (token !== 'fresh')
        return jsonResponse(403, { error: { message: 'csrf', type: 'permission_error', code: 'csrf_failed' } });
      return jsonResponse(204, undefined);
    });
    setCsrfToken('stale');
    await expect(api.delete('/api/keys/k1')).resolves.toBeUndefined();
    expect(calls).toEqual(['DELETE /api/keys/k1 stale', 'GET /api/auth/me', 'DELETE /api/keys/k1 fresh']);
  });

  it('reports a 401 outside /api/auth so the console can send the person to log in', async () => {
    vi.stubGlobal('fetch', async () => jsonResponse(401, { error: { message: 'Log in', code: 'unauthenticated' } }));
    const onUnauthorized = vi.fn();
    setUnauthorizedHandler(onUnauthorized);
    await expect(api.get('/api/keys')).rejects.toMatchObject({ status: 401 });
    await expect(api.get('/api/auth/me')).rejects.toMatchObject({ status: 401 });
    expect(onUnauthorized).toHaveBeenCalledTimes(1);
  });

  it('turns a network failure into ApiError status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    await expect(api.get('/api/keys')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });
});
