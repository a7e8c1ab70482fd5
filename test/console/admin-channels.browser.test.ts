import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { formatMoney } from '../../web/src/lib/money.js';
import {
  type ConsoleHarness,
  describeBrowser,
  heading,
  isDarkTheme,
  PHONE_VIEWPORT,
  screenshot,
  screenshotOnFailure,
  startConsole,
} from './console-harness.js';

async function dismissToasts(page: Page): Promise<void> {
  const buttons = page.getByRole('button', { name: 'Dismiss' });
  while ((await buttons.count()) > 0) await buttons.first().click();
}

const CHANNEL = 'e2e-emulator';
const MODEL = 'gpt-e2e-mini';
/** The OpenAI emulator accepts this key (test/emulators: DEFAULT_API_KEY). */
const WORKING_KEY = 'test-key';
/** Added later through the edit drawer; must never be shown again. */
const SECRET_KEY = 'sk-e2e-SECRET-4f9a2b7c1d3e5f60';

interface ChannelView {
  id: string;
  name: string;
  status: string;
  statusReason: string | null;
  weight: number;
  baseUrl: string;
  models: string[] | null;
  keys: { id: string; hint: string; status: string }[];
}

interface DashboardStats {
  totals: { requests: number; errors: number };
}

interface CacheHitRow {
  requests: number;
  cacheReadRequests: number;
  tokenHitRate: number;
}
interface CacheHitReport {
  channels: (CacheHitRow & { channel: string })[];
  models: (CacheHitRow & { model: string })[];
}

interface OverrunList {
  data: { requestId: string; userId: string; held: number; cost: number; charged: number; uncollected: number }[];
}

