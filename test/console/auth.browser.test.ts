import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_KEY } from '../e2e/gateway-harness.js';
import {
  type ConsoleHarness,
  DESKTOP_VIEWPORT,
  describeBrowser,
  heading,
  htmlLang,
  isDarkTheme,
  PHONE_VIEWPORT,
  type RegisteredUser,
  screenshot,
  screenshotOnFailure,
  startConsole,
} from './console-harness.js';

describeBrowser('console: sign-up, login, language, theme, layout', () => {
  let harness: ConsoleHarness;
  let page: Page;
  let user: RegisteredUser;
  screenshotOnFailure(() => harness);

  beforeAll(async () => {
    harness = await startConsole();
    page = await harness.newPage();
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('shows the trial credit before signing up, and again once registered', async () => {
    await page.goto('/register');
    const banner = page.getByTestId('trial-credit');
    await banner.waitFor();
    expect(await banner.textContent()).toContain('$0.20');
    await screenshot(page, 'register');

    user = await harness.registerUser(page, { displayName: 'Ada' });
    expect(new URL(page.url()).pathname).toBe('/playground');
    await page.getByText('$0.20 of trial credit has been added to your balance.').waitFor();
    expect(await page.getByTestId('balance').textContent()).toContain('$0.20');
    await screenshot(page, 'after-register');
  });

  it('shows the account with balance and profile', async () => {
    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await heading(page, 'Account').waitFor();
    await page.getByText(user.email, { exact: true }).first().waitFor();
    await page.getByText('Ada', { exact: true }).waitFor();
    expect(await page.locator('main').textContent()).toContain('$0.20');
    // A regular user sees no administration menu.
    expect(await page.getByText('Administration').count()).toBe(0);
  });

  it('logs out, guards pages, and logs back in to the page asked for', async () => {
    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await page.goto('/account');
    await page.waitForURL('**/login?next=%2Faccount');
    await page.getByRole('heading', { name: 'Welcome back' }).waitFor();

    await page.getByLabel('Email').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.getByText('Incorrect email or password.').waitFor();

    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.getByRole('button', { name: 'Log in' }).click();
    await page.waitForURL('**/account');
    await heading(page, 'Account').waitFor();
  });

  it('switches to Chinese and back, and remembers the choice', async () => {
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await heading(page, '个人中心').waitFor();
    await page.getByRole('link', { name: '调试台' }).waitFor();
    expect(await htmlLang(page)).toBe('zh-CN');
    await screenshot(page, 'account-zh');

    await page.reload();
    await heading(page, '个人中心').waitFor();

    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await heading(page, 'Account').waitFor();
    await page.getByRole('link', { name: 'Playground' }).waitFor();
    expect(await htmlLang(page)).toBe('en');
  });

  it('switches the theme and keeps it across reloads', async () => {
    const isDark = () => isDarkTheme(page);
    expect(await isDark()).toBe(false);
    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('menuitem', { name: 'Dark' }).click();
    expect(await isDark()).toBe(true);
    await page.reload();
    await heading(page, 'Account').waitFor();
    expect(await isDark()).toBe(true);
    await screenshot(page, 'account-dark');

    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('menuitem', { name: 'System' }).click();
    // The browser context asks for the light scheme.
    expect(await isDark()).toBe(false);
  });

  it('changes the password, and the new one logs in', async () => {
    await page.getByLabel('Current password').fill(user.password);
    await page.getByLabel('New password', { exact: true }).fill('a-brand-new-password');
    await page.getByLabel('Confirm new password').fill('a-brand-new-password');
    await page.getByRole('button', { name: 'Update password' }).click();
    await page.getByText('Your password has been changed.').waitFor();
    user = { ...user, password: 'a-brand-new-password' };

    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await harness.login(page, user);
  });

  it('lays out for a phone: the sidebar becomes a drawer', async () => {
    const phone = await harness.newPage({ viewport: PHONE_VIEWPORT });
    await harness.login(phone, user);
    const navLink = phone.getByRole('link', { name: 'API keys' });
    expect(await navLink.isVisible()).toBe(false);
    await screenshot(phone, 'phone-playground');

    await phone.getByRole('button', { name: 'Open navigation' }).click();
    const drawer = phone.getByRole('dialog', { name: 'Main navigation' });
    await drawer.waitFor();
    await screenshot(phone, 'phone-navigation');
    await drawer.getByRole('link', { name: 'API keys' }).click();
    await phone.waitForURL('**/keys');
    await drawer.waitFor({ state: 'detached' });
    await heading(phone, 'API keys').waitFor();
  });

  it('shows a 404 page for unknown console paths', async () => {
    await page.goto('/no/such/page');
    await page.getByRole('heading', { name: 'Page not found' }).waitFor();
    await screenshot(page, 'not-found');
  });

  it('tells visitors when sign-ups are closed', async () => {
    await harness.adminApi('PATCH', '/api/admin/settings', { registrationEnabled: false });
    try {
      const visitor = await harness.newPage();
      await visitor.goto('/register');
      await visitor.getByText('This server is not accepting new accounts.', { exact: false }).waitFor();
      // Assert only after the page has heard from the server (the link depends on its answer).
      await Promise.all([
        visitor.waitForResponse((response) => response.url().endsWith('/api/settings/public')),
        visitor.goto('/login'),
      ]);
      await visitor.getByRole('heading', { name: 'Welcome back' }).waitFor();
      await visitor.waitForTimeout(200);
      expect(await visitor.getByRole('link', { name: 'Create an account' }).count()).toBe(0);
      await harness.adminApi('PATCH', '/api/admin/settings', { registrationEnabled: true });
      await visitor.reload();
      await visitor.getByRole('link', { name: 'Create an account' }).waitFor();
    } finally {
      await harness.adminApi('PATCH', '/api/admin/settings', { registrationEnabled: true });
    }
  });

  it('shows the administration menu to the administrator', async () => {
    const admin = await harness.newPage({ viewport: DESKTOP_VIEWPORT, locale: 'zh-CN' });
    await harness.loginAsAdmin(admin);
    // The browser asks for Chinese: the console starts in Chinese.
    await admin.getByText('系统管理').waitFor();
    await admin.getByRole('link', { name: '渠道管理' }).click();
    await admin.waitForURL('**/admin/channels');
    await screenshot(admin, 'admin-zh');
  });

  it('lets the administrator of a fresh install log in with the admin key as the password', async () => {
    const admin = await harness.newPage({ viewport: DESKTOP_VIEWPORT });
    await harness.login(admin, { email: 'admin@aihub.local', password: ADMIN_KEY });
    await admin.getByRole('link', { name: 'Channels' }).waitFor();
    // The same key counts as the current password when setting a new one.
    await admin.goto('/account');
    await admin.getByText('Your current password, or the admin key', { exact: false }).waitFor();
  });

  it('raised no uncaught errors in any page', () => {
    expect(harness.pageErrors).toEqual([]);
  });
});
