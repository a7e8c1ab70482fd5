/**
 * Issue 6's main flow, end to end in one browser session against a real AIHub and the vendor
 * emulators: sign up and see the trial credit → create an API key (shown once, it works) → chat
 * in the playground with a streamed reply → find that request in the logs → the balance went down
 * by exactly the logged charge → switch the language.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseMoney } from '../../web/src/lib/money.js';
import {
  type ConsoleHarness,
  describeBrowser,
  htmlLang,
  screenshot,
  screenshotOnFailure,
  startConsole,
} from './console-harness.js';

const MODEL = 'gpt-4.1-mini';

/** The balance in the top bar, exactly (its tooltip has all six decimals). */
async function shownBalanceUnits(page: Page): Promise<number> {
  const title = await page.getByTestId('balance').locator('[title]').getAttribute('title');
  const units = parseMoney(title ?? '');
  if (units === undefined) throw new Error(`not an amount: ${title}`);
  return units;
}

describeBrowser('console: the main journey', () => {
  let harness: ConsoleHarness;
  let page: Page;
  screenshotOnFailure(() => harness);

  beforeAll(async () => {
    harness = await startConsole();
    page = await harness.newPage();
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('signs up, creates a key, chats, finds the request in the logs, and pays exactly what was logged', async () => {
    // 1. Sign up: the trial credit is announced and is the balance.
    await harness.registerUser(page, { displayName: 'Journey' });
    await page.getByText('$0.20 of trial credit has been added to your balance.').waitFor();
    expect(await page.getByTestId('balance').textContent()).toContain('$0.20');
    const startBalance = await shownBalanceUnits(page);
    expect(startBalance).toBe(200_000);

    // 2. An API key: created on /keys, shown once, and it works against /v1.
    await page.getByRole('link', { name: 'API keys', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'API keys' }).waitFor();
    await page
      .getByRole('button', { name: /create/i })
      .first()
      .click();
    const form = page.getByRole('dialog', { name: /create/i });
    await form.getByLabel('Name').fill('journey-key');
    await form.getByRole('button', { name: /^create key$/i }).click();
    const created = page.getByRole('dialog', { name: /save your api key/i });
    await created.waitFor();
    const key = ((await created.getByTestId('new-key').textContent()) ?? '').trim();
    expect(key).toMatch(/^sk-/);
    const models = await fetch(`${harness.origin}/v1/models`, { headers: { authorization: `Bearer ${key}` } });
    expect(models.status).toBe(200);
    // Copied, as a user would before closing (closing without copying asks to confirm).
    await created.getByRole('button', { name: /^copy key$/i }).click();
    await created.getByRole('button', { name: /i have saved my key/i }).click();
    await created.waitFor({ state: 'detached' });
    await page.getByRole('heading', { name: 'journey-key' }).waitFor();
    // Shown once: the list never shows the whole key again.
    expect(await page.locator('main').textContent()).not.toContain(key);

    // 3. The playground: pick the emulator's model and watch the reply stream in.
    await page.getByRole('link', { name: 'Playground', exact: true }).click();
    await page.getByRole('button', { name: /^Model: .* \(change\)$/ }).click();
    const picker = page.getByRole('dialog', { name: 'Choose a model' });
    await picker.getByRole('combobox', { name: 'Search models' }).fill(MODEL);
    await picker
      .getByRole('option')
      .filter({ has: page.getByText(MODEL, { exact: true }) })
      .click();
    await page.getByRole('button', { name: `Model: ${MODEL} (change)` }).waitFor();

    const answer = 'Streaming works: one, two, three, four, five, six, seven, eight.';
    harness.gateway.openai.enqueue({ text: answer, chunkCount: 8, chunkDelayMs: 200 });
    await page.getByRole('textbox', { name: 'Message' }).fill('Count to eight, please');
    await page.getByRole('textbox', { name: 'Message' }).press('Enter');
    const reply = page.getByTestId('assistant-message').last();
    // Part of the text while the stream is still open…
    await reply.getByTestId('assistant-content').waitFor();
    expect(await reply.getAttribute('data-status')).toBe('streaming');
    const partial = (await reply.getByTestId('assistant-content').textContent()) ?? '';
    expect(answer.startsWith(partial.trim())).toBe(true);
    expect(partial.trim().length).toBeLessThan(answer.length);
    // …then all of it, with usage and the charge read back from the request log.
    await expect.poll(() => reply.getAttribute('data-status'), { timeout: 15_000 }).toBe('done');
    expect(await reply.getByTestId('assistant-content').textContent()).toContain(answer);
    const cost = reply.getByTestId('reply-cost');
    await expect.poll(() => cost.getAttribute('data-cost-source'), { timeout: 15_000 }).toBe('log');
    const charged = Number(await cost.getAttribute('data-cost-units'));
    expect(charged).toBeGreaterThan(0);
    const logHref = await reply.getByRole('link', { name: 'View log' }).getAttribute('href');
    const requestId = decodeURIComponent(logHref!.replace('/logs/', ''));
    await screenshot(page, 'journey-playground');

    // 4. The request log has the row; its detail is that request, with the same charge.
    await page.getByRole('link', { name: 'Logs', exact: true }).click();
    const rows = page.getByRole('table', { name: 'Requests' }).locator('tbody tr');
    const row = rows.filter({ hasText: MODEL });
    await row.waitFor();
    expect(await rows.count()).toBe(1);
    await row.click();
    await page.waitForURL(`**/logs/${requestId}`);
    const drawer = page.getByRole('dialog', { name: MODEL });
    expect(await drawer.getByTestId('request-id').textContent()).toBe(requestId);
    const detail = (await drawer.getByTestId('log-detail').textContent()) ?? '';
    const loggedCost = (await page.evaluate(
      (id) => fetch(`/api/logs/${id}`).then((response) => response.json()),
      requestId,
    )) as { cost: number; keyKind: string };
    expect(loggedCost.cost).toBe(charged);
    expect(loggedCost.keyKind).toBe('playground');
    // The drawer shows that exact charge (six decimals).
    expect(detail).toContain(`$${(charged / 1_000_000).toFixed(6)}`);
    await screenshot(page, 'journey-logs');
    await drawer.getByRole('button', { name: 'Close' }).click();

    // 5. The balance shown dropped by exactly the logged cost.
    await expect.poll(() => shownBalanceUnits(page), { timeout: 10_000 }).toBe(startBalance - loggedCost.cost);

    // 6. Another language: the same pages, in Chinese.
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await page.getByRole('heading', { level: 1, name: '日志' }).waitFor();
    expect(await htmlLang(page)).toBe('zh-CN');
    expect(await page.getByTestId('balance').textContent()).toContain('余额');
    await page.getByRole('link', { name: '调试台' }).click();
    await page.getByRole('textbox', { name: '消息' }).waitFor();
    await page.getByTestId('reply-stats').getByText('已扣费').waitFor();
    await screenshot(page, 'journey-zh');
  });

  it('raised no uncaught errors in any page', () => {
    expect(harness.pageErrors).toEqual([]);
  });
});
