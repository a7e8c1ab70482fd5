import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ROOT } from './build-console.js';
import { type ConsoleHarness, describeBrowser, heading, screenshotOnFailure, startConsole } from './console-harness.js';

/**
 * The public face (issue 15), signed out and in, in English and Chinese: the operator's branding
 * on the landing page, the public model list with prices (then without, then hidden), the docs
 * with a key placeholder, an announcement the admin publishes in the console showing on the
 * landing page and in a user's console (dismissible), the invite link, and tab titles
 * "<page> · <site name>". Every page: no uncaught error, no failed request, no untranslated text.
 */

const SITE = 'Relay Co';

/** Every English text of the `site` namespace that differs in Chinese: none may show on a Chinese page. */
function englishOnlyTexts(): string[] {
  const flat = (value: unknown): string[] =>
    typeof value === 'string' ? [value] : Object.values(value as Record<string, unknown>).flatMap(flat);
  const en = flat(JSON.parse(readFileSync(join(ROOT, 'web/src/locales/en/site.json'), 'utf8')));
  const zh = new Set(flat(JSON.parse(readFileSync(join(ROOT, 'web/src/locales/zh/site.json'), 'utf8'))));
  return en.filter((text) => !zh.has(text) && text.length >= 4 && !text.includes('{{'));
}

/** A missing translation shows its key (`landing.title`, `site:nav.login`). */
/** Waits for the tab title (pages load lazily: the title follows the page). */
async function titleIs(page: Page, title: string): Promise<void> {
  await page.waitForFunction((expected) => document.title === expected, title, { timeout: 5_000 });
}

const RAW_KEY = /\b(site:)?(nav|landing|models|docs|announcements|invite|adminAnnouncements|siteSettings)\.[a-zA-Z_]+/;

