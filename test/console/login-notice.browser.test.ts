/**
 * The owner of an account that was under password guessing is told: a toast at their next
 * sign-in, and the notice on the account page (in both languages) until they dismiss it.
 * The guesses come from other loopback addresses (127/8); the browser signs in from 127.0.0.1,
 * where the owner signed up, which is never paused.
 */
import { randomInt } from 'node:crypto';
import { request } from 'node:http';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type ConsoleHarness,
  describeBrowser,
  heading,
  type RegisteredUser,
  screenshot,
  screenshotOnFailure,
  startConsole,
} from './console-harness.js';

/** A failed sign-in from `from`; resolves to the status. */
function guess(origin: string, email: string, from: string): Promise<number> {
  const url = new URL(origin);
  const body = JSON.stringify({ email, password: 'not-the-password' });
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: url.hostname,
        port: url.port,
        method: 'POST',
        path: '/api/auth/login',
        localAddress: from,
        agent: false,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

describeBrowser('console: telling the owner that sign-ins were paused', () => {
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

  it('shows a toast at the next sign-in, and the notice on the account page until dismissed', async () => {
    user = await harness.registerUser(page);
    const net = `127.${randomInt(1, 255)}.${randomInt(0, 255)}`;
    const statuses = [];
    for (let host = 1; host <= 12; host++) statuses.push(await guess(harness.origin, user.email, `${net}.${host}`));
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);

    await page.getByRole('button', { name: 'Account menu' }).click();
    await page.getByRole('menuitem', { name: 'Log out' }).click();
    await page.waitForURL('**/login');
    await harness.login(page, user);
    await page.getByText('Someone may be guessing your password').waitFor();

    await page.getByRole('link', { name: 'Account', exact: true }).click();
    await heading(page, 'Account').waitFor();
    const notice = page.getByRole('status').filter({ hasText: 'Sign-ins to your account were paused' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('after 10 failed password attempts from new addresses');
    await screenshot(page, 'login-notice');

    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await heading(page, '个人中心').waitFor();
    const chinese = page.getByRole('status').filter({ hasText: '你的账户曾暂停新地址登录' });
    await chinese.waitFor();
    expect(await chinese.textContent()).toContain('来自新地址的密码错误达 10 次');
    await screenshot(page, 'login-notice-zh');
    await chinese.getByRole('button', { name: '知道了' }).click();
    await chinese.waitFor({ state: 'detached' });

    await page.reload();
    await heading(page, '个人中心').waitFor();
    expect(await page.getByText('你的账户曾暂停新地址登录').count()).toBe(0);
    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    expect(harness.pageErrors).toEqual([]);
  });
});
