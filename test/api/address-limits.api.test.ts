import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AccountServices, createAccountServices } from '../../src/accounts/account-services.js';
import { createMfaServices } from '../../src/accounts/mfa/mfa-services.js';
import { createOAuthServices } from '../../src/accounts/oauth/oauth-services.js';
import { SecretBox } from '../../src/channels/secret-box.js';
import { registerAccountRoutes } from '../../src/http/api/routes/account-routes.js';
import { registerEmailAuthRoutes } from '../../src/http/api/routes/email-auth-routes.js';
import { registerOAuthRoutes } from '../../src/http/api/routes/oauth-routes.js';
import { SessionPrincipals } from '../../src/http/api/session-principals.js';
import { attemptCounters } from '../../src/limits/attempt-counter.js';
import { createMailServices } from '../../src/mail/mail-services.js';
import { newId } from '../../src/platform/ids.js';
import { SettingsService } from '../../src/platform/settings.js';
import { type ApiHarness, createApiHarness } from '../api-harness.js';
import { countRows, describeEachDialect } from '../db-harness.js';

const LIMIT = 3;
const TRUSTED_PROXY = '10.0.0.7';
const START = '/api/auth/oauth/github/start';

/** Every endpoint anyone can call without an account, which does work for the caller. */
const LIMITED = [
  'POST /api/auth/register',
  'POST /api/auth/login',
  'POST /api/auth/mfa/verify',
  'POST /api/auth/passkey-login/options',
  'POST /api/auth/passkey-login',
  'POST /api/auth/verify-email',
  'POST /api/auth/verify-email/resend',
  'POST /api/auth/password-reset/request',
  'POST /api/auth/password-reset/confirm',
  'GET /api/auth/oauth/:provider/start',
  'GET /api/auth/oauth/:provider/callback',
];

describeEachDialect('public account endpoints, limited per client address', (store) => {
  let accounts: AccountServices;
  let harness: ApiHarness;
  let nextIp = 1;
  const freshIp = () => `198.51.100.${nextIp++}`;

  beforeAll(async () => {
    const settings = new SettingsService(store(), Date.now);
    await settings.update({ publicBaseUrl: 'http://aihub.test' });
    const box = new SecretBox(randomBytes(32));
    accounts = await createAccountServices({
      store: store(),
      settings,
      adminKeyHash: createHash('sha256').update('sk-aihub-admin-limits').digest(),
    });
    const counters = attemptCounters({ keyPrefix: `limits-test-${randomBytes(4).toString('hex')}` });
    const mail = await createMailServices({
      store: store(),
      env: {},
      box,
      settings,
      users: accounts.users,
      attemptCounters: counters,
      now: Date.now,
      newId,
      onError: () => {},
    });
    const oauth = await createOAuthServices({
      store: store(),
      settings,
      env: { GITHUB_CLIENT_ID: 'client-1', GITHUB_CLIENT_SECRET: 'secret-1', GITHUB_BASE_URL: 'http://127.0.0.1:9' },
      box,
      now: Date.now,
      newId,
    });
    harness = createApiHarness(
      new SessionPrincipals(accounts.sessions, accounts.keyCache),
      (api) => {
        registerAccountRoutes(api, {
          ...accounts,
          mfa: { services: createMfaServices({ store: store(), box, attemptCounters: counters }), settings },
        });
        registerEmailAuthRoutes(api, mail);
        registerOAuthRoutes(api, { ...oauth, sessions: accounts.sessions, settings });
      },
      { addressRule: { points: LIMIT, durationSeconds: 600 }, trustProxy: TRUSTED_PROXY },
    );
  });

  afterAll(async () => {
    await harness?.app.close();
    await accounts?.close();
  });

  const start = (remoteAddress: string, forwardedFor?: string) =>
    harness.app.inject({
      method: 'GET',
      url: START,
      remoteAddress,
      headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
    });
  const pendingFlows = () => countRows(store(), 'oauth_flows');

  it('limits exactly the public account endpoints, and documents the 429', () => {
    const limited = harness.api.routes.filter((route) => route.limitedPerAddress);
    expect(limited.map((route) => `${route.method} ${route.url}`).sort()).toEqual([...LIMITED].sort());
  });

  it('refuses a burst of OAuth starts from one address with a 429 and retry-after; another address still passes', async () => {
    const flood = freshIp();
    const before = await pendingFlows();
    for (let i = 0; i < LIMIT; i++) expect((await start(flood)).statusCode).toBe(302);
    const refused = await start(flood);
    expect(refused.statusCode).toBe(429);
    expect(refused.json()).toEqual({
      error: expect.objectContaining({ code: 'too_many_requests_from_address', type: expect.any(String) }),
    });
    expect(refused.json().error.message).toMatch(/^Too many requests to this page from your address\./);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(590);
    expect(await pendingFlows()).toBe(before + LIMIT);
    expect((await start(freshIp())).statusCode).toBe(302);
  });

  it('a forwarded-for header from a peer that is not a trusted proxy does not spread the count', async () => {
    const flood = freshIp();
    for (let i = 0; i < LIMIT; i++) expect((await start(flood, `203.0.113.${i + 1}`)).statusCode).toBe(302);
    expect((await start(flood, '203.0.113.99')).statusCode).toBe(429);
  });

  it('behind the trusted proxy, each forwarded client has its own count', async () => {
    const client = freshIp();
    for (let i = 0; i < LIMIT; i++) expect((await start(TRUSTED_PROXY, client)).statusCode).toBe(302);
    expect((await start(TRUSTED_PROXY, client)).statusCode).toBe(429);
    expect((await start(TRUSTED_PROXY, freshIp())).statusCode).toBe(302);
    // The proxy's own address was never what was counted.
    expect((await start(TRUSTED_PROXY)).statusCode).toBe(302);
  });

  it.each(LIMITED)('%s: refused past the limit before any other check, whatever the body', async (route) => {
    const [method, path] = route.split(' ') as ['GET' | 'POST', string];
    const url = path.replace(':provider', 'github');
    const ip = freshIp();
    const call = () =>
      harness.app.inject({
        method,
        url,
        remoteAddress: ip,
        ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, payload: '{}' } : {}),
      });
    for (let i = 0; i < LIMIT; i++) expect((await call()).statusCode).not.toBe(429);
    const refused = await call();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('too_many_requests_from_address');
    expect(refused.headers['retry-after']).toBeDefined();
    // Each endpoint counts on its own: a sign-in page is not locked by another one's burst.
    const other =
      url === START
        ? { method: 'GET' as const, url: '/api/auth/oauth/github/callback' }
        : { method: 'GET' as const, url: START };
    expect((await harness.app.inject({ ...other, remoteAddress: ip })).statusCode).not.toBe(429);
  });
});
