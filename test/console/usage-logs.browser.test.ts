import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type ConsoleHarness,
  describeBrowser,
  heading,
  isDarkTheme,
  PHONE_VIEWPORT,
  type RegisteredUser,
  screenshot,
  screenshotOnFailure,
  startConsole,
} from './console-harness.js';

/** The Claude call's usage: 1,200 input tokens, of which 100 cache reads, 300 five-minute and 500 one-hour writes. */
const CLAUDE_USAGE = {
  inputTokens: 1200,
  outputTokens: 300,
  cachedTokens: 100,
  cacheWriteTokens: 800,
  cacheWrite1hTokens: 500,
};

/** The prompt-cache figures of the usage page's summary card (read, 5 min writes, 1 h writes). */
const summaryCache = (page: Page) =>
  Promise.all(
    ['summary-cache-read', 'summary-cache-write-5m', 'summary-cache-write-1h'].map((id) =>
      page.getByTestId(id).locator('dd').textContent(),
    ),
  );

/** Data rows of the request log table (the header row has no cells). */
const logRows = (page: Page) => page.getByRole('table', { name: /^(Requests|请求)$/ }).locator('tbody tr');

/** Waits until the table shows exactly `count` rows. */
async function expectRows(page: Page, count: number): Promise<void> {
  await expect.poll(() => logRows(page).count(), { timeout: 10_000 }).toBe(count);
}

