import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ConsoleHarness, describeBrowser, screenshotOnFailure, startConsole } from './console-harness.js';

interface ChannelView {
  id: string;
  name: string;
  lastTest?: { ok: boolean; latencyMs: number } | null;
}

/** A missing translation shows its key: `tools.latency`, `channelTraffic.title`. */
const RAW_KEY = /\b(tools|channelTraffic|list|form|charts)\.[a-z][A-Za-z]+\b/;

const TEXT = {
  en: {
    testAll: /^Test all \d+ channels$/,
    progressDone: (total: number) => `${total} / ${total} tested`,
    unpriced: /1 model has no price/,
    channels: 'Channels',
  },
  zh: {
    testAll: /^测试全部 \d+ 个渠道$/,
    progressDone: (total: number) => `已测试 ${total} / ${total}`,
    unpriced: /1 个模型没有价格/,
    channels: '渠道',
  },
} as const;

describeBrowser('console: channel test-all and the per-channel dashboard', () => {
  let h: ConsoleHarness;
  screenshotOnFailure(() => h);
  const failed: string[] = [];

  beforeAll(async () => {
    h = await startConsole();
    // An admin channel serving a model the price book does not know, tagged for the filter.
    const openai = await h.adminApi<{ data: { baseUrl: string; type: string }[] }>('GET', '/api/admin/channels');
    const base = openai.data.find((channel) => channel.type === 'openai')?.baseUrl as string;
    await h.adminApi('POST', '/api/admin/channels', {
      name: 'house',
      type: 'openai',
      baseUrl: base,
      keys: ['test-key'],
      models: ['house-model-unpriced'],
      tags: ['backup'],
    });
    for (let index = 0; index < 2; index += 1) {
      await h.adminApi('POST', '/v1/chat/completions', {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Hi' }],
        max_tokens: 8,
      });
    }
    const deadline = Date.now() + 15_000;
    while ((await h.adminApi<{ data: unknown[] }>('GET', '/api/admin/dashboard/channels')).data.length === 0) {
      if (Date.now() > deadline) throw new Error('The requests never reached the request log');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, 90_000);

  afterAll(async () => {
    await h?.close();
  });

  const watch = (page: Page) => {
    page.on('requestfailed', (request) => {
      // A navigation cancels the previous page's fetches: not a failure.
      if (request.failure()?.errorText !== 'net::ERR_ABORTED') failed.push(`${request.method()} ${request.url()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
    });
    page.on('console', (message) => {
      if (message.type() === 'error') failed.push(`console: ${message.text()}`);
    });
  };

  for (const language of ['en', 'zh'] as const) {
    it(`tests every channel with a progress bar and a latency column, then shows channel traffic (${language})`, async () => {
      const text = TEXT[language];
      const page = await h.newPage({ locale: language === 'zh' ? 'zh-CN' : 'en-US' });
      // Watched once logged in: the sign-in page's own 401 from /api/auth/me is expected.
      await h.loginAsAdmin(page);
      watch(page);
      await page.goto('/admin/channels');
      const channels = (await h.adminApi<{ data: ChannelView[] }>('GET', '/api/admin/channels')).data;
      await page.getByText(text.unpriced).first().waitFor();

      await page.getByRole('button', { name: text.testAll }).click();
      const bar = page.getByRole('progressbar');
      await bar.waitFor();
      await page
        .getByTestId('test-progress')
        .getByText(text.progressDone(channels.length))
        .waitFor({ timeout: 30_000 });
      expect(await bar.getAttribute('aria-valuenow')).toBe(String(channels.length));
      // Every row's latency cell holds a result badge (a latency, or "failed").
      const badges = page.getByTestId('latency-cell').getByTestId('last-test');
      await expect.poll(() => badges.count()).toBe(channels.length);
      // The emulators answer every test: each badge is a latency, not "failed".
      for (const badge of await badges.all()) expect(await badge.textContent()).toMatch(/^\d+(\.\d+)?\s?(ms|s)$/);
      // The results are kept by the server: they survive a reload.
      const kept = (await h.adminApi<{ data: ChannelView[] }>('GET', '/api/admin/channels')).data;
      expect(kept.every((channel) => channel.lastTest && channel.lastTest.latencyMs >= 0)).toBe(true);
      await page.reload();
      await expect.poll(() => page.getByTestId('latency-cell').getByTestId('last-test').count()).toBe(channels.length);
      expect((await page.locator('main').textContent()) ?? '').not.toMatch(RAW_KEY);

      await page.goto('/admin');
      const table = page.getByTestId('channel-traffic');
      await table.getByRole('table', { name: text.channels }).waitFor();
      await table.getByRole('row').nth(1).waitFor();
      expect(await table.getByRole('row').count()).toBeGreaterThanOrEqual(2);
      expect((await page.locator('main').textContent()) ?? '').not.toMatch(RAW_KEY);

      expect(h.pageErrors).toEqual([]);
      expect(failed).toEqual([]);
    }, 60_000);
  }
});
