/**
 * Email verification, password reset and the captcha through the real routes, on SQLite and
 * PostgreSQL, with mail going to a local SMTP server and Turnstile answered by its emulator.
 */
import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AccountServices, createAccountServices } from '../../src/accounts/account-services.js';
import { SecretBox } from '../../src/channels/secret-box.js';
import { registerAccountRoutes } from '../../src/http/api/routes/account-routes.js';
import { registerEmailAuthRoutes } from '../../src/http/api/routes/email-auth-routes.js';
import { registerMailAdminRoutes } from '../../src/http/api/routes/mail-admin-routes.js';
import { registerSettingsRoutes } from '../../src/http/api/routes/settings-routes.js';
import { SessionPrincipals } from '../../src/http/api/session-principals.js';
import { attemptCounters } from '../../src/limits/attempt-counter.js';
import { createMailServices, type MailServices } from '../../src/mail/mail-services.js';
import { newId } from '../../src/platform/ids.js';
import { SettingsService } from '../../src/platform/settings.js';
import { type ApiHarness, createApiHarness } from '../api-harness.js';
import { describeEachDialect } from '../db-harness.js';
import { startTurnstileEmulator, type TurnstileEmulator } from '../emulators/turnstile-emulator.js';
import { type CapturedMail, type SmtpCapture, startSmtpCapture } from './smtp-capture.js';

const ADMIN_KEY = 'sk-aihub-admin-mail-test';
const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const TURNSTILE_SECRET = 'turnstile-secret-1';
/** The operator's public address: emailed links point here, whatever Host a request names. */
const PUBLIC_URL = 'https://ai.example.com';