describeBrowser('console: usage and logs', () => {
  let harness: ConsoleHarness;
  let page: Page;
  let user: RegisteredUser;
  let userId: string;
  let apiKey: string;
  const requestIds: Record<string, string> = {};
  screenshotOnFailure(() => harness);

  beforeAll(async () => {
    harness = await startConsole();
    page = await harness.newPage();
    // Charts then draw without transitions, so screenshots show them finished.
    await page.emulateMedia({ reducedMotion: 'reduce' });
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  /** A /v1 chat call with the user's key, as any SDK would make it. */
  const chat = async (model: string, extra: Record<string, unknown> = {}) => {
    const response = await fetch(`${harness.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model, messages: [{ role: 'user', content: 'Hello there' }], max_tokens: 200, ...extra }),
    });
    await response.text();
    return { status: response.status, requestId: response.headers.get('x-request-id') ?? '' };
  };

  it('shows a new user where to start on both pages', async () => {
    user = await harness.registerUser(page);
    await page.goto('/usage');
    await heading(page, 'Usage').waitFor();
    await page.getByText('No usage in this period yet').waitFor();
    expect(await page.getByRole('link', { name: 'Open the playground' }).getAttribute('href')).toBe('/playground');
    expect(await page.getByRole('link', { name: 'Create an API key' }).getAttribute('href')).toBe('/keys');

    await page.goto('/logs');
    await heading(page, 'Logs').waitFor();
    await page.getByText('No requests yet').waitFor();
    expect(await page.getByRole('button', { name: 'Export CSV' }).isDisabled()).toBe(true);
  });

  it('logs real /v1 calls made with a key created from the console session', async () => {
    // The key comes from the REST API with the page's own session and CSRF token, as the keys page does it.
    const created = await page.evaluate(async () => {
      const me = await (await fetch('/api/auth/me')).json();
      const response = await fetch('/api/keys', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ name: 'ci-key' }),
      });
      return { status: response.status, body: await response.json(), userId: me.user.id as string };
    });
    expect(created.status).toBe(201);
    apiKey = created.body.key;
    userId = created.userId;

    // Claude reports prompt-cache use: a read, and writes of both lifetimes (priced apart).
    harness.gateway.anthropic.enqueue({ usage: CLAUDE_USAGE });
    const claude = await chat('claude-sonnet-4-5');
    const mini1 = await chat('gpt-4.1-mini');
    const mini2 = await chat('gpt-4.1-mini', { stream: true });
    const unknown = await chat('no-such-model');
    expect([claude.status, mini1.status, mini2.status, unknown.status]).toEqual([200, 200, 200, 404]);
    Object.assign(requestIds, { claude: claude.requestId, unknown: unknown.requestId });

    // The request log is written in batches: wait until all four rows are readable.
    await expect
      .poll(() => page.evaluate(async () => ((await (await fetch('/api/logs')).json()).data as unknown[]).length), {
        timeout: 10_000,
      })
      .toBe(4);
  });

  it('lists the requests with model, key, status and cost', async () => {
    await page.goto('/logs');
    await expectRows(page, 4);
    const claudeRow = logRows(page).filter({ hasText: 'claude-sonnet-4-5' });
    await expect.poll(() => claudeRow.textContent()).toContain('ci-key');
    const claudeText = (await claudeRow.textContent()) ?? '';
    expect(claudeText).toMatch(/\$0\.\d+/);
    expect(claudeText).toContain('1.2K');
    // The unknown model is an error row with its 404.
    const errorRow = logRows(page).filter({ hasText: 'no-such-model' });
    const badge = errorRow.locator('[data-status]');
    expect(await badge.getAttribute('data-status')).toBe('error');
    expect(await badge.textContent()).toContain('404');
    expect(await logRows(page).locator('[data-status="success"]').count()).toBe(3);
    // Each row names the key group it was routed and priced in (the user's own: default).
    await page.getByRole('columnheader', { name: 'Group', exact: true }).waitFor();
    expect(await claudeRow.locator('td').nth(4).textContent()).toBe('default');
    await screenshot(page, 'logs');
  });

  it('narrows the list by model and by status, and clears the filters', async () => {
    await page.getByLabel('Model', { exact: true }).selectOption('gpt-4.1-mini');
    await expectRows(page, 2);
    expect(new URL(page.url()).searchParams.get('model')).toBe('gpt-4.1-mini');
    for (const text of await logRows(page).allTextContents()) expect(text).toContain('gpt-4.1-mini');

    await page.getByLabel('Status', { exact: true }).selectOption('error');
    await page.getByText('No requests match these filters').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expectRows(page, 4);

    await page.getByLabel('Status', { exact: true }).selectOption('error');
    await expectRows(page, 1);
    expect(await logRows(page).first().textContent()).toContain('no-such-model');

    await page.getByLabel('API key', { exact: true }).selectOption({ label: 'Playground' });
    await page.getByText('No requests match these filters').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).first().click();
    await expectRows(page, 4);
  });

  it('opens a request in the drawer, with its attempts and request id, at /logs/:id', async () => {
    await logRows(page).filter({ hasText: 'claude-sonnet-4-5' }).click();
    await page.waitForURL(`**/logs/${requestIds.claude}`);
    const drawer = page.getByRole('dialog', { name: 'claude-sonnet-4-5' });
    await drawer.waitFor();
    expect(await drawer.getByTestId('request-id').textContent()).toBe(requestIds.claude);
    const attempts = drawer.getByTestId('attempt');
    await expect.poll(() => attempts.count()).toBeGreaterThanOrEqual(1);
    expect(await attempts.first().textContent()).toContain('OK');
    const detail = (await drawer.textContent()) ?? '';
    expect(detail).toContain('1,200');
    expect(detail).toContain('ci-key');
    // The tokens split the way they are billed, cache writes by lifetime.
    for (const label of ['Uncached input', 'Cache read', 'Cache write, 5 min', 'Cache write, 1 h', 'Text output']) {
      expect(detail).toContain(label);
    }
    await screenshot(page, 'log-detail');

    // A reload keeps the drawer open (the URL names the request); Escape closes it.
    await page.reload();
    await drawer.waitFor();
    await page.keyboard.press('Escape');
    await page.waitForURL((url) => url.pathname === '/logs');
    await drawer.waitFor({ state: 'detached' });

    // The failed call's detail shows its error.
    await logRows(page).filter({ hasText: 'no-such-model' }).click();
    const errorDrawer = page.getByRole('dialog', { name: 'no-such-model' });
    await errorDrawer.getByRole('alert').waitFor();
    expect(await errorDrawer.getByRole('alert').textContent()).toContain('model_not_found');
    await page.keyboard.press('Escape');
    await errorDrawer.waitFor({ state: 'detached' });
  });

  it('exports the rows shown as CSV', async () => {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    const lines = readFileSync(path, 'utf8').trim().split(/\r\n/);
    expect(lines).toHaveLength(5);
    expect(lines[0]).toContain('model_requested');
    expect(lines.some((line) => line.includes('no-such-model') && line.includes(',404,'))).toBe(true);
  });

  it('charts the usage and counts each model', async () => {
    await page.goto('/usage');
    await heading(page, 'Usage').waitFor();
    await expect.poll(() => page.getByTestId('summary-requests').textContent()).toContain('4');
    expect(await page.getByTestId('summary-error-rate').textContent()).toContain('25%');
    expect(await page.getByTestId('summary-spend').textContent()).toMatch(/\$0\.\d+/);

    const table = page.getByRole('table', { name: 'By model' });
    const miniRow = table.locator('tbody tr').filter({ hasText: 'gpt-4.1-mini' });
    expect(await miniRow.getByTestId('model-requests').textContent()).toBe('2');
    const unknownRow = table.locator('tbody tr').filter({ hasText: 'no-such-model' });
    expect(await unknownRow.getByTestId('model-requests').textContent()).toContain('1 error');

    // Prompt-cache reads and writes by lifetime, in the totals and on the model's row.
    expect(await summaryCache(page)).toEqual(['100', '300', '500']);
    const claudeRow = table.locator('tbody tr').filter({ hasText: 'claude-sonnet-4-5' });
    expect(await table.getByRole('columnheader', { name: /^Prompt cache/ }).textContent()).toContain(
      'read · write 5 min · 1 h',
    );
    expect(await claudeRow.getByTestId('model-cacheRead').textContent()).toBe('100');
    expect(await claudeRow.getByTestId('model-cacheWrite5m').textContent()).toBe('300');
    expect(await claudeRow.getByTestId('model-cacheWrite1h').textContent()).toBe('500');
    expect(await miniRow.getByTestId('model-cacheWrite1h').textContent()).toBe('0');
    // The table fits a 1280-pixel screen without scrolling sideways: the share column stays in view.
    expect(await table.evaluate((node) => node.scrollWidth <= (node.parentElement?.clientWidth ?? 0))).toBe(true);

    // Three charts, each drawn (SVG with bars or lines), none empty.
    for (const name of ['Spend per day', 'Tokens per day', 'Requests per day']) {
      const chart = page.getByRole('img', { name });
      await chart.locator('svg path').first().waitFor({ state: 'attached' });
      expect(await chart.locator('svg path').count()).toBeGreaterThan(3);
    }
    expect(await page.getByText('No requests in this period.').count()).toBe(0);

    // Hovering today's bar shows the day's spend per model and the total.
    const spendChart = page.getByRole('img', { name: 'Spend per day' });
    const box = await spendChart.boundingBox();
    if (!box) throw new Error('the spend chart has no box');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.move(box.x + box.width - 30, box.y + box.height - 60, { steps: 5 });
    const tooltip = spendChart.locator('xpath=..').getByText('Total');
    await tooltip.waitFor();
    const tooltipText = (await spendChart.locator('xpath=..').textContent()) ?? '';
    expect(tooltipText).toContain('claude-sonnet-4-5');
    expect(tooltipText).not.toContain('no-such-model');
    await page.mouse.move(0, 0);
    await screenshot(page, 'usage');

    // The model links to its logs: generations, as the report counts them.
    await miniRow.getByRole('link').click();
    await page.waitForURL('**/logs?model=gpt-4.1-mini&endpoint=generate');
    await expectRows(page, 2);
  });

  it('follows the dark theme, and keeps the range in the URL', async () => {
    await page.goto('/usage');
    const chartText = () =>
      page
        .getByRole('img', { name: 'Spend per day' })
        .locator('svg text')
        .first()
        .evaluate((node) => getComputedStyle(node).fill || node.getAttribute('fill'));
    const lightFill = await chartText();
    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('menuitem', { name: 'Dark' }).click();
    expect(await isDarkTheme(page)).toBe(true);
    await expect.poll(chartText).not.toBe(lightFill);

    await page.getByRole('radio', { name: '7 days' }).click();
    await page.waitForURL('**/usage?range=7d');
    await expect.poll(() => page.getByTestId('summary-requests').textContent()).toContain('4');
    // The x axis redraws with one label per day.
    await expect
      .poll(() =>
        page
          .getByRole('img', { name: 'Requests per day' })
          .locator('svg text')
          .evaluateAll(
            (nodes) => nodes.filter((node) => /^[A-Z][a-z]{2} \d{1,2}$/.test(node.textContent ?? '')).length,
          ),
      )
      .toBe(7);
    await screenshot(page, 'usage-dark');

    await page.getByRole('radio', { name: 'Custom' }).click();
    const today = await page.evaluate(() => {
      const d = new Date();
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    });
    await page.getByLabel('From', { exact: true }).fill(today);
    await page.getByLabel('To', { exact: true }).fill(today);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.waitForURL(`**/usage?from=${today}&to=${today}`);
    await expect.poll(() => page.getByTestId('summary-requests').textContent()).toContain('4');

    await page.getByRole('button', { name: 'Theme' }).click();
    await page.getByRole('menuitem', { name: 'Light' }).click();
  });

  it('speaks Chinese', async () => {
    await page.goto('/logs');
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await heading(page, '日志').waitFor();
    await logRows(page).filter({ hasText: 'claude-sonnet-4-5' }).click();
    const drawer = page.getByRole('dialog', { name: 'claude-sonnet-4-5' });
    await drawer.getByText('上游尝试（1 次）').waitFor();
    await drawer.getByText('请求 ID').waitFor();
    await drawer.getByText('密钥分组', { exact: true }).waitFor();
    expect(await drawer.getByTestId('detail-key-group').textContent()).toBe('default');
    await screenshot(page, 'log-detail-zh');
    await page.keyboard.press('Escape');
    await page.getByRole('columnheader', { name: '分组', exact: true }).waitFor();
    await page.goto('/usage');
    await heading(page, '用量').waitFor();
    await page.getByRole('img', { name: '每日花费' }).waitFor();
    await page.getByTestId('summary-cache').getByText('提示词缓存').waitFor();
    expect(await page.getByTestId('summary-cache-write-1h').locator('dt').textContent()).toBe('写入（1 小时）');
    const cacheHeader = page.getByRole('table', { name: '按模型' }).getByRole('columnheader', { name: /^提示词缓存/ });
    expect(await cacheHeader.textContent()).toContain('读取 · 写入 5 分钟 · 1 小时');
    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await heading(page, 'Usage').waitFor();
  });

  it('works on a phone', async () => {
    const phone = await harness.newPage({ viewport: PHONE_VIEWPORT });
    await phone.emulateMedia({ reducedMotion: 'reduce' });
    await harness.login(phone, user);
    await phone.goto('/logs');
    await expectRows(phone, 4);
    // The table fits: model, status and cost stay visible; detail columns hide.
    const row = logRows(phone).filter({ hasText: 'claude-sonnet-4-5' });
    expect(await row.getByText('claude-sonnet-4-5').isVisible()).toBe(true);
    expect(await row.locator('[data-status]').isVisible()).toBe(true);
    const width = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await screenshot(phone, 'logs-phone');

    await row.click();
    await phone.getByRole('dialog', { name: 'claude-sonnet-4-5' }).waitFor();
    await screenshot(phone, 'log-detail-phone');
    await phone.keyboard.press('Escape');

    await phone.goto('/usage');
    await expect.poll(() => phone.getByTestId('summary-requests').textContent()).toContain('4');
    const usageWidth = await phone.evaluate(() => document.documentElement.scrollWidth);
    expect(usageWidth).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await screenshot(phone, 'usage-phone');
  });

  it('lets an administrator see everyone and narrow to one user', async () => {
    const admin = await harness.newPage();
    await harness.loginAsAdmin(admin);
    await admin.goto(`/logs`);
    await heading(admin, 'Logs').waitFor();
    const userFilter = admin.getByLabel('User', { exact: true });
    await expect.poll(() => userFilter.locator('option').allTextContents()).toContain(user.email);
    await userFilter.selectOption({ label: user.email });
    await expectRows(admin, 4);
    expect(new URL(admin.url()).searchParams.get('user')).toBe(userId);

    // Admins see each row's user and channel.
    await admin.getByRole('columnheader', { name: 'Key · user' }).waitFor();
    expect(await logRows(admin).first().textContent()).toContain(user.email);
    expect(await admin.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await screenshot(admin, 'logs-admin');

    // Narrowed to a key group, kept in the URL; a group nobody ran in shows nothing.
    const groupFilter = admin.getByLabel('Key group', { exact: true });
    await expect.poll(() => groupFilter.locator('option').allTextContents()).toContain('default');
    await groupFilter.selectOption('default');
    await expect.poll(() => new URL(admin.url()).searchParams.get('group')).toBe('default');
    await expectRows(admin, 4);
    await admin.goto(`/logs?user=${userId}&group=vip`);
    await admin.getByText('No requests match these filters').waitFor();
    expect(await groupFilter.inputValue()).toBe('vip');

    await admin.goto(`/usage?user=${userId}`);
    await expect.poll(() => admin.getByTestId('summary-requests').textContent()).toContain('4');
    // The administrator sees the user's prompt cache the same way.
    expect(await summaryCache(admin)).toEqual(['100', '300', '500']);
  });

  it('shows new requests by itself with auto-refresh, and pages with "Load more"', async () => {
    await page.goto('/logs');
    await expectRows(page, 4);
    await page.getByRole('switch', { name: 'Auto-refresh' }).click();
    expect(await page.getByRole('switch', { name: 'Auto-refresh' }).getAttribute('aria-checked')).toBe('true');
    expect((await chat('gpt-4.1-mini')).status).toBe(200);
    await expectRows(page, 5);
    await page.getByRole('switch', { name: 'Auto-refresh' }).click();

    // 51 rows: a page holds 50.
    for (let batch = 0; batch < 46; batch += 10) {
      const calls = Array.from({ length: Math.min(10, 46 - batch) }, () => chat('gpt-4.1-mini'));
      for (const reply of await Promise.all(calls)) expect(reply.status).toBe(200);
    }
    await expect
      .poll(
        () => page.evaluate(async () => ((await (await fetch('/api/logs?limit=200')).json()).data as unknown[]).length),
        { timeout: 10_000 },
      )
      .toBe(51);
    await page.reload();
    await expectRows(page, 50);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expectRows(page, 51);
    await page.getByText("That's everything.").waitFor();
    expect(harness.pageErrors).toEqual([]);
  });
  it('shows the prompt and output when the operator keeps them, and hides upstream details from users', async () => {
    await harness.adminApi('PATCH', '/api/admin/settings', { promptLogging: true });
    const reply = await chat('gpt-4.1-mini', { messages: [{ role: 'user', content: 'Tell me about otters' }] });
    expect(reply.status).toBe(200);
    await expect
      .poll(() => page.evaluate(async (id) => (await fetch(`/api/logs/${id}`)).status, reply.requestId), {
        timeout: 10_000,
      })
      .toBe(200);
    await page.goto(`/logs/${reply.requestId}`);
    const drawer = page.getByRole('dialog', { name: 'gpt-4.1-mini' });
    await drawer.getByText('Tell me about otters').first().waitFor();
    await drawer.getByRole('heading', { name: 'Prompt and output' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'log-detail-text');
    expect(await drawer.getByText('user', { exact: true }).count()).toBe(1);
    // The attempt shows its outcome and timing, but not the operator's channel or upstream key.
    const attempt = drawer.getByTestId('attempt').first();
    expect(await attempt.textContent()).toContain('OK');
    expect(await attempt.textContent()).not.toContain('Key');
    // Nor what the request cost the operator (null for users in the API, no row on the page).
    expect(await drawer.getByTestId('log-detail-upstream-cost').count()).toBe(0);
    expect(await drawer.getByText('Upstream cost').count()).toBe(0);
    await harness.adminApi('PATCH', '/api/admin/settings', { promptLogging: false });
    expect(harness.pageErrors).toEqual([]);
  });

  // Last, so the row counts above see generations only.
  it('marks token counts, filters them apart from generations, and names them in the drawer and the CSV', async () => {
    // A count through the real server with the user's key, as the Anthropic SDK sends it.
    harness.gateway.anthropic.enqueue({ usage: { inputTokens: 42 } });
    const response = await fetch(`${harness.origin}/v1/messages/count_tokens`, {
      method: 'POST',
      headers: { 'x-api-key': apiKey, 'anthropic-version': '2023-06-01', 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'claude-sonnet-4-5', messages: [{ role: 'user', content: 'How long is this?' }] }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ input_tokens: 42 });
    const countId = response.headers.get('x-request-id') ?? '';
    await expect
      .poll(() => page.evaluate(async (id) => (await fetch(`/api/logs/${id}`)).status, countId), { timeout: 10_000 })
      .toBe(200);

    // Newest first: the count leads the list with its badge (it cost $0, and is no free generation).
    await page.goto('/logs');
    const countRow = logRows(page).first();
    await expect.poll(() => countRow.getByTestId('log-endpoint').textContent()).toBe('Token count');
    expect(await countRow.textContent()).toContain('claude-sonnet-4-5');
    expect(await logRows(page).getByTestId('log-endpoint').count()).toBe(1);
    await screenshot(page, 'logs-token-count');

    // Token counts only: the one row, kept in the URL across a reload.
    const requestType = page.getByLabel('Request type', { exact: true });
    expect(await requestType.locator('option').allTextContents()).toEqual([
      'All requests',
      'Generations',
      'Token counts',
      'Embeddings',
      'Images',
      'Videos',
      'Midjourney',
      'Speech',
      'Transcriptions',
      'Reranking',
    ]);
    await requestType.selectOption({ label: 'Token counts' });
    await expectRows(page, 1);
    expect(new URL(page.url()).searchParams.get('endpoint')).toBe('count_tokens');
    await page.reload();
    await expectRows(page, 1);
    expect(await requestType.inputValue()).toBe('count_tokens');

    // The export of these rows says what they are.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    const { readFileSync } = await import('node:fs');
    const [header, line, ...rest] = readFileSync(await download.path(), 'utf8')
      .trim()
      .split(/\r\n/);
    expect(header.endsWith(',api,endpoint')).toBe(true);
    expect(line.startsWith(`${countId},`)).toBe(true);
    expect(line.endsWith(',anthropic-messages,count_tokens')).toBe(true);
    expect(rest).toEqual([]);

    // The drawer names the request type; closing it keeps the filter.
    await logRows(page).first().click();
    await page.waitForURL(`**/logs/${countId}?endpoint=count_tokens`);
    const drawer = page.getByRole('dialog', { name: 'claude-sonnet-4-5' });
    await expect.poll(() => drawer.getByTestId('detail-endpoint').textContent()).toBe('Token count');
    // Pressed on the dialog itself, so the key reaches it even before it has taken the focus.
    await drawer.press('Escape');
    await drawer.waitFor({ state: 'detached', timeout: 30_000 });
    await expect
      .poll(() => {
        const url = new URL(page.url());
        return `${url.pathname}?endpoint=${url.searchParams.get('endpoint')}`;
      })
      .toBe('/logs?endpoint=count_tokens');

    // Generations only: a full page of them, none marked as a count.
    await requestType.selectOption({ label: 'Generations' });
    await expectRows(page, 50);
    expect(new URL(page.url()).searchParams.get('endpoint')).toBe('generate');
    expect(await logRows(page).getByTestId('log-endpoint').count()).toBe(0);

    // In Chinese: the filter, the badge and the drawer.
    await page.getByRole('button', { name: 'Language' }).click();
    await page.getByRole('menuitem', { name: '中文' }).click();
    await heading(page, '日志').waitFor();
    const requestTypeZh = page.getByLabel('请求类型', { exact: true });
    expect(await requestTypeZh.locator('option').allTextContents()).toEqual([
      '全部请求',
      '生成',
      'Token 计数',
      '向量嵌入',
      '图像',
      '视频',
      'Midjourney',
      '语音合成',
      '语音转写',
      '重排序',
    ]);
    await requestTypeZh.selectOption({ label: 'Token 计数' });
    await expectRows(page, 1);
    expect(await logRows(page).first().getByTestId('log-endpoint').textContent()).toBe('Token 计数');
    await logRows(page).first().click();
    const drawerZh = page.getByRole('dialog', { name: 'claude-sonnet-4-5' });
    await drawerZh.getByText('请求类型').waitFor();
    expect(await drawerZh.getByTestId('detail-endpoint').textContent()).toBe('Token 计数');
    await screenshot(page, 'log-detail-token-count-zh');
    await page.keyboard.press('Escape');
    await drawerZh.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '语言' }).click();
    await page.getByRole('menuitem', { name: 'English' }).click();
    await heading(page, 'Logs').waitFor();
    expect(harness.pageErrors).toEqual([]);
  });
});
