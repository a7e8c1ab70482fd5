/**
 * The operator's cost in the console: an administrator sets a channel's cost in the channel form
 * (a factor of the list price and a fixed price per upstream model, in dollars per 1M tokens), the
 * admin API stores it in units and the list shows it; after requests are relayed through that
 * channel, /admin/margins shows the model's revenue, upstream cost and margin (by model and by
 * channel, with totals) and the request log's detail shows the upstream cost to administrators;
 * a hedged attempt that lost its race is named in the log and its prompt counted as overhead.
 * In Chinese, at phone width.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_KEY } from '../e2e/gateway-harness.js';
import {
  type ConsoleHarness,
  describeBrowser,
  heading,
  PHONE_VIEWPORT,
  screenshot,
  screenshotOnFailure,
  startConsole,
} from './console-harness.js';
import { englishWordsOn } from './untranslated-text.js';

const CHANNEL = 'cost-openai';
const MODEL = 'gpt-4o-mini';

interface ChannelView {
  id: string;
  name: string;
  cost: { multiplierPpm?: number; models?: Record<string, Record<string, number>> } | null;
}

interface MarginFigures {
  requests: number;
  revenue: number;
  upstreamCost: number;
  hedgeOverhead: number;
  margin: number;
  marginPercent: number | null;
  unknownCostRequests: number;
}
interface MarginReport {
  totals: MarginFigures;
  data: (MarginFigures & { key: string | null })[];
}

/** The console's money format (web/src/lib/money.ts formatMoney), for comparing cells with the API. */
function dollars(units: number): string {
  const abs = Math.abs(Math.trunc(units));
  const fraction = String(abs % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0');
  return `${units < 0 ? '-' : ''}$${Math.floor(abs / 1_000_000).toLocaleString('en-US')}.${fraction}`;
}

describeBrowser('console: channel cost and margins', () => {
  let h: ConsoleHarness;
  let admin: Page;
  const requestIds: string[] = [];
  screenshotOnFailure(() => h);

  const channel = async (): Promise<ChannelView | undefined> =>
    (await h.adminApi<{ data: ChannelView[] }>('GET', '/api/admin/channels')).data.find(
      (item) => item.name === CHANNEL,
    );

  beforeAll(async () => {
    h = await startConsole();
    // A channel of the administrator's own, ahead of the environment's (priority 10), serving one model.
    await h.adminApi('POST', '/api/admin/channels', {
      name: CHANNEL,
      type: 'openai',
      baseUrl: h.gateway.openai.url,
      keys: ['test-key'],
      models: [MODEL],
      priority: 10,
    });
    admin = await h.newPage();
    await h.loginAsAdmin(admin);
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it("sets a channel's cost in the form; the API stores it and the list shows it", async () => {
    await admin.goto('/admin/channels');
    await heading(admin, 'Channels').waitFor();
    await admin.getByRole('button', { name: CHANNEL, exact: true }).first().click();
    const drawer = admin.getByRole('dialog', { name: `Edit ${CHANNEL}` });
    await drawer.waitFor();
    const cost = drawer.getByTestId('channel-cost');

    await cost.getByLabel(/^Multiplier of the list price/).fill('0.3');
    await cost.getByText('You pay 30% of the official list price.').waitFor();
    await cost.getByRole('button', { name: 'Add a fixed price' }).click();
    const row = cost.getByTestId('cost-model');
    await row.getByLabel('Upstream model').fill(MODEL);
    await row.getByLabel('Input / 1M').fill('1');
    // Input without output is refused on the output field, before anything is sent.
    await drawer.getByRole('button', { name: 'Save changes' }).click();
    await row.getByText('Enter input and output prices, or a price per request.').waitFor();
    expect(await row.getByLabel('Output / 1M').getAttribute('aria-invalid')).toBe('true');
    expect((await channel())?.cost).toBeNull();

    await row.getByLabel('Output / 1M').fill('4');
    await row.getByLabel('Cache read / 1M').fill('0.5');
    await screenshot(admin, 'channel-cost-form');
    await drawer.getByRole('button', { name: 'Save changes' }).click();
    await drawer.waitFor({ state: 'detached' });
    await admin.getByText(`${CHANNEL} saved.`).waitFor();

    expect((await channel())?.cost).toEqual({
      multiplierPpm: 300_000,
      models: { [MODEL]: { input: 1_000_000, output: 4_000_000, cacheRead: 500_000 } },
    });
    const listRow = admin.getByRole('row').filter({ hasText: CHANNEL });
    expect(await listRow.getByTestId('channel-cost-badge').textContent()).toBe('Cost ×0.3 · 1 fixed price');

    // Reopened, the form shows what is stored, in dollars.
    await admin.getByRole('button', { name: CHANNEL, exact: true }).first().click();
    const again = admin.getByRole('dialog', { name: `Edit ${CHANNEL}` });
    expect(await again.getByLabel(/^Multiplier of the list price/).inputValue()).toBe('0.3');
    expect(await again.getByTestId('cost-model').getByLabel('Output / 1M').inputValue()).toBe('4');
    await again.getByRole('button', { name: 'Cancel' }).click();
    await again.waitFor({ state: 'detached' });
    expect(h.pageErrors).toEqual([]);
  });

  it('shows the margin of relayed requests by model and by channel, with totals', async () => {
    for (let index = 0; index < 2; index++) {
      h.gateway.openai.enqueue({ usage: { inputTokens: 100_000, outputTokens: 50_000 } });
      const response = await fetch(`${h.origin}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'Hello' }] }),
      });
      expect(response.status).toBe(200);
      await response.text();
      requestIds.push(response.headers.get('x-request-id') ?? '');
    }
    // 100k input at $1 and 50k output at $4 per 1M: $0.30 a request, at the channel's fixed price.
    let report: MarginReport | undefined;
    await expect
      .poll(
        async () => {
          report = await h.adminApi<MarginReport>('GET', `/api/admin/margins?by=model&model=${MODEL}`);
          return report.data[0]?.requests;
        },
        { timeout: 10_000 },
      )
      .toBe(2);
    const figures = report?.data[0] as MarginFigures;
    expect(figures.upstreamCost).toBe(600_000);
    expect(figures.revenue).toBeGreaterThan(0);

    await admin.getByRole('link', { name: 'Margins' }).click();
    await admin.waitForURL('**/admin/margins');
    await heading(admin, 'Margins').waitFor();
    const table = admin.getByRole('table', { name: 'Margins' });
    const modelRow = table.getByRole('row').filter({ hasText: MODEL });
    await modelRow.waitFor();
    const cells = await modelRow.getByRole('cell').allTextContents();
    expect(cells[0]).toBe(MODEL);
    expect(cells[1]).toBe('2');
    expect(cells[2]).toBe(dollars(figures.revenue));
    expect(cells[3]).toBe('$0.60');
    expect(cells[5]).toBe(dollars(figures.margin));
    // Totals row and summary: every request in the window (only these two were served).
    const totals = table.locator('tfoot tr');
    expect(await totals.getByRole('cell').first().textContent()).toBe('Total');
    expect(await admin.getByTestId('margins-summary-upstreamCost').locator('dd').textContent()).toBe('$0.60');
    expect(await admin.getByTestId('margins-unknown-cost').count()).toBe(0);
    await screenshot(admin, 'margins-by-model');

    await admin.getByRole('radio', { name: 'By channel' }).click();
    await admin.waitForURL('**/admin/margins?by=channel');
    await admin.getByRole('heading', { name: 'Margin by channel' }).waitFor();
    const channelRow = table.getByRole('row').filter({ hasText: CHANNEL });
    await channelRow.waitFor();
    expect(await channelRow.getByTestId('margin-upstream-cost').textContent()).toBe('$0.60');
    expect(h.pageErrors).toEqual([]);
  });

  it("shows the request's upstream cost in the log detail to administrators", async () => {
    await admin.goto(`/logs/${requestIds[0]}`);
    const drawer = admin.getByRole('dialog', { name: MODEL });
    await drawer.getByTestId('log-detail-upstream-cost').waitFor();
    expect(await drawer.getByTestId('log-detail-upstream-cost').textContent()).toBe('$0.300000');
    expect(await drawer.getByTestId('log-detail-hedge-overhead').count()).toBe(0); // not hedged
    expect(h.pageErrors).toEqual([]);
  });

  it('names a hedged attempt that lost its race, and shows the hedging overhead', async () => {
    // A second channel of the model, tried second (priority 5), answers at once; the first is slow.
    await h.adminApi('POST', '/api/admin/channels', {
      name: 'mirror',
      type: 'openai',
      baseUrl: h.gateway.deepseek.url,
      keys: ['test-key'],
      models: [MODEL],
      priority: 5,
    });
    h.gateway.openai.setScript({ headersDelayMs: 1_500 });
    const response = await fetch(`${h.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json', 'x-aihub-hedge': '100' },
      body: JSON.stringify({ model: MODEL, messages: [{ role: 'user', content: 'race' }] }),
    });
    expect(response.status).toBe(200);
    await response.text();
    const requestId = response.headers.get('x-request-id') ?? '';
    h.gateway.openai.reset();

    await admin.goto(`/logs/${requestId}`);
    const drawer = admin.getByRole('dialog', { name: MODEL });
    const lost = drawer.getByTestId('attempt').filter({ hasText: 'Lost the hedge race' });
    await lost.waitFor();
    expect(await lost.textContent()).toContain(CHANNEL);
    expect(await drawer.getByTestId('attempt').filter({ hasText: 'OK' }).textContent()).toContain('mirror');
    const overhead = drawer.getByTestId('log-detail-hedge-overhead');
    await overhead.waitFor();
    expect(await overhead.textContent()).toMatch(/^\$0\.\d{6}$/);
    await screenshot(admin, 'log-detail-hedge-lost');

    // The margins page counts it, in the hedging overhead of the model.
    await expect
      .poll(async () => (await h.adminApi<MarginReport>('GET', '/api/admin/margins')).totals.hedgeOverhead, {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    await admin.goto('/admin/margins');
    const report = await h.adminApi<MarginReport>('GET', '/api/admin/margins');
    const row = admin.getByRole('table', { name: 'Margins' }).getByRole('row').filter({ hasText: MODEL });
    await expect
      .poll(() => row.getByRole('cell').nth(4).textContent())
      .toBe(dollars(report.data.find((item) => item.key === MODEL)?.hedgeOverhead ?? -1));
    expect(h.pageErrors).toEqual([]);
  });

  it('reads in Chinese and fits a phone', async () => {
    const phone = await h.newPage({ viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
    await h.loginAsAdmin(phone);
    await phone.goto('/admin/margins');
    await phone.getByRole('table', { name: '利润' }).getByRole('row').filter({ hasText: MODEL }).waitFor();
    await phone.waitForLoadState('networkidle');
    expect(await englishWordsOn(phone)).toEqual([]);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'margins-phone-zh');

    await phone.goto('/admin/channels');
    await phone.getByRole('button', { name: CHANNEL, exact: true }).first().click();
    const drawer = phone.getByRole('dialog', { name: `编辑 ${CHANNEL}` });
    await drawer.getByTestId('channel-cost').scrollIntoViewIfNeeded();
    expect(await drawer.getByTestId('channel-cost').getByText('你支付官方标价的 30%。').count()).toBe(1);
    // Names are data, not words to translate: the channels', the environment channels' tag and a suggested model.
    const data = new Set([CHANNEL, 'mirror', 'backup', 'dall-e']);
    expect((await englishWordsOn(phone)).filter((word) => !data.has(word))).toEqual([]);
    const drawerOverflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(drawerOverflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'channel-cost-phone-zh');
    expect(h.pageErrors).toEqual([]);
  });
});
