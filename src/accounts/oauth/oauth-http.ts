import { OAuthError } from './oauth-errors.js';

const TIMEOUT_MS = 10_000;

export type Fetch = typeof fetch;

/** POSTs a form to a token endpoint and reads the JSON answer; any failure is `exchange_failed`. */
export async function postTokenForm(
  fetchImpl: Fetch,
  url: string,
  form: Record<string, string>,
): Promise<Record<string, unknown>> {
  return requestJson(fetchImpl, url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams(form).toString(),
  });
}

/** GETs JSON with a bearer token (a provider's user endpoint). */
export async function getJson(fetchImpl: Fetch, url: string, accessToken?: string): Promise<unknown> {
  return requestJson(fetchImpl, url, {
    method: 'GET',
    headers: {
      accept: 'application/json',
      'user-agent': 'AIHub',
      ...(accessToken ? { authorization: `Bearer ${accessToken}` } : {}),
    },
  });
}

async function requestJson(fetchImpl: Fetch, url: string, init: RequestInit): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetchImpl(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS) });
  } catch (error) {
    throw new OAuthError('exchange_failed', `Could not reach ${new URL(url).host}.`, { cause: error });
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  // GitHub answers token errors with 200 and `{error: ...}`; others with 400.
  if (!response.ok || typeof body !== 'object' || body === null || 'error' in body) {
    const reason = typeof body === 'object' && body !== null && 'error' in body ? String(body.error) : response.status;
    throw new OAuthError('exchange_failed', `${new URL(url).pathname} refused: ${reason}.`);
  }
  return body as Record<string, unknown>;
}

/** The access token of a token endpoint's answer. */
export function accessTokenOf(body: Record<string, unknown>): string {
  const token = body.access_token;
  if (typeof token !== 'string' || !token)
    throw new OAuthError('exchange_failed', 'The token answer has no access_token.');
  return token;
}

/** `base` without trailing slashes, joined with `path`. */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}${path}`;
}
