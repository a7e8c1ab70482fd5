/**
 * Two-factor sign-in and passkeys in the console, in English and Chinese: enrol an authenticator
 * app (codes computed from the secret the page shows), sign in with password + code, add a
 * passkey on Chromium's virtual authenticator (CDP WebAuthn domain) and sign in with it alone.
 * The pages are opened at http://localhost:PORT: WebAuthn refuses an IP address as its RP id.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { totpCode } from '../../src/accounts/mfa/totp.js';
import {
  type ConsoleHarness,
  describeBrowser,
  screenshotOnFailure,
  startConsole,
  uniqueEmail,
} from './console-harness.js';

const TEXT = {
  en: {
    email: 'Email',
    password: 'Password',
    confirm: 'Confirm password',
    createAccount: 'Create account',
    logIn: 'Log in',
    setUp: 'Set up an authenticator app',
    code: 'Code',
    turnOn: 'Turn on',
    passkeyName: 'Name',
    addPasskey: 'Add a passkey',
    logOut: 'Log out',
    verify: 'Verify and sign in',
    passkeySignIn: 'Sign in with a passkey',
    mfaOn: 'On',
  },
  zh: {
    email: '邮箱',
    password: '密码',
    confirm: '确认密码',
    createAccount: '注册',
    logIn: '登录',
    setUp: '绑定验证器应用',
    code: '验证码',
    turnOn: '开启',
    passkeyName: '名称',
    addPasskey: '添加通行密钥',
    logOut: '退出登录',
    verify: '验证并登录',
    passkeySignIn: '使用通行密钥登录',
    mfaOn: '已开启',
  },
} as const;

describeBrowser('console: two-factor sign-in and passkeys', () => {
  let harness: ConsoleHarness;
  let base: string;
  const consoleErrors: string[] = [];
  const failedRequests: string[] = [];
  screenshotOnFailure(() => harness);

  beforeAll(async () => {
    harness = await startConsole();
    base = harness.origin.replace('127.0.0.1', 'localhost');
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  /** A fresh browser context at localhost, watching its console and network for failures. */
  async function openPage(locale: string): Promise<Page> {
    const page = await harness.newPage({ locale });
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      // Before signing in, the console asks /api/auth/me and is told 401: that is how it learns it is signed out.
      if (message.location().url.endsWith('/api/auth/me') && message.text().includes('401')) return;
      consoleErrors.push(`${page.url()}: ${message.text()} (${message.location().url})`);
    });
    page.on('requestfailed', (request) => {
      // Queries cancelled by a navigation (TanStack Query aborts them) are not failures.
      if (request.failure()?.errorText === 'net::ERR_ABORTED') return;
      failedRequests.push(`${request.method()} ${request.url()}: ${request.failure()?.errorText}`);
    });
    return page;
  }

  /** No i18next key shown in place of a translation (a missing string renders as its key). */
  async function expectTranslated(page: Page): Promise<void> {
    const text = (await page.locator('body').textContent()) ?? '';
    expect(text).not.toMatch(/\b(mfa|passkeys?|login|errors)\.[a-zA-Z_]+/);
  }

  async function logOut(page: Page, words: (typeof TEXT)['en' | 'zh']): Promise<void> {
    await page.goto(`${base}/account`);
    await page.getByRole('button', { name: words.logOut, exact: true }).click();
    await page.waitForURL('**/login');
  }

  async function passwordStep(page: Page, words: (typeof TEXT)['en' | 'zh'], email: string, password: string) {
    await page.getByLabel(words.email, { exact: true }).fill(email);
    await page.getByLabel(words.password, { exact: true }).fill(password);
    await page.getByRole('button', { name: words.logIn, exact: true }).click();
  }

  it('sends an administrator without 2FA to enrol when the operator requires it (en, zh)', async () => {
    await harness.adminApi('PATCH', '/api/admin/settings', { requireAdminMfa: true });
    try {
      for (const [locale, notice] of [
        ['en-US', 'Administrators must turn on two-factor authentication before using the admin pages.'],
        ['zh-CN', '管理员需先开启两步验证，才能使用管理页面。'],
      ] as const) {
        const page = await openPage(locale);
        await harness.loginAsAdmin(page);
        await page.goto('/admin/users');
        await page.waitForURL('**/account');
        await page.getByText(notice).waitFor();
        await expectTranslated(page);
      }
      // The admin key is not a session: scripts keep working.
      expect(await harness.adminApi('GET', '/api/admin/users')).toBeDefined();
    } finally {
      await harness.adminApi('PATCH', '/api/admin/settings', { requireAdminMfa: false });
    }
    expect(harness.pageErrors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(failedRequests).toEqual([]);
  }, 60_000);

  for (const language of ['en', 'zh'] as const) {
    it(`enrols TOTP, signs in with a code, adds a passkey and signs in with it (${language})`, async () => {
      const words = TEXT[language];
      const page = await openPage(language === 'en' ? 'en-US' : 'zh-CN');
      const email = uniqueEmail(`mfa-${language}`);
      const password = 'correct-horse-battery';

      await page.goto(`${base}/register`);
      await page.getByLabel(words.email, { exact: true }).fill(email);
      await page.getByLabel(words.password, { exact: true }).fill(password);
      await page.getByLabel(words.confirm, { exact: true }).fill(password);
      await page.getByRole('button', { name: words.createAccount, exact: true }).click();
      await page.waitForURL('**/playground');

      // Enrol: the secret as the page shows it is what an authenticator app would hold.
      await page.goto(`${base}/account`);
      await page.getByRole('button', { name: words.setUp }).click();
      const secret = ((await page.getByTestId('totp-secret').textContent()) ?? '').trim();
      expect(secret).toMatch(/^[A-Z2-7]{32}$/);
      const enrolledAt = Date.now();
      await page.getByLabel(words.code, { exact: true }).fill(totpCode(secret, enrolledAt));
      await page.getByRole('button', { name: words.turnOn, exact: true }).click();
      const backupCodes = page.getByTestId('backup-codes').locator('li');
      await backupCodes.first().waitFor();
      expect(await backupCodes.count()).toBe(10);
      await page.getByText(words.mfaOn, { exact: true }).waitFor();
      await expectTranslated(page);

      // A passkey on Chromium's virtual authenticator (resident keys, user verification on).
      const cdp = await page.context().newCDPSession(page);
      await cdp.send('WebAuthn.enable');
      await cdp.send('WebAuthn.addVirtualAuthenticator', {
        options: {
          protocol: 'ctap2',
          transport: 'internal',
          hasResidentKey: true,
          hasUserVerification: true,
          isUserVerified: true,
        },
      });
      await page.getByLabel(words.passkeyName, { exact: true }).fill(`Laptop ${language}`);
      await page.getByRole('button', { name: words.addPasskey }).click();
      await page.getByTestId('passkey-list').getByText(`Laptop ${language}`).waitFor();
      await expectTranslated(page);

      // Password, then a code of the next step (the enrolment's own code is spent; the window takes the next).
      await logOut(page, words);
      await passwordStep(page, words, email, password);
      await page.getByRole('button', { name: words.verify }).waitFor();
      await expectTranslated(page);
      await page.getByLabel(words.code, { exact: true }).fill(totpCode(secret, enrolledAt + 30_000));
      await page.getByRole('button', { name: words.verify }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.getByRole('button', { name: /Account menu|账户菜单/ }).waitFor();

      // The passkey alone: no email, no code.
      await logOut(page, words);
      await page.getByRole('button', { name: words.passkeySignIn }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/login'));
      await page.getByRole('button', { name: /Account menu|账户菜单/ }).waitFor();
      await page.goto(`${base}/account`);
      await page.getByTestId('passkey-list').getByText(`Laptop ${language}`).waitFor();
      await expectTranslated(page);

      expect(harness.pageErrors).toEqual([]);
      expect(consoleErrors).toEqual([]);
      expect(failedRequests).toEqual([]);
    }, 60_000);
  }
});
