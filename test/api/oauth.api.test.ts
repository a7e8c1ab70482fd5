import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AccountServices, createAccountServices } from '../../src/accounts/account-services.js';
import { createOAuthServices, type OAuthServices } from '../../src/accounts/oauth/oauth-services.js';
import { SecretBox } from '../../src/channels/secret-box.js';
import { registerAccountRoutes } from '../../src/http/api/routes/account-routes.js';
import { registerOAuthRoutes } from '../../src/http/api/routes/oauth-routes.js';
import { SessionPrincipals } from '../../src/http/api/session-principals.js';
import { RateLimitError } from '../../src/limits/rate-limit-error.js';
import { SettingsService } from '../../src/platform/settings.js';
import { type ApiHarness, createApiHarness } from '../api-harness.js';
import { describeEachDialect } from '../db-harness.js';
import { type OAuthIdpEmulator, startOAuthIdpEmulator } from '../emulators/oauth-idp-emulator.js';

const ADMIN_KEY = 'sk-aihub-admin-oauth-test';
const admin = { authorization: `Bearer ${ADMIN_KEY}` };
const PUBLIC_BASE = 'http://aihub.test';
const TRIAL = 200_000;

interface Browser {
  cookies: Map<string, string>;
}

describeEachDialect('sign-in with providers', (store) => {
  let idp: OAuthIdpEmulator;
  let accounts: AccountServices;
  let oauth: OAuthServices;
  let settings: SettingsService;
  let harness: ApiHarness;
  let signUpsPaused = false;

  beforeAll(async () => {
    idp = await startOAuthIdpEmulator({
      redirectUris: ['github', 'oidc', 'google', 'linuxdo'].map((p) => `${PUBLIC_BASE}/api/auth/oauth/${p}/callback`),
    });
    settings = new SettingsService(store(), Date.now);
    await settings.update({ publicBaseUrl: PUBLIC_BASE });
    accounts = await createAccountServices({
      store: store(),
      settings,
      adminKeyHash: createHash('sha256').update(ADMIN_KEY).digest(),
    });
    oauth = await createOAuthServices({
      store: store(),
      settings,
      // The environment configures GitHub; the console configures the others (below).
      env: {
        GITHUB_CLIENT_ID: idp.clientId,
        GITHUB_CLIENT_SECRET: idp.clientSecret,
        GITHUB_BASE_URL: idp.githubBaseUrl,
      },
      box: new SecretBox(randomBytes(32)),
      now: Date.now,
      newId: (prefix) => `${prefix}_${randomBytes(8).toString('hex')}`,
    });
    harness = createApiHarness(new SessionPrincipals(accounts.sessions, accounts.keyCache), (api) => {
      registerAccountRoutes(api, accounts);
      registerOAuthRoutes(api, {
        ...oauth,
        sessions: accounts.sessions,
        settings,
        registrationThrottle: {
          admit: async () => {
            if (signUpsPaused) {
              throw new RateLimitError({ code: 'too_many_registrations', message: 'paused', headers: {} });
            }
          },
        },
      });
    });
  });

  afterAll(async () => {
    await harness?.app.close();
    await accounts?.close();
    await idp?.close();
  });

  const newBrowser = (): Browser => ({ cookies: new Map() });
  const cookieHeader = (browser: Browser) => [...browser.cookies].map(([name, value]) => `${name}=${value}`).join('; ');

  async function get(browser: Browser, url: string) {
    const res = await harness.app.inject({ method: 'GET', url, headers: { cookie: cookieHeader(browser) } });
    const setCookie = res.headers['set-cookie'];
    for (const line of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      if (value === '' || attributes.some((a) => a.trim() === 'Max-Age=0')) browser.cookies.delete(name);
      else browser.cookies.set(name, value);
    }
    return res;
  }

  /** Start → the emulator's authorize (auto-approved) → the callback URL it sends the browser to. */
  async function authorize(browser: Browser, provider: string, link = false): Promise<string> {
    const start = await get(browser, `/api/auth/oauth/${provider}/start${link ? '?link=1' : ''}`);
    expect(start.statusCode, start.body).toBe(302);
    const location = String(start.headers.location);
    expect(location.startsWith(idp.url), location).toBe(true);
    const authorizeUrl = new URL(location);
    expect(authorizeUrl.searchParams.get('code_challenge_method')).toBe('S256');
    const approved = await fetch(location, { redirect: 'manual' });
    expect(approved.status).toBe(302);
    const callback = new URL(approved.headers.get('location')!);
    expect(callback.origin).toBe(PUBLIC_BASE);
    return `${callback.pathname}${callback.search}`;
  }

  async function signIn(browser: Browser, provider: string, link = false) {
    return get(browser, await authorize(browser, provider, link));
  }

  async function me(browser: Browser) {
    return get(browser, '/api/auth/me');
  }

  async function configure(provider: string, body: Record<string, unknown>) {
    const res = await harness.app.inject({
      method: 'PATCH',
      url: `/api/admin/oauth/providers/${provider}`,
      headers: { ...admin, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  }

  it('lists only enabled providers, and shows the operator the callback URL without the secret', async () => {
    const listed = await harness.app.inject({ method: 'GET', url: '/api/auth/oauth/providers' });
    expect(listed.json().data).toEqual([{ provider: 'github', displayName: 'GitHub' }]);
    const oidc = await configure('oidc', {
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      baseUrl: idp.issuer,
      displayName: 'Company SSO',
    });
    expect(oidc).toMatchObject({
      enabled: true,
      configured: true,
      redirectUri: `${PUBLIC_BASE}/api/auth/oauth/oidc/callback`,
    });
    expect(JSON.stringify(oidc)).not.toContain(idp.clientSecret);
    await configure('linuxdo', { clientId: idp.clientId, clientSecret: idp.clientSecret, baseUrl: idp.linuxdoBaseUrl });
    await configure('google', {
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      baseUrl: idp.issuer,
      enabled: false,
    });
    const views = await harness.app.inject({ method: 'GET', url: '/api/admin/oauth/providers', headers: admin });
    const github = views.json().data.find((view: { provider: string }) => view.provider === 'github');
    expect(github.fields.find((f: { name: string }) => f.name === 'clientSecret')).toMatchObject({
      source: 'env',
      envName: 'GITHUB_CLIENT_SECRET',
      value: null,
    });
    const stored = await store()
      .db.selectFrom('settings')
      .select('value')
      .where('key', '=', 'oauth.provider.oidc')
      .executeTakeFirstOrThrow();
    expect(stored.value).not.toContain(idp.clientSecret);
    const after = await harness.app.inject({ method: 'GET', url: '/api/auth/oauth/providers' });
    expect(after.json().data.map((p: { provider: string }) => p.provider)).toEqual(['github', 'oidc', 'linuxdo']);
    const disabled = await get(newBrowser(), '/api/auth/oauth/google/start');
    expect(disabled.headers.location).toBe('/login?oauth_error=provider_disabled');
  });

  it('GitHub: a first sign-in makes the account with the trial and a session; the next signs into it', async () => {
    const browser = newBrowser();
    const res = await signIn(browser, 'github');
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('/');
    const who = await me(browser);
    expect(who.statusCode).toBe(200);
    expect(who.json().user).toMatchObject({ email: 'octocat@example.com', balance: TRIAL, hasPassword: false });
    const again = newBrowser();
    await signIn(again, 'github');
    expect((await me(again)).json().user.id).toBe(who.json().user.id);
  });

  it('OIDC: the id_token is verified (nonce, audience, issuer) and signs in', async () => {
    const browser = newBrowser();
    const res = await signIn(browser, 'oidc');
    expect(res.headers.location).toBe('/');
    expect((await me(browser)).json().user).toMatchObject({
      email: 'ada@example.com',
      displayName: 'Ada Lovelace',
      balance: TRIAL,
    });
  });

  it('refuses a forged, missing or replayed state, and makes no session', async () => {
    const browser = newBrowser();
    const callback = await authorize(browser, 'github');
    const forged = callback.replace(/state=[^&]+/, 'state=forged-state-value');
    const refused = await get(browser, forged);
    expect(refused.headers.location).toBe('/login?oauth_error=state_invalid');
    expect(browser.cookies.has('aihub_session')).toBe(false);

    // Another browser (no state cookie) cannot finish this browser's flow.
    const other = newBrowser();
    const stolen = await get(other, await authorize(browser, 'github'));
    expect(stolen.headers.location).toBe('/login?oauth_error=state_invalid');
    expect(other.cookies.has('aihub_session')).toBe(false);

    // A replayed callback (same code, same state, cookie put back): the state is single use.
    const replayer = newBrowser();
    const url = await authorize(replayer, 'oidc');
    const stateCookie = replayer.cookies.get('aihub_oauth_state')!;
    expect((await get(replayer, url)).headers.location).toBe('/');
    const second = newBrowser();
    second.cookies.set('aihub_oauth_state', stateCookie);
    const replayed = await get(second, url);
    expect(replayed.headers.location).toBe('/login?oauth_error=state_invalid');
    expect(second.cookies.has('aihub_session')).toBe(false);
  });

  it('a replayed code is refused by the provider: no session', async () => {
    const browser = newBrowser();
    const url = await authorize(browser, 'github');
    const code = new URL(url, PUBLIC_BASE).searchParams.get('code')!;
    // Someone uses the code first (it is single use at the provider).
    const stolen = await fetch(`${idp.githubBaseUrl}/login/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ client_id: idp.clientId, client_secret: idp.clientSecret, code }).toString(),
    });
    expect(((await stolen.json()) as { error?: string }).error).toBe('invalid_grant'); // no PKCE verifier: refused, and the code is spent
    const res = await get(browser, url);
    expect(res.headers.location).toBe('/login?oauth_error=exchange_failed');
    expect(browser.cookies.has('aihub_session')).toBe(false);
  });

  it('a denied authorization comes back as provider_denied', async () => {
    idp.denyNext();
    const browser = newBrowser();
    const res = await signIn(browser, 'github');
    expect(res.headers.location).toBe('/login?oauth_error=provider_denied');
  });

  it('never attaches a new identity to an existing account by email, and an alias or a second provider gets no second trial', async () => {
    // A password account exists for the email the provider gives: refused, not taken over.
    const registered = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'grace@example.com', password: 'password-1' }),
    });
    expect(registered.json().trialCredit).toBe(TRIAL);
    idp.setUser('oidc', {
      id: 'oidc-grace',
      login: 'grace',
      name: 'Grace',
      email: 'grace@example.com',
      emailVerified: true,
    });
    const refused = await signIn(newBrowser(), 'oidc');
    expect(refused.headers.location).toBe('/login?oauth_error=email_in_use');

    // A Gmail alias through a second provider: a new account, but no second trial.
    idp.setUser('github', {
      id: '9001',
      login: 'j',
      name: 'J',
      email: 'John.Smith+ai@googlemail.com',
      emailVerified: true,
    });
    const first = newBrowser();
    await signIn(first, 'github');
    expect((await me(first)).json().user.balance).toBe(TRIAL);
    idp.setUser('oidc', {
      id: 'oidc-john',
      login: 'john',
      name: 'John',
      email: 'johnsmith@gmail.com',
      emailVerified: true,
    });
    const second = newBrowser();
    await signIn(second, 'oidc');
    const secondUser = (await me(second)).json().user;
    expect(secondUser.email).toBe('johnsmith@gmail.com');
    expect(secondUser.balance).toBe(0);

    // The same alias by password registration: no trial either.
    const alias = await harness.app.inject({
      method: 'POST',
      url: '/api/auth/register',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'j.o.h.n.smith+x@gmail.com', password: 'password-1' }),
    });
    expect(alias.statusCode).toBe(201);
    expect(alias.json().trialCredit).toBe(0);
    expect(alias.json().user.balance).toBe(0);
  });

  it('links and unlinks on the account page; the last way in cannot be removed', async () => {
    // LinuxDO gives no email: the account is known by its LinuxDO id.
    const browser = newBrowser();
    await signIn(browser, 'linuxdo');
    const user = (await me(browser)).json();
    expect(user.user.email).toBe('linuxdo.12345@users.oauth.invalid');
    expect(user.user.balance).toBe(TRIAL);
    const csrf = user.csrfToken as string;

    idp.setUser('github', { id: '4242', login: 'neo-gh', name: 'Neo', email: 'neo@example.com', emailVerified: true });
    const linked = await signIn(browser, 'github', true);
    expect(linked.headers.location).toBe('/account?oauth_linked=github');
    const list = (await get(browser, '/api/account/identities')).json().data;
    expect(list.map((identity: { provider: string }) => identity.provider)).toEqual(['linuxdo', 'github']);

    // The linked GitHub account now signs into the same account; no new account, no trial.
    const viaGithub = newBrowser();
    await signIn(viaGithub, 'github');
    expect((await me(viaGithub)).json().user.id).toBe(user.user.id);

    // Linking an identity that belongs to someone else is refused.
    idp.setUser('oidc', {
      id: 'oidc-user-1',
      login: 'ada',
      name: 'Ada',
      email: 'ada@example.com',
      emailVerified: true,
    });
    const taken = await signIn(browser, 'oidc', true);
    expect(taken.headers.location).toBe('/account?oauth_error=identity_in_use');
    // Linking needs a session.
    const anonymous = await get(newBrowser(), '/api/auth/oauth/github/start?link=1');
    expect(anonymous.headers.location).toBe('/login?oauth_error=link_requires_session');

    const del = (id: string) =>
      harness.app.inject({
        method: 'DELETE',
        url: `/api/account/identities/${id}`,
        headers: { cookie: cookieHeader(browser), 'x-csrf-token': csrf },
      });
    expect((await del(list[1].id)).statusCode).toBe(204);
    const last = await del(list[0].id);
    expect(last.statusCode).toBe(400);
    expect(last.json().error.code).toBe('last_sign_in_method');
    expect((await del('idn_not_mine')).statusCode).toBe(404);
  });

  it('a disabled account cannot sign in with its provider; closed registration makes no account', async () => {
    const browser = newBrowser();
    idp.setUser('github', { id: '777', login: 'x', name: 'X', email: 'x@example.com', emailVerified: true });
    await signIn(browser, 'github');
    const userId = (await me(browser)).json().user.id;
    await accounts.users.update(userId, { status: 'disabled' });
    const res = await signIn(newBrowser(), 'github');
    expect(res.headers.location).toBe('/login?oauth_error=account_disabled');

    await settings.update({ registrationEnabled: false });
    idp.setUser('github', { id: '778', login: 'y', name: 'Y', email: 'y@example.com', emailVerified: true });
    const closed = await signIn(newBrowser(), 'github');
    expect(closed.headers.location).toBe('/login?oauth_error=registration_disabled');
    await settings.update({ registrationEnabled: true });

    // Over the sign-up limit for the address: no new account, but existing ones still sign in.
    signUpsPaused = true;
    idp.setUser('github', { id: '779', login: 'z', name: 'Z', email: 'z@example.com', emailVerified: true });
    const limited = await signIn(newBrowser(), 'github');
    expect(limited.headers.location).toBe('/login?oauth_error=too_many_registrations');
    idp.setUser('github', {
      id: '583231',
      login: 'octocat',
      name: 'The Octocat',
      email: 'octocat@example.com',
      emailVerified: true,
    });
    expect((await signIn(newBrowser(), 'github')).headers.location).toBe('/');
    signUpsPaused = false;
  });
});
