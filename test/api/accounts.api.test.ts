import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { type AccountServices, createAccountServices } from '../../src/accounts/account-services.js';
import { buildOpenApiDocument } from '../../src/http/api/openapi.js';
import { registerAccountRoutes } from '../../src/http/api/routes/account-routes.js';
import { SessionPrincipals } from '../../src/http/api/session-principals.js';
import { SettingsService } from '../../src/platform/settings.js';
import { type ApiHarness, createApiHarness } from '../api-harness.js';
import { describeEachDialect } from '../db-harness.js';

const ADMIN_KEY = 'sk-aihub-admin-api-test';
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

describeEachDialect('account API', (store) => {
  let services: AccountServices;
  let harness: ApiHarness;
  let t = 1_700_000_000_000;
  const now = () => t;

  beforeAll(async () => {
    services = await createAccountServices({
      store: store(),
      settings: new SettingsService(store(), now),
      now,
      adminKeyHash: createHash('sha256').update(ADMIN_KEY).digest(),
    });
    harness = createApiHarness(new SessionPrincipals(services.sessions, services.keyCache), (api) =>
      registerAccountRoutes(api, { ...services, now }),
    );
  });

  afterAll(async () => {
    await harness.app.close();
    await services.close();
  });

  type InjectOptions = { headers?: Record<string, string>; body?: unknown; ip?: string };
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, options: InjectOptions = {}) =>
    harness.app.inject({
      method,
      url,
      headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers },
      ...(options.body !== undefined ? { payload: JSON.stringify(options.body) } : {}),
      ...(options.ip ? { remoteAddress: options.ip } : {}),
    });
  const as = (session: Session, csrf = true) => ({
    cookie: session.cookie,
    ...(csrf ? { 'x-csrf-token': session.csrf } : {}),
  });

  function sessionCookieOf(setCookie: string | string[] | undefined): string {
    const header = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    expect(header).toBeDefined();
    return header!.split(';')[0]!;
  }

  async function register(email: string): Promise<Session> {
    const res = await call('POST', '/api/auth/register', { body: { email, password: 'password-1' } });
    expect(res.statusCode, res.body).toBe(201);
    return {
      cookie: sessionCookieOf(res.headers['set-cookie']),
      csrf: res.json().csrfToken,
      userId: res.json().user.id,
    };
  }

  it('registers with the trial credit, logs in through an HttpOnly SameSite cookie, and answers /me', async () => {
    const res = await call('POST', '/api/auth/register', {
      body: { email: 'Reg@Example.com', password: 'password-1', displayName: 'Reg' },
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      trialCredit: 200_000,
      user: { email: 'reg@example.com', displayName: 'Reg', role: 'user', group: 'default', balance: 200_000 },
    });
    expect(body.csrfToken).toEqual(expect.any(String));
    const setCookie = res.headers['set-cookie'] as string;
    expect(setCookie).toMatch(/^aihub_session=[A-Za-z0-9_-]{43}; /);
    for (const attribute of ['HttpOnly', 'SameSite=Lax', 'Path=/', 'Max-Age=604800'])
      expect(setCookie).toContain(attribute);
    expect(setCookie).not.toContain('Secure'); // plain HTTP here
    expect(JSON.stringify(body)).not.toContain('argon2');

    const me = await call('GET', '/api/auth/me', { headers: { cookie: sessionCookieOf(setCookie) } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      via: 'session',
      csrfToken: body.csrfToken,
      user: { id: body.user.id, balance: 200_000 },
    });
    const ledger = await store()
      .db.selectFrom('ledger_entries')
      .selectAll()
      .where('user_id', '=', body.user.id)
      .execute();
    expect(ledger.reduce((sum, entry) => sum + Number(entry.amount), 0)).toBe(me.json().user.balance);

    const duplicate = await call('POST', '/api/auth/register', {
      body: { email: 'reg@example.com', password: 'password-1' },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error).toMatchObject({ code: 'email_taken', param: 'email' });
  });

  it('validates registration input with a 400 naming the field', async () => {
    const short = await call('POST', '/api/auth/register', { body: { email: 'v@example.com', password: 'short' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error).toMatchObject({ param: 'password', code: 'invalid_password' });
    const extra = await call('POST', '/api/auth/register', {
      body: { email: 'v@example.com', password: 'password-1', role: 'admin' },
    });
    expect(extra.statusCode).toBe(400);
    expect(await services.users.findByEmail('v@example.com')).toBeUndefined();
  });

  it('requires the CSRF token on cookie POST, PATCH and DELETE, but not on GET or with an API key', async () => {
    const alice = await register('csrf@example.com');
    const noToken = await call('POST', '/api/keys', { headers: as(alice, false), body: { name: 'k' } });
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().error.code).toBe('csrf_failed');
    const wrongToken = await call('POST', '/api/keys', {
      headers: { cookie: alice.cookie, 'x-csrf-token': 'wrong' },
      body: { name: 'k' },
    });
    expect(wrongToken.statusCode).toBe(403);
    const created = await call('POST', '/api/keys', { headers: as(alice), body: { name: 'k' } });
    expect(created.statusCode).toBe(201);
    const { key, apiKey } = created.json();
    expect(key).toMatch(/^sk-[0-9A-Za-z]{48}$/);
    const url = `/api/keys/${apiKey.id}`;
    expect((await call('PATCH', url, { headers: as(alice, false), body: { name: 'x' } })).statusCode).toBe(403);
    expect((await call('DELETE', url, { headers: as(alice, false) })).statusCode).toBe(403);
    expect((await call('GET', url, { headers: as(alice, false) })).json()).toMatchObject({ name: 'k' });
    expect((await call('PATCH', url, { headers: as(alice), body: { name: 'x' } })).json()).toMatchObject({ name: 'x' });
    // The key itself authenticates at once (no reload) and reads without CSRF, but may not mint
    // keys: a leaked, restricted key must not be able to create an unrestricted one.
    expect((await call('GET', url, { headers: { authorization: `Bearer ${key}` } })).json()).toMatchObject({
      name: 'x',
    });
    const viaKey = await call('POST', '/api/keys', {
      headers: { authorization: `Bearer ${key}` },
      body: { name: 'from key' },
    });
    expect(viaKey.statusCode).toBe(403);
    expect(viaKey.json().error.code).toBe('session_required');
    expect((await call('DELETE', url, { headers: as(alice) })).statusCode).toBe(204);
    expect((await call('GET', '/api/auth/me', { headers: { 'x-api-key': key } })).json().error.code).toBe(
      'invalid_api_key',
    );
  });

  it('logs in with one answer for unknown email and wrong password, and rate-limits with 429 + retry-after', async () => {
    await register('login@example.com');
    const ip = '198.51.100.10';
    const body = (email: string, password: string) => ({ body: { email, password }, ip });
    const wrong = await call('POST', '/api/auth/login', body('login@example.com', 'password-x'));
    const unknown = await call('POST', '/api/auth/login', body('nobody@example.com', 'password-1'));
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toEqual(wrong.json());
    const ok = await call('POST', '/api/auth/login', body('LOGIN@example.com', 'password-1'));
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['set-cookie']).toMatch(/^aihub_session=/);
    expect(ok.json().user.email).toBe('login@example.com');
    // Attempts 3-10 for this address and account (the unknown email counts for another account).
    for (let i = 3; i <= 10; i++)
      expect((await call('POST', '/api/auth/login', body('login@example.com', 'bad-pass'))).statusCode).toBe(401);
    const limited = await call('POST', '/api/auth/login', body('login@example.com', 'password-1'));
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('too_many_login_attempts');
    // The window started at this address's first attempt, a moment ago (real clock): about 15 min.
    const retryAfter = Number(limited.headers['retry-after']);
    expect(retryAfter).toBeGreaterThan(15 * 60 - 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    // Another address is not affected; after the window the account can log in again.
    expect(
      (await call('POST', '/api/auth/login', { ...body('login@example.com', 'password-1'), ip: '198.51.100.11' }))
        .statusCode,
    ).toBe(200);
    // Sign-in counters live in rate-limiter-flexible, on the system clock.
    t += 15 * 60_000;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 15 * 60_000 });
    try {
      expect((await call('POST', '/api/auth/login', body('login@example.com', 'password-1'))).statusCode).toBe(200);
    } finally {
      vi.useRealTimers();
    }
  });

  it('caps login attempts per address across accounts at 30', async () => {
    const ip = '198.51.100.20';
    for (let i = 0; i < 30; i++) {
      const res = await call('POST', '/api/auth/login', {
        body: { email: `spray${i}@example.com`, password: 'password-1' },
        ip,
      });
      expect(res.statusCode).toBe(401);
    }
    const limited = await call('POST', '/api/auth/login', {
      body: { email: 'spray-last@example.com', password: 'password-1' },
      ip,
    });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('logs out: the cookie is cleared and the session ends', async () => {
    const bob = await register('logout@example.com');
    const res = await call('POST', '/api/auth/logout', { headers: as(bob) });
    expect(res.statusCode).toBe(204);
    expect(res.headers['set-cookie']).toContain('Max-Age=0');
    expect((await call('GET', '/api/auth/me', { headers: as(bob) })).statusCode).toBe(401);
  });

  it('changes the password, ending the other sessions but not this one', async () => {
    const carol = await register('pw@example.com');
    const login = await call('POST', '/api/auth/login', {
      body: { email: 'pw@example.com', password: 'password-1' },
      ip: '198.51.100.30',
    });
    const other = sessionCookieOf(login.headers['set-cookie']);
    const wrong = await call('POST', '/api/auth/password', {
      headers: as(carol),
      body: { currentPassword: 'nope-nope', newPassword: 'password-2' },
    });
    expect(wrong.statusCode).toBe(400);
    const res = await call('POST', '/api/auth/password', {
      headers: as(carol),
      body: { currentPassword: 'password-1', newPassword: 'password-2' },
    });
    expect(res.statusCode).toBe(204);
    expect((await call('GET', '/api/auth/me', { headers: { cookie: other } })).statusCode).toBe(401);
    expect((await call('GET', '/api/auth/me', { headers: as(carol) })).statusCode).toBe(200);
  });

  it('keeps keys private: another user can neither list, read, change nor delete them; an admin can', async () => {
    const owner = await register('owner@example.com');
    const intruder = await register('intruder@example.com');
    const created = await call('POST', '/api/keys', { headers: as(owner), body: { name: 'mine', quota: 1_000_000 } });
    const { key, apiKey } = created.json();
    const url = `/api/keys/${apiKey.id}`;

    const read = await call('GET', url, { headers: as(intruder) });
    const change = await call('PATCH', url, { headers: as(intruder), body: { status: 'disabled' } });
    const remove = await call('DELETE', url, { headers: as(intruder) });
    const missing = await call('GET', '/api/keys/key_missing', { headers: as(intruder) });
    for (const res of [read, change, remove]) {
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual(missing.json()); // indistinguishable from a key that does not exist
    }
    const list = await call('GET', '/api/keys', { headers: as(intruder) });
    expect(list.json()).toEqual({ data: [], total: 0 });
    expect((await call('GET', `/api/keys?userId=${owner.userId}`, { headers: as(intruder) })).statusCode).toBe(404);
    expect(
      (await call('POST', '/api/keys', { headers: as(intruder), body: { name: 'x', userId: owner.userId } }))
        .statusCode,
    ).toBe(404);

    const mine = await call('GET', url, { headers: as(owner) });
    expect(mine.json()).toMatchObject({ name: 'mine', status: 'enabled', quota: 1_000_000 });
    expect(JSON.stringify(mine.json())).not.toContain(key.slice(10));

    const adminList = await call('GET', `/api/keys?userId=${owner.userId}`, { headers: admin });
    expect(adminList.json().data.map((k: { id: string }) => k.id)).toEqual([apiKey.id]);
    expect(
      (await call('PATCH', url, { headers: admin, body: { allowedModels: ['gpt-*'] } })).json().allowedModels,
    ).toEqual(['gpt-*']);
    expect((await call('DELETE', url, { headers: admin })).statusCode).toBe(204);
    expect((await call('GET', url, { headers: as(owner) })).statusCode).toBe(404);
  });

  it('enforces a key’s address restriction on the REST API too', async () => {
    const dave = await register('ip@example.com');
    const { key } = (
      await call('POST', '/api/keys', { headers: as(dave), body: { name: 'k', allowedIps: ['203.0.113.0/24'] } })
    ).json();
    const outside = await call('GET', '/api/keys', { headers: { authorization: `Bearer ${key}` }, ip: '198.51.100.1' });
    expect(outside.statusCode).toBe(403);
    expect(outside.json().error.code).toBe('ip_not_allowed');
    const inside = await call('GET', '/api/keys', { headers: { authorization: `Bearer ${key}` }, ip: '203.0.113.5' });
    expect(inside.statusCode).toBe(200);
  });

  it('keeps /api/admin/* for admins, who can search, edit and disable users', async () => {
    const eve = await register('eve@example.com');
    const { key } = (await call('POST', '/api/keys', { headers: as(eve), body: { name: 'k' } })).json();
    expect((await call('GET', '/api/admin/users', { headers: as(eve) })).statusCode).toBe(403);
    expect(
      (await call('GET', '/api/admin/users', { headers: { authorization: `Bearer ${key}` } })).json().error.code,
    ).toBe('admin_required');
    expect((await call('GET', `/api/admin/users/${eve.userId}`, { headers: as(eve) })).statusCode).toBe(403);
    expect(
      (await call('PATCH', `/api/admin/users/${eve.userId}`, { headers: as(eve), body: { role: 'admin' } })).statusCode,
    ).toBe(403);
    expect((await call('GET', '/api/admin/users')).statusCode).toBe(401);

    const search = await call('GET', '/api/admin/users?query=EVE@&limit=5', { headers: admin });
    expect(search.statusCode).toBe(200);
    expect(search.json()).toMatchObject({ total: 1, data: [{ id: eve.userId, email: 'eve@example.com' }] });
    expect((await call('GET', '/api/admin/users?limit=0', { headers: admin })).statusCode).toBe(400);
    expect((await call('GET', `/api/admin/users/${eve.userId}`, { headers: admin })).json().balance).toBe(200_000);

    const edited = await call('PATCH', `/api/admin/users/${eve.userId}`, { headers: admin, body: { group: 'vip' } });
    expect(edited.json()).toMatchObject({ group: 'vip', status: 'active' });
    expect((await call('GET', '/api/auth/me', { headers: { authorization: `Bearer ${key}` } })).json().user.group).toBe(
      'vip',
    );
    await call('PATCH', `/api/admin/users/${eve.userId}`, { headers: admin, body: { status: 'disabled' } });
    const disabledKey = await call('GET', '/api/auth/me', { headers: { authorization: `Bearer ${key}` } });
    expect(disabledKey.statusCode).toBe(403);
    expect(disabledKey.json().error.code).toBe('account_disabled');
    expect((await call('GET', '/api/auth/me', { headers: as(eve) })).statusCode).toBe(401);
    expect(
      (
        await call('POST', '/api/auth/login', {
          body: { email: 'eve@example.com', password: 'password-1' },
          ip: '198.51.100.40',
        })
      ).statusCode,
    ).toBe(403);
  });

  it('lets the bootstrap admin key set a console password for the bootstrap admin', async () => {
    const me = await call('GET', '/api/auth/me', { headers: admin });
    expect(me.json()).toMatchObject({ via: 'api-key', user: { id: 'usr_admin', role: 'admin', hasPassword: false } });
    const set = await call('PATCH', '/api/admin/users/usr_admin', {
      headers: admin,
      body: { password: 'admin-password' },
    });
    expect(set.json()).toMatchObject({ hasPassword: true, role: 'admin' });
    const login = await call('POST', '/api/auth/login', {
      body: { email: 'admin@aihub.local', password: 'admin-password' },
      ip: '198.51.100.50',
    });
    expect(login.statusCode).toBe(200);
    const demote = await call('PATCH', '/api/admin/users/usr_admin', { headers: admin, body: { role: 'user' } });
    expect(demote.statusCode).toBe(400);
  });

  it('documents every account route with its response schema in OpenAPI', () => {
    const doc = buildOpenApiDocument(harness.api.routes, 'test') as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }> }>>;
    };
    for (const [path, method] of [
      ['/api/auth/register', 'post'],
      ['/api/auth/me', 'get'],
      ['/api/keys', 'get'],
      ['/api/keys', 'post'],
      ['/api/keys/{id}', 'patch'],
      ['/api/playground/credential', 'post'],
      ['/api/admin/users', 'get'],
      ['/api/admin/users/{id}', 'patch'],
    ] as const) {
      const operation = doc.paths[path]?.[method];
      expect(operation, `${method} ${path}`).toBeDefined();
      const success = Object.entries(operation!.responses).find(([status]) => status.startsWith('2'))!;
      expect(success[1].content, `${method} ${path}`).toBeDefined();
    }
    expect(doc.paths['/api/keys/{id}']?.delete).toBeDefined();
    expect(doc.paths['/api/auth/logout']?.post).toBeDefined();
  });
});