describeBrowser('console: admin dashboard and channels', () => {
  let h: ConsoleHarness;
  let page: Page;
  screenshotOnFailure(() => h);

  const channelByName = async (name: string): Promise<ChannelView | undefined> => {
    const list = await h.adminApi<{ data: ChannelView[] }>('GET', '/api/admin/channels');
    return list.data.find((channel) => channel.name === name);
  };

  /** Everything the page shows or holds in its DOM (inputs included), to look for secrets. */
  const pageText = async (target: Page) =>
    (await target.content()) +
    ((await target.evaluate(
      "[...document.querySelectorAll('input, textarea')].map((element) => element.value).join('\\n')",
    )) as string);

  beforeAll(async () => {
    h = await startConsole();
    // Some traffic, so the dashboard has numbers: three good calls and one for a model nobody serves.
    for (const model of ['gpt-4o-mini', 'gpt-4o-mini', 'claude-haiku-4-5', 'no-such-model-anywhere']) {
      await h
        .adminApi('POST', '/v1/chat/completions', {
          model,
          messages: [{ role: 'user', content: 'Hi' }],
          max_tokens: 16,
        })
        .catch(() => undefined);
    }
    // Request logs are written in batches: wait until the dashboard counts them.
    const deadline = Date.now() + 15_000;
    while ((await h.adminApi<DashboardStats>('GET', '/api/admin/dashboard')).totals.requests < 4) {
      if (Date.now() > deadline) throw new Error('The four requests never reached the request log');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    page = await h.newPage();
    await h.loginAsAdmin(page);
  }, 90_000);

  afterAll(async () => {
    await h?.close();
  });

  it('shows the dashboard with KPIs, charts, top models and channel health', async () => {
    await page.goto('/admin');
    await heading(page, 'Dashboard').waitFor();
    const requests = page.getByTestId('kpi-requests-value');
    await requests.waitFor();
    expect(Number((await requests.textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(4);
    // One request of four failed.
    expect(await page.getByTestId('kpi-error-rate-value').textContent()).toMatch(/%/);
    expect(await page.getByTestId('kpi-latency-value').textContent()).toMatch(/\d+(\.\d+)? (ms|s)/);
    await page.getByTestId('kpi-revenue-value').waitFor();
    await page.getByTestId('kpi-users-value').waitFor();
    // Top models lists the model that was called; the charts are drawn.
    await page.getByRole('table', { name: 'Top models' }).getByText('gpt-4o-mini', { exact: true }).waitFor();
    await page.getByRole('img', { name: 'Requests and errors' }).waitFor();
    // The harness declares four env channels (OpenAI, Anthropic, Gemini, DeepSeek emulators), all enabled.
    const counts = page.getByTestId('channel-health-counts');
    await expect.poll(async () => (await counts.textContent()) ?? '').toContain('Enabled4');
    // With channels and traffic there is no getting-started guide.
    expect(await page.getByTestId('getting-started').count()).toBe(0);
    await page.waitForTimeout(300);
    await screenshot(page, 'admin-dashboard');
  });

  it('adds a channel through the form, pointing at the OpenAI emulator', async () => {
    await page.getByRole('link', { name: 'Manage channels' }).click();
    await heading(page, 'Channels').waitFor();
    // Env channels are listed read-only.
    await page.getByRole('button', { name: 'openai', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Add channel' }).click();
    const drawer = page.getByRole('dialog', { name: 'Add a channel' });
    await drawer.waitFor();
    // The OpenAI preset fills its default base URL.
    expect(await drawer.getByLabel('Base URL').inputValue()).toBe('https://api.openai.com/v1');

    // Saving an empty form shows the errors on the fields.
    await drawer.getByRole('button', { name: 'Create channel' }).click();
    await drawer.getByText('Enter a name.').waitFor();
    await drawer.getByText('Add at least one key.').waitFor();

    await drawer.getByLabel('Name').fill(CHANNEL);
    await drawer.getByLabel('Base URL').fill(h.gateway.openai.url);
    await drawer.getByLabel('Keys').fill(WORKING_KEY);
    await drawer.getByLabel('Models').fill(MODEL);
    await drawer.getByLabel('Models').press('Enter');
    await drawer.getByRole('button', { name: `Remove ${MODEL}` }).waitFor();
    await drawer.getByLabel('Priority').fill('5');

    await drawer.getByRole('button', { name: 'Create channel' }).click();
    await drawer.waitFor({ state: 'detached' });
    await page.getByText(`${CHANNEL} created.`).waitFor();
    const row = page.getByRole('row').filter({ hasText: CHANNEL });
    await row.getByText('1 model').waitFor();
    await expect.poll(() => row.getByTestId('channel-status').textContent()).toBe('Enabled');

    const created = await channelByName(CHANNEL);
    expect(created).toMatchObject({ status: 'enabled', baseUrl: h.gateway.openai.url, models: [MODEL] });
    expect(created?.keys).toHaveLength(1);
  });

  it('rejects a taken name on the name field', async () => {
    await page.getByRole('button', { name: 'Add channel' }).click();
    const drawer = page.getByRole('dialog', { name: 'Add a channel' });
    await drawer.getByLabel('Name').fill(CHANNEL);
    await drawer.getByLabel('Keys').fill('sk-another-key-000000000000');
    await drawer.getByRole('button', { name: 'Create channel' }).click();
    await drawer.getByText('Another channel already has this name.').waitFor();
    expect(await drawer.getByLabel('Name').getAttribute('aria-invalid')).toBe('true');
    await drawer.getByRole('button', { name: 'Cancel' }).click();
    await drawer.waitFor({ state: 'detached' });
  });

  it('tests the channel: success with latency', async () => {
    await page
      .getByRole('button', { name: `Test ${CHANNEL}` })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: `Test ${CHANNEL}` });
    const result = dialog.getByTestId('channel-test-result');
    await result.waitFor({ timeout: 15_000 });
    const text = (await result.textContent()) ?? '';
    expect(text).toContain('Working');
    expect(text).toMatch(/\d+(\.\d+)? (ms|s)/);
    expect(text).toContain(MODEL);
    await dialog.getByRole('button', { name: 'Close' }).last().click();
    await dialog.waitFor({ state: 'detached' });
    // The list remembers the last result.
    await page.getByRole('row').filter({ hasText: CHANNEL }).getByTestId('last-test').waitFor();
  });

  it('disables the channel with a reason, and the status changes', async () => {
    await page
      .getByRole('switch', { name: `Enable ${CHANNEL}` })
      .first()
      .click();
    const dialog = page.getByRole('dialog', { name: `Disable ${CHANNEL}?` });
    await dialog.getByLabel(/Reason/).fill('maintenance window');
    await dialog.getByRole('button', { name: 'Disable' }).click();
    await dialog.waitFor({ state: 'detached' });
    const row = page.getByRole('row').filter({ hasText: CHANNEL });
    await expect.poll(() => row.getByTestId('channel-status').textContent()).toBe('Disabled');
    expect(await row.getByTestId('status-reason').textContent()).toMatch(/^maintenance window · /);
    expect(
      await page
        .getByRole('switch', { name: `Enable ${CHANNEL}` })
        .first()
        .getAttribute('aria-checked'),
    ).toBe('false');
    expect(await channelByName(CHANNEL)).toMatchObject({ status: 'disabled', statusReason: 'maintenance window' });
  });

  it('edits the weight and adds a key, and never shows a secret key again', async () => {
    await page.getByRole('button', { name: CHANNEL, exact: true }).first().click();
    const drawer = page.getByRole('dialog', { name: `Edit ${CHANNEL}` });
    await drawer.waitFor();
    // The existing key shows as a hint only.
    await drawer.getByRole('list', { name: 'Keys in the pool' }).getByText('…ey').waitFor();
    await drawer.getByLabel('Weight').fill('7');
    await drawer.getByLabel('Add keys').fill(SECRET_KEY);
    await drawer.locator('form').evaluate((form) => form.parentElement?.scrollTo(0, 0));
    await screenshot(page, 'admin-channel-edit');
    await drawer.getByRole('button', { name: 'Save changes' }).click();
    await drawer.waitFor({ state: 'detached' });
    await page.getByText(`${CHANNEL} saved.`).waitFor();

    const row = page.getByRole('row').filter({ hasText: CHANNEL });
    await row.getByText(/Weight\s*7/).waitFor();
    const saved = await channelByName(CHANNEL);
    expect(saved?.weight).toBe(7);
    expect(saved?.keys).toHaveLength(2);

    // Reopen the drawer: both keys are listed as hints; neither key's text is anywhere in the page.
    await page.getByRole('button', { name: CHANNEL, exact: true }).first().click();
    const again = page.getByRole('dialog', { name: `Edit ${CHANNEL}` });
    await again.getByText('sk-…5f60').waitFor();
    const content = await pageText(page);
    expect(content).not.toContain(SECRET_KEY);
    expect(content).not.toContain('SECRET');
    expect(content).not.toContain(WORKING_KEY);
    await again.getByRole('button', { name: 'Cancel' }).click();
    await again.waitFor({ state: 'detached' });

    // Enable it again, for the screenshots.
    await page
      .getByRole('switch', { name: `Enable ${CHANNEL}` })
      .first()
      .click();
    const enabledRow = page.getByRole('row').filter({ hasText: CHANNEL });
    await expect.poll(() => enabledRow.getByTestId('channel-status').textContent()).toBe('Enabled');
    await dismissToasts(page);
    await page.mouse.move(0, 0);
    await page.waitForTimeout(300);
    await screenshot(page, 'admin-channels');
    expect(await pageText(page)).not.toContain(SECRET_KEY);
  });

  it('warns about billing overruns on the dashboard, in English and Chinese, with links to the requests', async () => {
    // A user with the trial credit ($0.20) and a key of their own, as any customer.
    const customer = await h.newPage();
    const user = await h.registerUser(customer, { displayName: 'Ada Overrun' });
    const apiKey = await customer.evaluate(async () => {
      const me = await (await fetch('/api/auth/me')).json();
      const response = await fetch('/api/keys', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ name: 'overrun-key' }),
      });
      return ((await response.json()) as { key: string }).key;
    });
    await customer.context().close();
    const chat = async () => {
      const response = await fetch(`${h.origin}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hi' }], max_tokens: 1 }),
      });
      await response.text();
      return { status: response.status, requestId: response.headers.get('x-request-id') ?? '' };
    };
    const listOverruns = () => h.adminApi<OverrunList>('GET', '/api/admin/billing/overruns');
    /** Opens the dashboard afresh and resolves once its overrun list has come back. */
    const openDashboard = async (target: Page) => {
      // Away first, so the answer waited for is the new page's, not one the page already showing asked for.
      await target.goto('about:blank');
      const answer = target.waitForResponse(
        (response) => response.url().includes('/api/admin/billing/overruns') && response.ok(),
      );
      await target.goto('/admin');
      await answer;
      await target.getByTestId('kpi-requests-value').waitFor();
    };

    // A request whose usage stays within its hold is no overrun: the dashboard shows no card.
    expect((await chat()).status).toBe(200);
    expect((await listOverruns()).data).toEqual([]);
    await openDashboard(page);
    expect(await page.getByTestId('overruns-card').count()).toBe(0);

    // The vendor reports a million output tokens for a request that allowed one: the cost ($0.60
    // at gpt-4o-mini's price) is far above the hold, and above what the balance can cover.
    h.gateway.openai.enqueue({ usage: { inputTokens: 12, outputTokens: 1_000_000 } });
    const overrun = await chat();
    expect(overrun.status).toBe(200);
    expect(h.gateway.openai.pendingSteps()).toBe(0);
    await expect.poll(async () => (await listOverruns()).data.length).toBe(1);
    const [row] = (await listOverruns()).data;
    expect(row).toMatchObject({ requestId: overrun.requestId });
    expect(row!.cost).toBeGreaterThan(row!.held);
    expect(row!.charged).toBeLessThan(row!.cost);
    expect(row!.uncollected).toBe(row!.cost - row!.charged);

    // English: the count, the total not collected, and the request with its figures and link.
    await openDashboard(page);
    const card = page.getByRole('region', { name: 'Billing overruns' });
    await card.waitFor();
    await card.getByText('A vendor billed these requests for more than the bound AIHub held for them').waitFor();
    expect(await card.getByTestId('overruns-count').textContent()).toBe('1');
    expect(await card.getByTestId('overruns-uncollected').textContent()).toBe(formatMoney(row!.uncollected));
    const listed = card.getByRole('table', { name: 'Most recent overruns' }).getByRole('row', { name: /Ada Overrun/ });
    const text = (await listed.textContent()) ?? '';
    for (const units of [row!.held, row!.cost, row!.charged, row!.uncollected])
      expect(text).toContain(formatMoney(units));
    const link = listed.getByRole('link', { name: overrun.requestId });
    expect(await link.getAttribute('href')).toBe(`/logs/${encodeURIComponent(overrun.requestId)}`);
    expect(await listed.getByTitle(user.email).count()).toBe(1);
    await page.waitForTimeout(300);
    await screenshot(page, 'admin-dashboard-overruns');
    // The request log is written in batches: the drawer opens once the row is there.
    await expect
      .poll(() =>
        h.adminApi('GET', `/api/logs/${encodeURIComponent(overrun.requestId)}`).then(
          () => true,
          () => false,
        ),
      )
      .toBe(true);
    await link.click();
    await page.waitForURL(`**/logs/${encodeURIComponent(overrun.requestId)}`);
    await page.getByRole('dialog', { name: 'gpt-4o-mini' }).waitFor();

    // Chinese: the same card, in Chinese.
    const zh = await h.newPage({ locale: 'zh-CN' });
    await h.loginAsAdmin(zh);
    await openDashboard(zh);
    const zhCard = zh.getByRole('region', { name: '计费超额' });
    await zhCard.waitFor();
    await zhCard.getByText('供应商对这些请求的计费超过了 AIHub 为其预扣的上限').waitFor();
    await zhCard.getByText('未收取').first().waitFor();
    expect(await zhCard.getByTestId('overruns-count').textContent()).toBe('1');
    expect(await zhCard.getByTestId('overruns-uncollected').textContent()).toBe(formatMoney(row!.uncollected));
    expect(await zhCard.getByRole('link', { name: overrun.requestId }).getAttribute('href')).toBe(
      `/logs/${encodeURIComponent(overrun.requestId)}`,
    );
    await zh.waitForTimeout(300);
    await screenshot(zh, 'admin-dashboard-overruns-zh');
    await zh.context().close();
  });

  it('shows prompt-cache hit rates per channel and per model, in English and Chinese', async () => {
    // The OpenAI upstream reads 900 of 1,000 input tokens from its cache for one request.
    h.gateway.openai.enqueue({ usage: { inputTokens: 1_000, outputTokens: 5, cachedTokens: 900 } });
    await h.adminApi('POST', '/v1/chat/completions', {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi again' }],
      max_tokens: 16,
    });
    const openaiRow = async () =>
      (await h.adminApi<CacheHitReport>('GET', '/api/admin/usage/cache-hits')).channels.find(
        (row) => row.channel === 'openai',
      );
    await expect.poll(async () => (await openaiRow())?.cacheReadRequests ?? 0, { timeout: 15_000 }).toBe(1);
    const expected = (await openaiRow())!;
    expect(expected.tokenHitRate).toBeGreaterThan(0.5);

    await page.goto('about:blank');
    await page.goto('/admin');
    const card = page.getByTestId('cache-hits');
    const table = card.getByRole('table', { name: 'Prompt cache hit rate' });
    const row = table.getByRole('row', { name: /^openai/ });
    await row.waitFor();
    // The last two cells: its token hit rate and its request hit rate, as the API computed them.
    const cells = await row.getByRole('cell').allTextContents();
    const percent = (ratio: number) => `${(ratio * 100).toFixed(1).replace(/\.0$/, '')}%`;
    expect(cells.slice(-2)).toEqual([
      percent(expected.tokenHitRate),
      percent(expected.cacheReadRequests / expected.requests),
    ]);
    await card.getByText(/of input tokens read from cache/).waitFor();
    await card.getByRole('radio', { name: 'Models' }).click();
    await table.getByRole('row', { name: /^gpt-4o-mini/ }).waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, 'admin-dashboard-cache-hits');

    const zh = await h.newPage({ locale: 'zh-CN' });
    await h.loginAsAdmin(zh);
    await zh.goto('/admin');
    const zhCard = zh.getByTestId('cache-hits');
    await zhCard.getByRole('heading', { name: '提示词缓存命中率' }).waitFor();
    await zhCard.getByText(/的输入 Token 来自缓存/).waitFor();
    await zhCard
      .getByRole('table', { name: '提示词缓存命中率' })
      .getByRole('row', { name: /^openai/ })
      .waitFor();
    await zhCard.getByRole('radio', { name: '按模型' }).waitFor();
    await zh.context().close();
  });

  it('works on a phone, and the dashboard in the dark theme', async () => {
    const phone = await h.newPage({ viewport: PHONE_VIEWPORT });
    await h.loginAsAdmin(phone);
    await phone.goto('/admin/channels');
    await heading(phone, 'Channels').waitFor();
    await phone.getByRole('button', { name: CHANNEL, exact: true }).waitFor();
    await phone.waitForTimeout(300);
    expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE_VIEWPORT.width);
    await screenshot(phone, 'admin-channels-phone');

    const dark = await h.newPage({ colorScheme: 'dark' });
    await h.loginAsAdmin(dark);
    await dark.goto('/admin');
    await heading(dark, 'Dashboard').waitFor();
    expect(await isDarkTheme(dark)).toBe(true);
    await dark.getByTestId('kpi-requests-value').waitFor();
    await dark.getByRole('img', { name: 'Requests and errors' }).waitFor();
    await dark.waitForTimeout(300);
    await screenshot(dark, 'admin-dashboard-dark');
    expect(h.pageErrors).toEqual([]);
  });
});
