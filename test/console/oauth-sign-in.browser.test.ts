/**
 * Sign-in with providers in the console, in English and in Chinese, through the identity-provider
 * emulator: the login page's buttons (OIDC and GitHub), a new account made by the first sign-in,
 * linking the other provider on the account page, and a forged state refused with a translated
 * banner. Every page: no uncaught error, no failed request, no untranslated key.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type OAuthIdpEmulator, startOAuthIdpEmulator } from '../emulators/oauth-idp-emulator.js';
import {
  type ConsoleHarness,
  describeBrowser,
  heading,
  screenshot,
  screenshotOnFailure,
  startConsole,
} from './console-harness.js';

// A raw i18next key on screen (`errors.state_invalid`, `linked.title`) means a missing string.
const RAW_KEY = /\b(signIn|errors|linked|admin)\.[a-zA-Z_]+\b/;

describeBrowser('console: sign-in with GitHub and OIDC, and linking', () => {
  let idp: OAuthIdpEmulator;
  let harness: ConsoleHarness;
  const failures: string[] = [];
  screenshotOnFailure(() => harness);

  beforeAll(async () => {
    idp = await startOAuthIdpEmulator();
    harness = await startConsole({
      GITHUB_CLIENT_ID: idp.clientId,
      GITHUB_CLIENT_SECRET: idp.clientSecret,
      GITHUB_BASE_URL: idp.githubBaseUrl,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: idp.clientId,
      OIDC_CLIENT_SECRET: idp.clientSecret,
      OIDC_DISPLAY_NAME: 'Company SSO',
    });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
    await idp?.close();
  });

  async function watchedPage(locale: string): Promise<Page> {
    const page = await harness.newPage({ locale });
    page.on('requestfailed', (request) => {
      // ERR_ABORTED: a load the page's own navigation (to the provider and back) cut short.
      const reason = request.failure()?.errorText ?? '';
      if (!reason.includes('ERR_ABORTED')) failures.push(`failed ${request.url()}: ${reason}`);
    });
    page.on('response', (response) => {
      // Signed out, the console asks who is signed in and is told 401: that is how it learns it.
      const expected = response.status() === 401 && new URL(response.url()).pathname === '/api/auth/me';
      if (response.status() >= 400 && !expected) failures.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('401')) failures.push(`console: ${message.text()}`);
    });
    return page;
  }

  async function expectTranslated(page: Page): Promise<void> {
    const text = await page.locator('body').textContent();
    expect(text).not.toMatch(RAW_KEY);
  }

  const cases = [
    {
      locale: 'en-US',
      first: { provider: 'oidc', button: 'Continue with Company SSO' },
      second: { provider: 'github', link: 'Link GitHub', linked: 'Linked GitHub' },
      account: 'Account',
      linkedTitle: 'Linked accounts',
      forgedBanner: 'The sign-in link expired or was not started in this browser',
      user: { id: 'oidc-en', email: 'en-user@example.com', gh: '1001' },
    },
    {
      locale: 'zh-CN',
      first: { provider: 'github', button: '使用 GitHub 继续' },
      second: { provider: 'oidc', link: '绑定 Company SSO', linked: '已绑定 Company SSO' },
      account: '个人中心',
      linkedTitle: '已绑定的账号',
      forgedBanner: '登录链接已过期，或不是在此浏览器中发起的',
      user: { id: 'oidc-zh', email: 'zh-user@example.com', gh: '2002' },
    },
  ] as const;

  it.each(cases)('$locale: signs in with a provider, links the other, and refuses a forged state', async (c) => {
    idp.setUser('oidc', {
      id: c.user.id,
      login: c.user.id,
      name: `OIDC ${c.user.id}`,
      email: c.user.email,
      emailVerified: true,
    });
    idp.setUser('github', {
      id: c.user.gh,
      login: `gh${c.user.gh}`,
      name: `GH ${c.user.gh}`,
      email: c.user.email,
      emailVerified: true,
    });
    const page = await watchedPage(c.locale);

    // A forged state: back on the login page with the translated reason, and no session.
    await page.goto(`${harness.origin}/api/auth/oauth/github/callback?code=stolen&state=forged`);
    await page.waitForURL('**/login?oauth_error=state_invalid');
    await page.getByText(c.forgedBanner).waitFor();
    await expectTranslated(page);

    // The first provider makes the account and signs in.
    await page.getByRole('link', { name: c.first.button }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login') && !url.pathname.startsWith('/api/'));
    await page.goto(`${harness.origin}/account`);
    await heading(page, c.account).waitFor();
    await page.getByText(c.user.email, { exact: true }).first().waitFor();
    const linked = page.getByTestId('linked-accounts');
    await linked.getByRole('heading', { name: c.linkedTitle }).waitFor();

    // Link the second provider (the same email: linking, never a second account).
    await linked.getByRole('link', { name: c.second.link }).click();
    await page.waitForURL('**/account');
    await page.getByText(c.second.linked).first().waitFor();
    await expect.poll(() => linked.getByRole('button').count()).toBe(2);
    await expectTranslated(page);
    await screenshot(page, `oauth-linked-${c.locale}`);

    const identities = await page.evaluate(async () => (await fetch('/api/account/identities')).json());
    expect(identities.data.map((identity: { provider: string }) => identity.provider)).toEqual([
      c.first.provider,
      c.second.provider,
    ]);
    expect(harness.pageErrors).toEqual([]);
    expect(failures).toEqual([]);
  });

  it('the operator configures a provider in the settings page (en, then zh) and sees the callback URL', async () => {
    const page = await watchedPage('en-US');
    await harness.loginAsAdmin(page);
    await page.goto(`${harness.origin}/admin/settings`);
    const section = page.getByTestId('oauth-providers-settings');
    await section.waitFor();
    const github = section.locator('[data-oauth-provider="github"]');
    await github.getByText('From GITHUB_CLIENT_ID').waitFor();
    await github.getByText(`${harness.origin}/api/auth/oauth/github/callback`).waitFor();
    const linuxdo = section.locator('[data-oauth-provider="linuxdo"]');
    await linuxdo.getByText('Needs a client ID and secret').waitFor();
    await linuxdo.getByLabel('Client ID').fill(idp.clientId);
    await linuxdo.getByLabel('Client secret').fill(idp.clientSecret);
    await linuxdo.getByLabel('Base URL').fill(idp.linuxdoBaseUrl);
    await linuxdo.getByRole('button', { name: 'Save' }).click();
    await page.getByText('Saved LinuxDO').waitFor();
    await expect.poll(async () => await linuxdo.getByText('Needs a client ID and secret').count()).toBe(0);
    // The secret is write-only: the page shows that it is set, never its value.
    expect(await page.locator('body').textContent()).not.toContain(idp.clientSecret);
    await expectTranslated(page);
    await screenshot(page, 'oauth-admin-settings-en');

    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await section.getByText('来自 GITHUB_CLIENT_ID').first().waitFor();
    await page.getByRole('heading', { name: '第三方登录' }).waitFor();
    await expectTranslated(page);
    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();

    const offered = await page.evaluate(async () => (await fetch('/api/auth/oauth/providers')).json());
    expect(offered.data.map((p: { provider: string }) => p.provider)).toEqual(['github', 'oidc', 'linuxdo']);
    expect(harness.pageErrors).toEqual([]);
    expect(failures).toEqual([]);
  });
});