describeEachDialect('account mail', (store) => {
  let accounts: AccountServices;
  let mail: MailServices;
  let settings: SettingsService;
  let harness: ApiHarness;
  let smtp: SmtpCapture;
  let turnstile: TurnstileEmulator;
  let t = 1_700_000_000_000;
  const now = () => t;
  let nextIp = 1;
  /** A fresh client address per test: the per-address limits are not what most tests are about. */
  const freshIp = () => `198.51.100.${nextIp++}`;

  beforeAll(async () => {
    smtp = await startSmtpCapture({ user: 'mailer', password: 's3cret' });
    turnstile = await startTurnstileEmulator({ secret: TURNSTILE_SECRET });
    settings = new SettingsService(store(), now);
    await settings.update({ publicBaseUrl: `${PUBLIC_URL}/` });
    accounts = await createAccountServices({
      store: store(),
      settings,
      now,
      adminKeyHash: createHash('sha256').update(ADMIN_KEY).digest(),
    });
    const env = { SMTP_URL: smtp.url, SMTP_FROM: 'AIHub <noreply@aihub.test>', TURNSTILE_BASE_URL: turnstile.url };
    mail = await createMailServices({
      store: store(),
      env,
      box: new SecretBox(randomBytes(32)),
      settings,
      users: accounts.users,
      attemptCounters: attemptCounters({ keyPrefix: `mail-test-${randomBytes(4).toString('hex')}` }),
      now,
      newId,
      onError: () => {},
    });
    harness = createApiHarness(new SessionPrincipals(accounts.sessions, accounts.keyCache), (api) => {
      registerAccountRoutes(api, { ...accounts, now, captcha: mail.captcha, emails: mail.emails });
      registerEmailAuthRoutes(api, mail);
      registerSettingsRoutes(api, settings);
      registerMailAdminRoutes(api, { ...mail, env, onSendError: () => {} });
    });
  });

  afterAll(async () => {
    await harness.app.close();
    mail.close();
    await accounts.close();
    await smtp.close();
    await turnstile.close();
  });

  type Method = 'GET' | 'POST' | 'PUT' | 'PATCH';
  const call = (method: Method, url: string, body?: unknown, headers: Record<string, string> = {}, ip = freshIp()) =>
    harness.app.inject({
      method,
      url,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        host: 'console.test',
        ...headers,
      },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      remoteAddress: ip,
    });

  async function register(email: string, extra: Record<string, unknown> = {}) {
    const res = await call('POST', '/api/auth/register', { email, password: 'password-1', ...extra });
    expect(res.statusCode, res.body).toBe(201);
    const cookie = String(res.headers['set-cookie']).split(';')[0]!;
    return { cookie, csrf: res.json().csrfToken as string, body: res.json() };
  }

  function tokenIn(message: CapturedMail, path: string): string {
    const match = new RegExp(`https?://[^\\s]+${path}\\?token=([A-Za-z0-9_-]+)`).exec(message.text);
    expect(match, message.text).not.toBeNull();
    return match![1]!;
  }

  it('resets a password through the emailed link: single use, sessions ended, the new password works', async () => {
    const session = await register('reset@example.com');
    const asked = await call('POST', '/api/auth/password-reset/request', {
      email: 'Reset@Example.com',
      language: 'zh',
    });
    expect(asked.statusCode).toBe(200);
    expect(asked.json()).toEqual({ accepted: true });
    const message = await smtp.next('reset@example.com');
    expect(message.subject).toBe('重置你的密码');
    expect(message.from).toBe('noreply@aihub.test');
    expect(message.text).toContain(`${PUBLIC_URL}/reset-password?token=`);
    expect(message.html).toContain('/reset-password?token=');
    const token = tokenIn(message, '/reset-password');

    // A password the policy refuses does not use up the link.
    const weak = await call('POST', '/api/auth/password-reset/confirm', { token, password: 'short' });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().error).toMatchObject({ code: 'invalid_password', param: 'password' });

    const done = await call('POST', '/api/auth/password-reset/confirm', { token, password: 'new-password-2' });
    expect(done.statusCode, done.body).toBe(204);
    expect((await call('GET', '/api/auth/me', undefined, { cookie: session.cookie })).statusCode).toBe(401);
    const again = await call('POST', '/api/auth/password-reset/confirm', { token, password: 'new-password-3' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.code).toBe('invalid_token');
    const oldLogin = await call('POST', '/api/auth/login', { email: 'reset@example.com', password: 'password-1' });
    expect(oldLogin.statusCode).toBe(401);
    const login = await call('POST', '/api/auth/login', { email: 'reset@example.com', password: 'new-password-2' });
    expect(login.statusCode).toBe(200);
  });

  it('links to the configured public address when the reset is asked with a forged Host', async () => {
    await register('victim@example.com');
    const asked = await call(
      'POST',
      '/api/auth/password-reset/request',
      { email: 'victim@example.com' },
      { host: 'evil.example', 'x-forwarded-host': 'evil.example' },
    );
    expect(asked.statusCode).toBe(200);
    const message = await smtp.next('victim@example.com');
    expect(message.text).toContain(`${PUBLIC_URL}/reset-password?token=`);
    expect(message.text).not.toContain('evil.example');
    expect(message.html).not.toContain('evil.example');
  });

  it('sends no account email while no public address is set: the same answer, and the admin sees why', async () => {
    await register('nolink@example.com');
    const withUrl = await call('POST', '/api/auth/password-reset/request', { email: 'nobody-here@example.com' });
    await settings.update({ publicBaseUrl: '', requireEmailVerification: true });
    try {
      const view = await call('GET', '/api/admin/mail', undefined, admin);
      expect(view.json().mail).toMatchObject({ configured: true, problemCode: 'public_url_unset' });
      const before = smtp.messages.length;
      // Signing up sends no verification link either.
      const session = await register('nolink-new@example.com');
      expect(session.body.user).toMatchObject({ emailVerified: false });
      const asked = await call(
        'POST',
        '/api/auth/password-reset/request',
        { email: 'nolink@example.com' },
        {
          host: 'evil.example',
        },
      );
      expect(asked.statusCode).toBe(withUrl.statusCode);
      expect(asked.body).toBe(withUrl.body);
      // The user asking for their own verification link is told it cannot go out.
      const resend = await call(
        'POST',
        '/api/auth/verify-email/resend',
        {},
        {
          cookie: session.cookie,
          'x-csrf-token': session.csrf,
        },
      );
      expect(resend.statusCode).toBe(409);
      expect(resend.json().error.code).toBe('public_url_unset');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.messages.slice(before)).toEqual([]);
      // Mail itself still works: the operator's test email goes out.
      const test = await call('POST', '/api/admin/mail/test', { to: 'op-nolink@example.com' }, admin);
      expect(test.statusCode, test.body).toBe(204);
      await smtp.next('op-nolink@example.com');
    } finally {
      await settings.update({ publicBaseUrl: PUBLIC_URL, requireEmailVerification: false });
    }
    const view = await call('GET', '/api/admin/mail', undefined, admin);
    expect(view.json().mail).toMatchObject({ configured: true, problemCode: null });
  });

  it('answers the same for unknown addresses and sends them nothing', async () => {
    await register('known@example.com');
    const before = smtp.messages.length;
    const unknown = await call('POST', '/api/auth/password-reset/request', { email: 'nobody@example.com' });
    const known = await call('POST', '/api/auth/password-reset/request', { email: 'known@example.com' });
    expect(unknown.statusCode).toBe(known.statusCode);
    expect(unknown.body).toBe(known.body);
    await smtp.next('known@example.com');
    expect(smtp.messages.slice(before).map((m) => m.to)).toEqual([['known@example.com']]);
  });

  it('limits requests per address (429) and, silently, emails per address', async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      statuses.push(
        (await call('POST', '/api/auth/password-reset/request', { email: `x${i}@example.com` }, {}, ip)).statusCode,
      );
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);

    await register('flood@example.com');
    const before = smtp.messages.length;
    for (let i = 0; i < 5; i++) {
      expect((await call('POST', '/api/auth/password-reset/request', { email: 'flood@example.com' })).statusCode).toBe(
        200,
      );
    }
    for (let i = 0; i < 3; i++) await smtp.next('flood@example.com');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(smtp.messages.slice(before).filter((m) => m.to.includes('flood@example.com'))).toHaveLength(3);
  });

  it('refuses an expired link, and an older link once a newer one is sent', async () => {
    await register('late@example.com');
    await call('POST', '/api/auth/password-reset/request', { email: 'late@example.com' });
    const first = tokenIn(await smtp.next('late@example.com'), '/reset-password');
    await call('POST', '/api/auth/password-reset/request', { email: 'late@example.com' });
    const second = tokenIn(await smtp.next('late@example.com'), '/reset-password');
    const old = await call('POST', '/api/auth/password-reset/confirm', { token: first, password: 'password-9' });
    expect(old.json().error?.code).toBe('invalid_token');
    t += 30 * 60_000;
    const expired = await call('POST', '/api/auth/password-reset/confirm', { token: second, password: 'password-9' });
    expect(expired.statusCode).toBe(400);
    expect(expired.json().error.code).toBe('invalid_token');
  });

  it('with verification required, grants the trial once, at verification', async () => {
    const patched = await call('PATCH', '/api/admin/settings', { requireEmailVerification: true }, admin);
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await call('GET', '/api/auth/account-options')).json()).toMatchObject({
      passwordReset: true,
      emailVerificationRequired: true,
      captcha: null,
    });
    const session = await register('verify@example.com', { language: 'en' });
    expect(session.body).toMatchObject({ trialCredit: 0, user: { balance: 0, emailVerified: false } });
    const message = await smtp.next('verify@example.com');
    expect(message.subject).toBe('Confirm your email address');
    const token = tokenIn(message, '/verify-email');

    const verified = await call('POST', '/api/auth/verify-email', { token });
    expect(verified.statusCode, verified.body).toBe(200);
    expect(verified.json()).toEqual({ trialCredit: 200_000 });
    expect((await call('POST', '/api/auth/verify-email', { token })).json().error.code).toBe('invalid_token');
    const me = await call('GET', '/api/auth/me', undefined, { cookie: session.cookie });
    expect(me.json().user).toMatchObject({ balance: 200_000, emailVerified: true });
    const userId = me.json().user.id as string;
    expect(await accounts.users.markEmailVerified(userId)).toEqual({ trialCredit: 0 });
    const ledger = await store().db.selectFrom('ledger_entries').selectAll().where('user_id', '=', userId).execute();
    expect(ledger.map((entry) => Number(entry.amount))).toEqual([200_000]);

    // The banner's "send again": a no-op once verified; limited per user before that.
    const confirmed = { cookie: session.cookie, 'x-csrf-token': session.csrf };
    expect((await call('POST', '/api/auth/verify-email/resend', {}, confirmed)).statusCode).toBe(204);
    const pending = await register('pending@example.com');
    await smtp.next('pending@example.com');
    const headers = { cookie: pending.cookie, 'x-csrf-token': pending.csrf };
    for (let i = 0; i < 3; i++) {
      expect((await call('POST', '/api/auth/verify-email/resend', { language: 'zh' }, headers)).statusCode).toBe(204);
    }
    expect((await call('POST', '/api/auth/verify-email/resend', {}, headers)).statusCode).toBe(429);
    expect((await smtp.next('pending@example.com')).subject).toBe('确认你的邮箱地址');
    await call('PATCH', '/api/admin/settings', { requireEmailVerification: false }, admin);
  });

  it('asks for the captcha on sign-up and sign-in when Turnstile is on, checked with siteverify', async () => {
    await call('PATCH', '/api/admin/settings', { turnstileEnabled: true, turnstileSiteKey: 'site-key-1' }, admin);
    // Not in force until the secret key is set too.
    expect((await call('GET', '/api/auth/account-options')).json().captcha).toBeNull();
    const secrets = await call('PUT', '/api/admin/mail/secrets', { turnstileSecretKey: TURNSTILE_SECRET }, admin);
    expect(secrets.json().turnstile).toEqual({ secretKeySet: true, inForce: true });
    expect(secrets.body).not.toContain(TURNSTILE_SECRET);
    expect((await call('GET', '/api/auth/account-options')).json().captcha).toEqual({
      provider: 'turnstile',
      siteKey: 'site-key-1',
      scriptUrl: `${turnstile.url}/turnstile/v0/api.js?render=explicit`,
    });

    const body = { email: 'captcha@example.com', password: 'password-1' };
    const missing = await call('POST', '/api/auth/register', body);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatchObject({ code: 'captcha_failed', param: 'captchaToken' });
    const forged = await call('POST', '/api/auth/register', { ...body, captchaToken: 'forged' });
    expect(forged.json().error.code).toBe('captcha_failed');
    expect(await accounts.users.findByEmail('captcha@example.com')).toBeUndefined();
    const good = turnstile.issueToken();
    expect((await call('POST', '/api/auth/register', { ...body, captchaToken: good })).statusCode).toBe(201);
    expect(turnstile.verifications.at(-1)).toMatchObject({ secret: TURNSTILE_SECRET, response: good, success: true });

    // Sign-in: the captcha is checked before the password (a reused token fails even with the right password).
    const reused = await call('POST', '/api/auth/login', { ...body, captchaToken: good });
    expect(reused.json().error.code).toBe('captcha_failed');
    const login = await call('POST', '/api/auth/login', { ...body, captchaToken: turnstile.issueToken() });
    expect(login.statusCode).toBe(200);
    await call('PATCH', '/api/admin/settings', { turnstileEnabled: false }, admin);
    expect((await call('POST', '/api/auth/login', body)).statusCode).toBe(200);
  });

  it('lets the operator set SMTP in the console (it wins over SMTP_URL), with a write-only password and a test email', async () => {
    const view = await call('GET', '/api/admin/mail', undefined, admin);
    expect(view.json().mail).toMatchObject({ configured: true, source: 'env', envUrlSet: true, passwordSet: false });
    const withPassword = await call(
      'PATCH',
      '/api/admin/settings',
      { smtpUrl: `smtp://mailer:s3cret@127.0.0.1:${smtp.port}` },
      admin,
    );
    expect(withPassword.statusCode).toBe(400);

    const consoleUrl = `smtp://mailer@127.0.0.1:${smtp.port}?tls=none`;
    await call('PATCH', '/api/admin/settings', { smtpUrl: consoleUrl, smtpFrom: 'Ops <ops@aihub.test>' }, admin);
    const noPassword = await call('POST', '/api/admin/mail/test', { to: 'op@example.com' }, admin);
    expect(noPassword.statusCode).toBe(502);
    expect(noPassword.json().error.code).toBe('mail_send_failed');

    const set = await call('PUT', '/api/admin/mail/secrets', { smtpPassword: 's3cret' }, admin);
    expect(set.json().mail).toMatchObject({ configured: true, source: 'console', passwordSet: true });
    expect(set.body).not.toContain('s3cret');
    const stored = await store()
      .db.selectFrom('settings')
      .selectAll()
      .where('key', '=', 'secret.smtpPassword')
      .execute();
    expect(stored[0]!.value).not.toContain('s3cret');
    const sent = await call('POST', '/api/admin/mail/test', { to: 'op@example.com', language: 'zh' }, admin);
    expect(sent.statusCode, sent.body).toBe(204);
    const message = await smtp.next('op@example.com');
    expect(message).toMatchObject({ from: 'ops@aihub.test', subject: 'AIHub 测试邮件' });
    const user = await call('POST', '/api/admin/mail/test', { to: 'op@example.com' }, { authorization: 'Bearer nope' });
    expect(user.statusCode).toBe(401);
  });
});
