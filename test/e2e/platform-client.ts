/** Small HTTP helpers for end-to-end tests of the platform API (sessions, keys, admin). */
import { ADMIN_KEY, type Gateway } from './gateway-harness.js';

/** Anything with the server's origin: a Gateway, or a server running as a child process. */
export type Target = Pick<Gateway, 'origin'>;

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

export interface Reply {
  status: number;
  headers: Headers;
  json: any;
}

async function send(
  gateway: Target,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
): Promise<Reply> {
  const response = await fetch(`${gateway.origin}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : undefined };
}

export async function register(gateway: Target, email: string, password = 'correct horse battery'): Promise<Session> {
  const response = await fetch(`${gateway.origin}/api/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as any;
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(body)}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return { cookie, csrf: body.csrfToken, userId: body.user.id };
}

/** A call as a logged-in user (cookie + CSRF token). */
export function asUser(
  gateway: Target,
  session: Session,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply> {
  return send(gateway, method, path, { cookie: session.cookie, 'x-csrf-token': session.csrf }, body);
}

/** A call with the bootstrap administrator's key. */
export function asAdmin(gateway: Target, method: string, path: string, body?: unknown): Promise<Reply> {
  return send(gateway, method, path, { authorization: `Bearer ${ADMIN_KEY}` }, body);
}

/** A call with an API key. */
export function withKey(gateway: Target, key: string, method: string, path: string, body?: unknown): Promise<Reply> {
  return send(gateway, method, path, { authorization: `Bearer ${key}` }, body);
}

export async function createKey(
  gateway: Target,
  session: Session,
  options: Record<string, unknown> = {},
): Promise<{ key: string; id: string }> {
  const reply = await asUser(gateway, session, 'POST', '/api/keys', { name: 'test key', ...options });
  if (reply.status !== 201) throw new Error(`key creation failed: ${reply.status} ${JSON.stringify(reply.json)}`);
  return { key: reply.json.key, id: reply.json.apiKey.id };
}

/** Waits until the batched request log has the row (it is written asynchronously). */
export async function waitForLog(gateway: Target, session: Session, requestId: string): Promise<any> {
  for (let i = 0; i < 100; i++) {
    const reply = await asUser(gateway, session, 'GET', `/api/logs/${requestId}`);
    if (reply.status === 200) return reply.json;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`log row ${requestId} never appeared`);
}