describeBrowser('console: landing page, public models and docs, announcements, invitations', () => {
  let h: ConsoleHarness;
  const failures: string[] = [];
  screenshotOnFailure(() => h);

  /** A page that records failed requests and console errors (a visitor's 401 from /api/auth/me is the sign-in check). */
  const watched = async (locale: string) => {
    const page = await h.newPage({ locale });
    page.on('requestfailed', (request) => {
      // A request still in flight when the page navigates on is cancelled by the browser
      // (net::ERR_ABORTED): that is the navigation, not a failure; whether one is caught in flight
      // depends on timing alone.
      const reason = request.failure()?.errorText;
      if (reason !== 'net::ERR_ABORTED') failures.push(`${request.method()} ${request.url()} failed: ${reason}`);
    });
    page.on('response', (response) => {
      const url = new URL(response.url());
      if (response.status() >= 400 && !(url.pathname === '/api/auth/me' && response.status() === 401)) {
        failures.push(`${response.request().method()} ${url.pathname} → ${response.status()}`);
      }
    });
    page.on('console', (message) => {
      if (message.type() === 'error' && !message.text().includes('401')) failures.push(`console: ${message.text()}`);
    });
    return page;
  };

  const checkTexts = async (page: Page, language: 'en' | 'zh') => {
    const text = (await page.locator('body').innerText()) ?? '';
    expect(text).not.toMatch(RAW_KEY);
    if (language === 'zh') for (const english of englishOnlyTexts()) expect(text, english).not.toContain(english);
  };

  beforeAll(async () => {
    h = await startConsole();
    await h.adminApi('PATCH', '/api/admin/settings', {
      site: {
        name: SITE,
        logoUrl: '',
        tagline: { en: 'Every model, one bill', zh: '所有模型，一张账单' },
        footer: { en: 'Made by **Relay Co**', zh: '由 **中继公司** 出品' },
      },
      publicModels: 'prices',
    });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('the admin publishes an announcement, which shows in the console at once', async () => {
    const admin = await watched('en-US');
    await h.loginAsAdmin(admin);
    await admin.getByRole('link', { name: 'Announcements', exact: true }).click();
    await heading(admin, 'Announcements').waitFor();
    await titleIs(admin, `Announcements · ${SITE}`);
    await admin.getByRole('button', { name: 'New announcement' }).click();
    const dialog = admin.getByRole('dialog');
    await dialog.getByLabel('Title (English)').fill('Maintenance window');
    await dialog.getByLabel('Title (Chinese)').fill('维护通知');
    await dialog.getByLabel('Text (English, Markdown)').fill('**Tonight** at 22:00 <script>alert(1)</script>');
    await dialog.getByLabel('Text (Chinese, Markdown)').fill('**今晚** 22:00');
    await dialog.getByRole('switch').click();
    await dialog.getByRole('button', { name: 'Save' }).click();
    await admin.getByRole('cell', { name: /Maintenance window/ }).waitFor();
    const banner = admin.getByTestId('announcement').filter({ hasText: 'Maintenance window' });
    await banner.waitFor();
    expect(await banner.locator('strong').textContent()).toBe('Tonight');
    expect(await banner.locator('script').count()).toBe(0);
    await checkTexts(admin, 'en');
  });

  it('a visitor sees the landing page, the models with prices, and the docs (English)', async () => {
    const page = await watched('en-US');
    await page.goto('/');
    await page.getByTestId('site-tagline').getByText('Every model, one bill').waitFor();
    await titleIs(page, `Home · ${SITE}`);
    await page.getByTestId('announcement').getByText('Maintenance window').waitFor();
    expect(await page.getByTestId('site-footer').locator('strong').textContent()).toBe('Relay Co');
    expect(await page.getByRole('link', { name: 'Sign up' }).getAttribute('href')).toBe('/register');
    await checkTexts(page, 'en');

    await page.getByRole('link', { name: 'Browse models' }).click();
    await heading(page, 'Models').waitFor();
    await titleIs(page, `Models · ${SITE}`);
    const table = page.getByRole('table');
    await table.locator('tbody tr').first().waitFor();
    expect(await table.innerText()).toMatch(/\$\d/);
    await page.getByRole('link', { name: 'Sign up' }).last().waitFor();
    await checkTexts(page, 'en');

    await page.getByRole('link', { name: 'Docs', exact: true }).click();
    await heading(page, 'Docs').waitFor();
    await titleIs(page, `Docs · ${SITE}`);
    expect(await page.locator('pre').first().innerText()).toContain('<YOUR_AIHUB_KEY>');
    await checkTexts(page, 'en');

    // The operator hides prices, then the list.
    await h.adminApi('PATCH', '/api/admin/settings', { publicModels: 'list' });
    await page.goto('/pricing');
    await page.getByRole('table').locator('tbody tr').first().waitFor();
    expect(await page.getByRole('table').innerText()).not.toContain('$');
    await h.adminApi('PATCH', '/api/admin/settings', { publicModels: 'hidden' });
    await page.goto('/pricing');
    await page.getByText('The model list is available after you sign in.').waitFor();
    expect(await page.getByRole('link', { name: 'Models', exact: true }).count()).toBe(0);
    await h.adminApi('PATCH', '/api/admin/settings', { publicModels: 'prices' });
  });

  it('in Chinese: the landing page, prices and docs, then a new user sees the announcement, dismisses it, and finds the invite link', async () => {
    const page = await watched('zh-CN');
    await page.goto('/');
    await page.getByTestId('site-tagline').getByText('所有模型，一张账单').waitFor();
    await titleIs(page, `首页 · ${SITE}`);
    await page.getByTestId('announcement').getByText('维护通知').waitFor();
    expect(await page.getByTestId('announcement').locator('strong').textContent()).toBe('今晚');
    await checkTexts(page, 'zh');

    await page.getByRole('link', { name: '浏览模型' }).click();
    await heading(page, '模型').waitFor();
    await titleIs(page, `模型 · ${SITE}`);
    await page.getByRole('table').locator('tbody tr').first().waitFor();
    expect(await page.getByRole('table').innerText()).toMatch(/\$\d/);
    await checkTexts(page, 'zh');

    await page.getByRole('link', { name: '文档', exact: true }).click();
    await heading(page, '文档').waitFor();
    await titleIs(page, `文档 · ${SITE}`);
    await checkTexts(page, 'zh');

    await h.registerUser(page);
    await titleIs(page, `调试台 · ${SITE}`);
    const banner = page.getByTestId('announcement').filter({ hasText: '维护通知' });
    await banner.waitFor();
    await banner.getByRole('button', { name: '关闭公告' }).click();
    await page.reload();
    await page.getByRole('button', { name: '账户菜单' }).waitFor();
    expect(await page.getByTestId('announcement').count()).toBe(0);

    await page.getByRole('link', { name: '充值与账单' }).first().click();
    await heading(page, '充值与账单').waitFor();
    await titleIs(page, `充值与账单 · ${SITE}`);
    expect(await page.getByTestId('invite-link').textContent()).toMatch(/\/register\?invite=[0-9A-Za-z]{10}$/);
    await checkTexts(page, 'zh');
  });

  it('left no uncaught page error and no failed request', () => {
    expect(h.pageErrors).toEqual([]);
    expect(failures).toEqual([]);
  });
});
