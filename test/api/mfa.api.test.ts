import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AccountServices, createAccountServices } from '../../src/accounts/account-services.js';
import { createMfaServices } from '../../src/accounts/mfa/mfa-services.js';
import { totpCode } from '../../src/accounts/mfa/totp.js';
import { SecretBox } from '../../src/channels/secret-box.js';
import { buildOpenApiDocument } from '../../src/http/api/openapi.js';
import { registerAccountRoutes } from '../../src/http/api/routes/account-routes.js';
import { SessionPrincipals } from '../../src/http/api/session-principals.js';
import { SettingsService } from '../../src/platform/settings.js';
import { type ApiHarness, createApiHarness } from '../api-harness.js';
import { describeEachDialect } from '../db-harness.js';

const ADMIN_KEY = 'sk-aihub-admin-mfa-test';
const adminKey = { authorization: `Bearer ${ADMIN_KEY}` };
const PASSWORD = 'password-1';

interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

describeEachDialect('two-factor sign-in API', (store) => {
  let services: AccountServices;
  let settings: SettingsService;
  let harness: ApiHarness;
  /** Alice's secret, as her authenticator app holds it. */
  let aliceSecret = '';
  // A fixed clock, moved by hand: every code below is computed for it.
  let t = 1_800_000_000_000;
  const now = () => t;
  const nextStep = () => {
    t += 30_000;
  };

  beforeAll(async () => {
    settings = new SettingsService(store(), now);
    services = await createAccountServices({
      store: store(),
      settings,
      now,
      adminKeyHash: createHash('sha256').update(ADMIN_KEY).digest(),
    });
    const mfa = createMfaServices({ store: store(), box: new SecretBox(randomBytes(32)), now });
    harness = createApiHarness(new SessionPrincipals(services.sessions, services.keyCache), (api) => {
      registerAccountRoutes(api, { ...services, now, mfa: { services: mfa, settings } });
    });
  });

  afterAll(async () => {
    await harness.app.close();
    await services.close();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers = {}) =>
    harness.app.inject({
      method,
      url,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  const as = (session: Session) => ({ cookie: session.cookie, 'x-csrf-token': session.csrf });
  const sessionOf = (res: Awaited<ReturnType<typeof call>>): Session => {
    const header = res.headers['set-cookie'];
    const cookie = (Array.isArray(header) ? header[0] : header)?.split(';')[0];
    expect(cookie, res.body).toBeDefined();
    return { cookie: cookie!, csrf: res.json().csrfToken, userId: res.json().user.id };
  };

  async function register(email: string): Promise<Session> {
    const res = await call('POST', '/api/auth/register', { email, password: PASSWORD });
    expect(res.statusCode, res.body).toBe(201);
    return sessionOf(res);
  }

  /** Turns TOTP on for the session's user; returns the secret and backup codes. */
  async function enrol(session: Session): Promise<{ secret: string; backupCodes: string[] }> {
    const setup = await call('POST', '/api/auth/mfa/totp/setup', undefined, as(session));
    expect(setup.statusCode, setup.body).toBe(200);
    const { secret } = setup.json();
    const confirm = await call('POST', '/api/auth/mfa/totp/confirm', { code: totpCode(secret, t) }, as(session));
    expect(confirm.statusCode, confirm.body).toBe(200);
    return { secret, backupCodes: confirm.json().backupCodes };
  }

  async function passwordStep(email: string): Promise<string> {
    const res = await call('POST', '/api/auth/login', { email, password: PASSWORD });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().mfaRequired).toBe(true);
    expect(res.headers['set-cookie']).toBeUndefined();
    return res.json().challenge;
  }

  it('enrols an app with a confirming code, stores the secret encrypted, and hands out 10 backup codes', async () => {
    const alice = await register('alice@example.com');
    const setup = await call('POST', '/api/auth/mfa/totp/setup', undefined, as(alice));
    const { secret, otpauthUri } = setup.json();
    aliceSecret = secret;
    expect(otpauthUri).toContain(`secret=${secret}`);
    const wrong = await call('POST', '/api/auth/mfa/totp/confirm', { code: '000000' }, as(alice));
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('invalid_mfa_code');
    expect((await call('GET', '/api/auth/mfa', undefined, as(alice))).json().totpEnabled).toBe(false);

    const confirm = await call('POST', '/api/auth/mfa/totp/confirm', { code: totpCode(secret, t) }, as(alice));
    expect(confirm.statusCode, confirm.body).toBe(200);
    expect(confirm.json().backupCodes).toHaveLength(10);
    expect((await call('GET', '/api/auth/mfa', undefined, as(alice))).json()).toEqual({
      totpEnabled: true,
      backupCodesRemaining: 10,
      enrolmentRequired: false,
    });
    const row = await store()
      .db.selectFrom('mfa_totp')
      .selectAll()
      .where('user_id', '=', alice.userId)
      .executeTakeFirst();
    expect(row?.secret_encrypted).not.toContain(secret);
    const again = await call('POST', '/api/auth/mfa/totp/setup', undefined, as(alice));
    expect(again.json().error.code).toBe('mfa_already_enabled');
  });

  it('asks for the second factor after the password, refuses wrong and replayed codes, then starts a session', async () => {
    nextStep();
    const challenge = await passwordStep('alice@example.com');
    const secret = aliceSecret;
    const wrong = await call('POST', '/api/auth/mfa/verify', { challenge, code: '123456' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('invalid_mfa_code');

    const ok = await call('POST', '/api/auth/mfa/verify', { challenge, code: totpCode(secret, t) });
    expect(ok.statusCode, ok.body).toBe(200);
    const session = sessionOf(ok);
    expect((await call('GET', '/api/auth/me', undefined, { cookie: session.cookie })).statusCode).toBe(200);

    const reused = await call('POST', '/api/auth/mfa/verify', { challenge, code: totpCode(secret, t) });
    expect(reused.statusCode).toBe(401);
    expect(reused.json().error.code).toBe('mfa_challenge_invalid');

    // The same code on a fresh challenge: already used within its step.
    const fresh = await passwordStep('alice@example.com');
    const replay = await call('POST', '/api/auth/mfa/verify', { challenge: fresh, code: totpCode(secret, t) });
    expect(replay.json().error.code).toBe('invalid_mfa_code');
    nextStep();
    expect(
      (await call('POST', '/api/auth/mfa/verify', { challenge: fresh, code: totpCode(secret, t) })).statusCode,
    ).toBe(200);
  });

  it('takes each backup code once, and lets new codes replace the old', async () => {
    const bob = await register('bob@example.com');
    const { secret, backupCodes } = await enrol(bob);
    const [first, second] = backupCodes as [string, string];
    const ok = await call('POST', '/api/auth/mfa/verify', {
      challenge: await passwordStep('bob@example.com'),
      code: first,
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const again = await call('POST', '/api/auth/mfa/verify', {
      challenge: await passwordStep('bob@example.com'),
      code: first.toUpperCase(),
    });
    expect(again.json().error.code).toBe('invalid_mfa_code');
    expect((await call('GET', '/api/auth/mfa', undefined, as(bob))).json().backupCodesRemaining).toBe(9);

    nextStep();
    const regenerated = await call('POST', '/api/auth/mfa/backup-codes', { code: totpCode(secret, t) }, as(bob));
    expect(regenerated.statusCode, regenerated.body).toBe(200);
    const old = await call('POST', '/api/auth/mfa/verify', {
      challenge: await passwordStep('bob@example.com'),
      code: second,
    });
    expect(old.json().error.code).toBe('invalid_mfa_code');
    const fresh = await call('POST', '/api/auth/mfa/verify', {
      challenge: await passwordStep('bob@example.com'),
      code: regenerated.json().backupCodes[0],
    });
    expect(fresh.statusCode).toBe(200);
  });

  it('ends a challenge after 5 wrong codes or 5 minutes, and caps codes per account', async () => {
    const carol = await register('carol@example.com');
    const { secret } = await enrol(carol);
    nextStep();
    const challenge = await passwordStep('carol@example.com');
    for (let i = 0; i < 5; i++) {
      expect((await call('POST', '/api/auth/mfa/verify', { challenge, code: '000000' })).statusCode).toBe(400);
    }
    const spent = await call('POST', '/api/auth/mfa/verify', { challenge, code: totpCode(secret, t) });
    expect(spent.json().error.code).toBe('mfa_challenge_invalid');

    const stale = await passwordStep('carol@example.com');
    t += 5 * 60_000 + 1;
    expect(
      (await call('POST', '/api/auth/mfa/verify', { challenge: stale, code: totpCode(secret, t) })).statusCode,
    ).toBe(401);

    const second = await passwordStep('carol@example.com');
    for (let i = 0; i < 5; i++) await call('POST', '/api/auth/mfa/verify', { challenge: second, code: '000000' });
    const third = await passwordStep('carol@example.com');
    const limited = await call('POST', '/api/auth/mfa/verify', { challenge: third, code: totpCode(secret, t) });
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('too_many_mfa_attempts');
  });

  it('turns 2FA off with the password (not a wrong one); the password alone then signs in', async () => {
    const dave = await register('dave@example.com');
    await enrol(dave);
    const wrong = await call('POST', '/api/auth/mfa/totp/disable', { password: 'not-it-at-all' }, as(dave));
    expect(wrong.statusCode).toBe(400);
    const off = await call('POST', '/api/auth/mfa/totp/disable', { password: PASSWORD }, as(dave));
    expect(off.statusCode, off.body).toBe(204);
    const login = await call('POST', '/api/auth/login', { email: 'dave@example.com', password: PASSWORD });
    expect(login.json().csrfToken).toBeDefined();
  });

  it('holds administrators without 2FA out of admin routes when required, but never the admin key', async () => {
    const erin = await register('erin@example.com');
    const promote = await call('PATCH', `/api/admin/users/${erin.userId}`, { role: 'admin' }, adminKey);
    expect(promote.statusCode, promote.body).toBe(200);
    const admin = sessionOf(await call('POST', '/api/auth/login', { email: 'erin@example.com', password: PASSWORD }));
    expect((await call('GET', '/api/admin/users', undefined, as(admin))).statusCode).toBe(200);

    await settings.update({ requireAdminMfa: true });
    try {
      const refused = await call('GET', '/api/admin/users', undefined, as(admin));
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('mfa_enrolment_required');
      expect((await call('GET', '/api/auth/mfa', undefined, as(admin))).json().enrolmentRequired).toBe(true);
      expect((await call('GET', '/api/admin/users', undefined, adminKey)).statusCode).toBe(200);
      // Their own account routes still work: that is where they enrol.
      expect((await call('GET', '/api/auth/me', undefined, as(admin))).statusCode).toBe(200);

      nextStep();
      await enrol(admin);
      expect((await call('GET', '/api/admin/users', undefined, as(admin))).statusCode).toBe(200);
    } finally {
      await settings.update({ requireAdminMfa: false });
    }
  });

  it('issues passkey challenges for the address asked at, and refuses an unknown credential', async () => {
    const options = await call('POST', '/api/auth/passkey-login/options', undefined, { host: 'localhost:3000' });
    expect(options.statusCode, options.body).toBe(200);
    expect(options.json()).toMatchObject({ rpId: 'localhost', challenge: expect.any(String) });
    const clientDataJSON = Buffer.from(
      JSON.stringify({ type: 'webauthn.get', challenge: options.json().challenge, origin: 'http://localhost:3000' }),
    ).toString('base64url');
    const forged = {
      response: {
        id: 'bm90LWEtcGFzc2tleQ',
        rawId: 'bm90LWEtcGFzc2tleQ',
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON, authenticatorData: 'AA', signature: 'AA' },
      },
    };
    const refused = await call('POST', '/api/auth/passkey-login', forged, { host: 'localhost:3000' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('passkey_invalid');
    expect(refused.headers['set-cookie']).toBeUndefined();

    const frank = await register('frank@example.com');
    const creation = await call('POST', '/api/auth/passkeys/options', undefined, {
      ...as(frank),
      host: 'localhost:3000',
    });
    expect(creation.json()).toMatchObject({
      rp: { id: 'localhost' },
      authenticatorSelection: { residentKey: 'required' },
    });
    expect((await call('GET', '/api/auth/passkeys', undefined, as(frank))).json()).toEqual({ data: [] });
    const missing = await call('DELETE', '/api/auth/passkeys/nope', undefined, as(frank));
    expect(missing.json().error.code).toBe('passkey_not_found');
  });

  it('documents the two-factor and passkey routes in OpenAPI', () => {
    const doc = buildOpenApiDocument(harness.api.routes, 'test') as { paths: Record<string, Record<string, unknown>> };
    for (const [path, method] of [
      ['/api/auth/mfa', 'get'],
      ['/api/auth/mfa/totp/setup', 'post'],
      ['/api/auth/mfa/totp/confirm', 'post'],
      ['/api/auth/mfa/totp/disable', 'post'],
      ['/api/auth/mfa/backup-codes', 'post'],
      ['/api/auth/mfa/verify', 'post'],
      ['/api/auth/passkeys', 'get'],
      ['/api/auth/passkeys', 'post'],
      ['/api/auth/passkeys/options', 'post'],
      ['/api/auth/passkeys/{id}', 'delete'],
      ['/api/auth/passkey-login/options', 'post'],
      ['/api/auth/passkey-login', 'post'],
    ] as const) {
      expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
  });
});
