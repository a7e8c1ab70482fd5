import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { UPSTREAM_KEY } from '../e2e/gateway-harness.js';
import {
  type ConsoleHarness,
  describeBrowser,
  screenshot,
  screenshotOnFailure,
  startConsole,
  uniqueEmail,
} from './console-harness.js';

/** The words each step clicks or reads, per console language. */
const WORDS = {
  en: {
    locale: 'en-US',
    createUser: 'Create user',
    email: 'Email',
    balance: 'Initial balance',
    createKey: 'Create key',
    firstKey: /^Create (your first )?key$/,
    keyName: 'Name',
    disable: 'Disable',
    disabled: 'Disabled',
    addGroup: 'Add group',
    groupName: 'Group name',
    multiplier: 'Price multiplier',
    saveGroups: 'Save groups',
    groupBadge: 'group: vip',
  },
  zh: {
    locale: 'zh-CN',
    createUser: '创建用户',
    email: '邮箱',
    balance: '初始余额',
    createKey: '创建密钥',
    firstKey: /^创建(第一个)?密钥$/,
    keyName: '名称',
    disable: '禁用',
    disabled: '已禁用',
    addGroup: '添加分组',
    groupName: '分组名称',
    multiplier: '价格倍率',
    saveGroups: '保存分组',
    groupBadge: '分组：vip',
  },
} as const;

/** i18n keys of the strings this part added: one on screen means a translation is missing. */
const RAW_KEY = /\b(adminKeys|keyGroups|createUser|bulkBalance|form\.group|users\.drawer)\.[A-Za-z.]+/;

describeBrowser('console: key groups, admin-created users and disabling any key', () => {
  let harness: ConsoleHarness;
  const failures: string[] = [];
  screenshotOnFailure(() => harness);

  /** A page whose failed requests and console errors are collected (the test asserts none). */
  const watchedPage = async (locale: string): Promise<Page> => {
    const page = await harness.newPage({ locale });
    // A request cut short by the next navigation is aborted, not failed.
    page.on('requestfailed', (request) => {
      const reason = request.failure()?.errorText ?? '';
      if (!reason.includes('ERR_ABORTED')) failures.push(`${request.method()} ${request.url()} failed: ${reason}`);
    });
    page.on('response', (response) => {
      // Before signing in, the console asks who is signed in and is told nobody (401): expected.
      if (response.status() >= 400 && !(response.status() === 401 && response.url().endsWith('/api/auth/me'))) {
        failures.push(`${response.request().method()} ${response.url()} → ${response.status()}`);
      }
    });
    page.on('console', (message) => {
      // The browser logs every 4xx it received as an error; those are judged above, by URL.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        failures.push(`console: ${message.text()}`);
      }
    });
    return page;
  };

  const expectTranslated = async (page: Page) => {
    expect(await page.locator('body').innerText()).not.toMatch(RAW_KEY);
  };

  beforeAll(async () => {
    harness = await startConsole();
    for (const group of ['default', 'vip']) {
      await harness.adminApi('POST', '/api/admin/channels', {
        name: `kg-${group}`,
        type: 'custom',
        baseUrl: harness.gateway.openai.url,
        keys: [UPSTREAM_KEY],
        models: ['kg-model'],
        groups: [group],
      });
    }
    await harness.adminApi('PUT', '/api/admin/prices', { models: { 'kg-model': { fixed: { perRequest: 1_000 } } } });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  for (const language of ['en', 'zh'] as const) {
    it(`[${language}] the admin creates a user, the user keys into a group, the log shows it, the admin disables the key`, async () => {
      const words = WORDS[language];
      const admin = await watchedPage(words.locale);
      await harness.loginAsAdmin(admin);

      // The operator offers a key group at 1.5× (once; the second language finds it saved).
      if (language === 'en') {
        await admin.goto('/admin/keys');
        await admin.getByRole('button', { name: words.addGroup }).click();
        await admin.getByLabel(words.groupName).last().fill('vip');
        await admin.getByLabel(words.multiplier).last().fill('1.5');
        await admin.getByRole('button', { name: words.saveGroups }).click();
        await expect
          .poll(async () => (await harness.adminApi<any>('GET', '/api/admin/key-groups')).data)
          .toEqual([{ name: 'vip', description: '', selectable: true, multiplierPpm: 1_500_000 }]);
      }

      // The admin creates a user with a $5 balance; the generated password is shown once.
      const email = uniqueEmail(`kg-${language}`);
      await admin.goto('/admin/users');
      await admin.getByRole('button', { name: words.createUser }).first().click();
      const dialog = admin.getByRole('dialog');
      await dialog.getByLabel(words.email).fill(email);
      await dialog.getByLabel(words.balance).fill('5');
      await dialog.getByRole('button', { name: words.createUser }).click();
      const password = (await admin.getByTestId('generated-password').textContent())!.trim();
      expect(password).toMatch(/^[\w-]{24}$/);
      await expectTranslated(admin);
      await screenshot(admin, `admin-create-user-${language}`);
      await admin.keyboard.press('Escape');

      // The new user signs in with it and creates a key in the vip group, its multiplier on show.
      const user = await watchedPage(words.locale);
      await harness.login(user, { email, password });
      await user.goto('/keys');
      await user.getByRole('button', { name: words.firstKey }).first().click();
      const form = user.getByRole('dialog');
      await form.getByLabel(words.keyName, { exact: true }).fill('grouped');
      const picker = form.getByTestId('key-group');
      expect(await picker.locator('option').allTextContents()).toEqual([
        expect.stringContaining('×1'),
        expect.stringMatching(/^vip · ×1\.5$/),
      ]);
      await picker.selectOption('vip');
      await expectTranslated(user);
      await form.getByRole('button', { name: words.createKey }).click();
      const secret = (await user.getByTestId('new-key').textContent())!.trim();
      // The key list names the group.
      await user.goto('/keys');
      await user.getByText(words.groupBadge, { exact: true }).waitFor();

      const call = () =>
        fetch(`${harness.origin}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          body: JSON.stringify({ model: 'kg-model', messages: [{ role: 'user', content: 'Hi' }] }),
        });
      expect((await call()).status).toBe(200);

      // The admin jumps from the user to their log: the request went to the vip channel at 1.5×.
      const userId = (await harness.adminApi<any>('GET', `/api/admin/users?query=${encodeURIComponent(email)}`)).data[0]
        .id;
      await admin.goto(`/logs?user=${userId}`);
      const row = admin.getByRole('row', { name: /kg-model/ }).first();
      await row.waitFor();
      expect(await row.textContent()).toContain('kg-vip');
      expect(await row.textContent()).toContain('0.0015');

      // …and to their keys, and disables the key: the next request is refused.
      await admin.goto(`/admin/users?user=${userId}`);
      await admin.getByRole('link', { name: language === 'en' ? 'View API keys' : '查看 API 密钥' }).click();
      await admin.waitForURL(`**/admin/keys?user=${userId}`);
      const keyRow = admin.getByRole('row', { name: /grouped/ });
      expect(await keyRow.textContent()).toContain('vip');
      await keyRow.getByRole('button', { name: words.disable }).click();
      await keyRow.getByText(words.disabled).waitFor();
      await expectTranslated(admin);
      await screenshot(admin, `admin-keys-${language}`);
      const refused = await call();
      expect(refused.status).toBe(401);

      expect(harness.pageErrors.join('\n')).toBe('');
      expect(failures.join('\n')).toBe('');
      await admin.context().close();
      await user.context().close();
    }, 60_000);
  }
});
