/**
 * The route speed tab of /admin/channels (GET /api/admin/routing/speed): empty before any
 * traffic; after a served request, a row naming the channel (by name, from the channels API),
 * the upstream model, the time to first token and the sample count; searchable; in Chinese too.
 */
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

interface SpeedRow {
  channelId: string;
  model: string;
  ttftMs?: number;
  ttftP95Ms?: number;
  samples: number;
}

describeBrowser('console: route speed', () => {
  let h: ConsoleHarness;
  screenshotOnFailure(() => h);

  const serve = async (model: string, stream = false) => {
    const response = await fetch(`${h.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'Tell me a long story.' }] }),
    });
    expect(response.status).toBe(200);
    await response.text();
  };

  beforeAll(async () => {
    h = await startConsole();
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('shows a row per channel and model once a request is served', async () => {
    const page = await h.newPage();
    await h.loginAsAdmin(page);
    await page.goto('/admin/channels');
    await heading(page, 'Channels').waitFor();
    await page.getByRole('tab', { name: 'Route speed' }).click();
    await page.waitForURL('**/admin/channels?tab=speed');
    await page.getByText('No measurements yet').waitFor();

    await serve('gpt-4o-mini');
    await serve('gpt-4o-mini', true);
    const measured = (await h.adminApi<{ data: SpeedRow[] }>('GET', '/api/admin/routing/speed')).data;
    const route = measured.find((row) => row.model === 'gpt-4o-mini');
    expect(route?.samples).toBe(2);
    const channels = (await h.adminApi<{ data: Array<{ id: string; name: string }> }>('GET', '/api/admin/channels'))
      .data;
    const channelName = channels.find((channel) => channel.id === route?.channelId)?.name as string;
    expect(channelName).toBeTruthy();

    // The page's refresh button re-reads the figures.
    await page.getByRole('button', { name: 'Refresh' }).click();
    const table = page.getByRole('table', { name: 'Route speed' });
    const row = table.getByRole('row').filter({ hasText: 'gpt-4o-mini' });
    await row.waitFor();
    const cells = await row.getByRole('cell').allTextContents();
    expect(cells[0]?.endsWith(channelName), cells[0]).toBe(true); // after the vendor icon's monogram
    expect(cells[1]).toBe('gpt-4o-mini');
    expect(cells[2]).toBe(Math.round(route?.ttftMs as number).toLocaleString('en-US'));
    // The 95th percentile needs 20 answers: a dash until then.
    expect(await table.getByRole('columnheader', { name: 'p95 first token (ms)' }).isVisible()).toBe(true);
    expect(cells[3]?.startsWith('—'), cells[3]).toBe(true); // with its tooltip's text
    expect(cells[5]).toBe('2');
    await screenshot(page, 'route-speed');

    // From the 20th answer the percentile shows, as the API measured it.
    for (let index = 0; index < 18; index++) await serve('gpt-4o-mini');
    const measuredAgain = (await h.adminApi<{ data: SpeedRow[] }>('GET', '/api/admin/routing/speed')).data;
    const p95 = measuredAgain.find((item) => item.model === 'gpt-4o-mini')?.ttftP95Ms;
    expect(p95).toBeTypeOf('number');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await row.getByRole('cell').nth(5).filter({ hasText: '20' }).waitFor();
    expect(await row.getByRole('cell').nth(3).textContent()).toBe(Math.round(p95 as number).toLocaleString('en-US'));

    // Searching narrows the rows; a miss says so.
    await serve('claude-3-5-haiku-latest');
    await page.getByRole('button', { name: 'Refresh' }).click();
    await table.getByRole('row').filter({ hasText: 'claude-3-5-haiku-latest' }).waitFor();
    await page.getByLabel('Search channels or models').fill('gpt-4o');
    expect(await table.getByRole('row').count()).toBe(2); // header and one route
    await page.getByLabel('Search channels or models').fill('no-such-model');
    await page.getByText('No results').waitFor();
    await page.getByLabel('Search channels or models').fill('');
    await page.getByRole('radio', { name: 'Fastest first token' }).click();
    expect(await table.getByRole('row').count()).toBe(3);

    // Back to the channel list: the tab leaves the address.
    await page.getByRole('tab', { name: 'Channels' }).click();
    await page.waitForURL((url) => url.pathname === '/admin/channels' && url.search === '');
    expect(h.pageErrors).toEqual([]);
    await page.context().close();
  });

  it('reads in Chinese and fits a phone', async () => {
    const phone = await h.newPage({ viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
    await h.loginAsAdmin(phone);
    await phone.goto('/admin/channels?tab=speed');
    await phone.getByRole('table', { name: '线路速度' }).getByRole('row').nth(1).waitFor();
    await phone.waitForLoadState('networkidle');
    expect(await englishWordsOn(phone)).toEqual([]);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'route-speed-phone-zh');
    expect(h.pageErrors).toEqual([]);
  });
});
