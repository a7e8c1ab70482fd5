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

/**
 * The API keys, billing and models pages (issue 6) against the real gateway: a key is shown once
 * and then only its hint, and really works (then stops working when disabled and deleted); a
 * redemption code created by the admin credits the balance and appears in the ledger; the model
 * catalog filters as you type and shows prices.
 */

const EMBEDDING_MODEL = 'text-embedding-3-small';

describeBrowser('console: API keys, billing, models', () => {
  let h: ConsoleHarness;
  let page: Page;
  let user: RegisteredUser;
  let fullKey = '';
  screenshotOnFailure(() => h);

  const v1Status = async (key: string) =>
    (await fetch(`${h.origin}/v1/models`, { headers: { authorization: `Bearer ${key}` } })).status;

  beforeAll(async () => {
    // One embedding model routed beside the default chat models, for the kind filter.
    h = await startConsole({ OPENAI_MODEL_MAPPING: `${EMBEDDING_MODEL}=${EMBEDDING_MODEL}` });
    page = await h.newPage();
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.origin });
    user = await h.registerUser(page, { displayName: 'Grace' });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('starts with an empty key list that says what to do', async () => {
    await page.getByRole('link', { name: 'API keys', exact: true }).click();
    await heading(page, 'API keys').waitFor();
    await page.getByText('Create your first key', { exact: true }).first().waitFor();
    expect(await page.locator('main').textContent()).toContain(`${h.origin}/v1`);
    await screenshot(page, 'keys-empty');
  });

  it('validates the form, creates a key with a quota and expiry, and shows it once', async () => {
    await page.getByRole('button', { name: 'Create your first key' }).click();
    const form = page.getByRole('dialog', { name: 'Create an API key' });
    await form.waitFor();

    // Client-side checks: no name, a bad address.
    await form.getByLabel('Allowed IP addresses').fill('not-an-ip');
    await form.getByLabel('Allowed IP addresses').press('Enter');
    await form.getByRole('button', { name: 'Create key' }).click();
    await form.getByText('Give the key a name.').waitFor();
    await form.getByText(/not IP addresses or CIDR ranges/).waitFor();
    await form.getByRole('button', { name: 'Remove not-an-ip' }).click();

    await form.getByLabel('Name').fill('CI pipeline');
    await form.getByLabel(/Spend limit/).fill('5');
    await form.getByRole('button', { name: '30 days' }).click();
    const expiresOn = await form.getByLabel(/Expires on/).inputValue();
    expect(expiresOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Allowed models: a suggestion from the models the gateway routes.
    const models = form.getByRole('combobox', { name: /Allowed models/ });
    await models.fill('gpt-4o-mi');
    await form.getByRole('option', { name: 'gpt-4o-mini', exact: true }).click();
    await form.getByText('gpt-4o-mini', { exact: true }).waitFor();
    await form.getByLabel('Allowed IP addresses').fill('127.0.0.1 10.0.0.0/8');
    await form.getByLabel('Allowed IP addresses').press('Enter');
    await form.getByRole('button', { name: 'Create key' }).click();

    const shown = page.getByRole('dialog', { name: 'Save your API key' });
    await shown.waitFor();
    await shown.getByText('This is the only time the key is shown').waitFor();
    fullKey = (await shown.getByTestId('new-key').textContent()) ?? '';
    expect(fullKey).toMatch(/^sk-[A-Za-z0-9]{48}$/);
    // A ready curl call with the key.
    const curl = (await shown.locator('pre').textContent()) ?? '';
    expect(curl).toContain(`${h.origin}/v1/chat/completions`);
    expect(curl).toContain(`Bearer ${fullKey}`);
    expect(curl).toContain('"model": "gpt-4o-mini"');
    await screenshot(page, 'keys-created');

    await shown.getByRole('button', { name: 'Copy key' }).click();
    await shown.getByRole('button', { name: 'Copied' }).first().waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(fullKey);

    // The key really works.
    expect(await v1Status(fullKey)).toBe(200);

    await shown.getByRole('button', { name: 'I have saved my key' }).click();
    await shown.waitFor({ state: 'detached' });
  });

  it('lists the key with its hint only, never the key itself', async () => {
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'CI pipeline' }) });
    await item.waitFor();
    const hint = `sk-${fullKey.slice(3, 7)}…${fullKey.slice(-4)}`;
    expect(await item.getByTestId('key-hint').textContent()).toBe(hint);
    const text = (await item.textContent()) ?? '';
    expect(text).toContain('Active');
    expect(text).toContain('$0.00');
    expect(text).toContain('$5.00');
    expect(text).toContain('gpt-4o-mini');
    expect(text).toContain('10.0.0.0/8');
    expect(text).toContain('Never used');
    expect(await item.getByRole('progressbar', { name: 'Quota used' }).getAttribute('aria-valuenow')).toBe('0');
    expect(await page.content()).not.toContain(fullKey);
    // Not even after a reload (nothing cached the secret).
    await page.reload();
    await item.waitFor();
    expect(await page.content()).not.toContain(fullKey);
    await screenshot(page, 'keys');
  });

  it('edits, disables, enables and deletes the key', async () => {
    const item = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: /^CI pipeline/ }) });
    await item.getByRole('button', { name: 'Actions for CI pipeline' }).click();
    await page.getByRole('menuitem', { name: 'Edit' }).click();
    const form = page.getByRole('dialog', { name: 'Edit CI pipeline' });
    await form.getByLabel('Name').fill('CI pipeline v2');
    await form.getByRole('button', { name: 'Rate limits' }).click();
    await form.getByLabel(/Requests per minute/).fill('120');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.waitFor({ state: 'detached' });
    const renamed = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: 'CI pipeline v2' }) });
    await renamed.getByText('120 req/min').waitFor();

    await renamed.getByRole('button', { name: 'Actions for CI pipeline v2' }).click();
    await page.getByRole('menuitem', { name: 'Disable' }).click();
    await renamed.getByText('Disabled', { exact: true }).waitFor();
    expect(await v1Status(fullKey)).toBe(401);

    await renamed.getByRole('button', { name: 'Actions for CI pipeline v2' }).click();
    await page.getByRole('menuitem', { name: 'Enable' }).click();
    await renamed.getByText('Active', { exact: true }).waitFor();
    expect(await v1Status(fullKey)).toBe(200);

    await renamed.getByRole('button', { name: 'Actions for CI pipeline v2' }).click();
    await page.getByRole('menuitem', { name: 'Delete' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete CI pipeline v2?' });
    await confirm.getByRole('button', { name: 'Delete key' }).click();
    await confirm.waitFor({ state: 'detached' });
    await page.getByText('Create your first key', { exact: true }).first().waitFor();
    expect(await v1Status(fullKey)).toBe(401);
  });

  it('shows the keys page in the dark theme', async () => {
    const dark = await h.newPage({ colorScheme: 'dark' });
    await h.login(dark, user);
    await dark.goto('/keys');
    await heading(dark, 'API keys').waitFor();
    // A key to show (created through the form again).
    await dark.getByRole('button', { name: 'Create your first key' }).click();
    const form = dark.getByRole('dialog', { name: 'Create an API key' });
    await form.getByLabel('Name').fill('Staging');
    await form.getByLabel(/Spend limit/).fill('20');
    await form.getByRole('button', { name: 'Create key' }).click();
    const shown = dark.getByRole('dialog', { name: 'Save your API key' });
    await shown.waitFor();
    // Closing without copying asks first.
    await shown.getByRole('button', { name: 'I have saved my key' }).click();
    await shown.getByText('You have not copied the key').waitFor();
    await shown.getByRole('button', { name: 'Close anyway' }).click();
    await shown.waitFor({ state: 'detached' });
    await dark.getByRole('heading', { name: 'Staging' }).waitFor();
    expect(await isDarkTheme(dark)).toBe(true);
    await screenshot(dark, 'keys-dark');
  });

  it('redeems a code: the balance grows by its value and the ledger shows it', async () => {
    const batch = await h.adminApi<{ codes: string[] }>('POST', '/api/admin/redemptions', {
      name: 'Browser test',
      amount: 5_000_000,
      count: 1,
    });
    const code = batch.codes[0]!;

    await page.getByRole('link', { name: 'Billing', exact: true }).click();
    await heading(page, 'Billing').waitFor();
    const balance = page.getByTestId('billing-balance');
    await balance.waitFor();
    expect(await balance.textContent()).toBe('$0.20');
    // The trial credit is already in the history.
    await page.getByRole('table', { name: 'Balance history' }).getByText('Trial credit', { exact: true }).waitFor();

    await page.getByLabel('Redemption code').fill('NOT-A-REAL-CODE');
    await page.getByRole('button', { name: 'Redeem' }).click();
    await page.getByText('This code does not exist. Check it for typos.').waitFor();

    await page.getByLabel('Redemption code').fill(code);
    await page.getByRole('button', { name: 'Redeem' }).click();
    await page.getByText('$5.00 added to your balance').waitFor();
    await expect.poll(() => balance.textContent()).toBe('$5.20');
    // The top bar's balance follows.
    await expect.poll(() => page.getByTestId('balance').textContent()).toContain('$5.20');

    const table = page.getByRole('table', { name: 'Balance history' });
    const row = table.getByRole('row').filter({ hasText: 'Redeemed' });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('+$5.00');
    expect(rowText).toContain('$5.20');

    // Filter by kind.
    await page.getByRole('radio', { name: 'Trial credit' }).click();
    await expect.poll(() => table.getByRole('row').filter({ hasText: 'Redeemed' }).count()).toBe(0);
    await table.getByText('Trial credit', { exact: true }).waitFor();
    await page.getByRole('radio', { name: 'All' }).click();
    await row.waitFor();

    // The same code again: refused, in words.
    await page.getByLabel('Redemption code').fill(code);
    await page.getByRole('button', { name: 'Redeem' }).click();
    await page.getByText('This code has already been redeemed.').waitFor();
    expect(await balance.textContent()).toBe('$5.20');
    await screenshot(page, 'billing');
  });

  it('lists the routable models with prices, and search filters the rows', async () => {
    await page.getByRole('link', { name: 'Models', exact: true }).click();
    await heading(page, 'Models').waitFor();
    const table = page.getByRole('table', { name: 'Models' });
    await table.waitFor();
    const rows = table.getByRole('row');
    await expect.poll(() => rows.count()).toBeGreaterThan(20);
    const before = await rows.count();
    // "Available only" is on: every row is routable.
    expect(await page.getByRole('switch', { name: 'Available only' }).getAttribute('aria-checked')).toBe('true');

    await page.getByRole('searchbox', { name: 'Search models' }).fill('claude-sonnet-4-5');
    await expect.poll(() => rows.count()).toBeLessThan(before);
    const bodyRows = table.locator('tbody tr');
    const count = await bodyRows.count();
    expect(count).toBeGreaterThan(0);
    for (const text of await bodyRows.allTextContents()) expect(text).toContain('claude-sonnet-4-5');
    // Anthropic's list price: $3 in, $15 out per 1M tokens.
    const first = bodyRows.filter({ hasText: 'anthropic' }).first();
    expect(await first.textContent()).toContain('$3.00');
    expect(await first.textContent()).toContain('$15.00');
    await screenshot(page, 'models');

    // The whole catalog has far more.
    await page.getByRole('searchbox', { name: 'Search models' }).fill('');
    await page.getByRole('switch', { name: 'Available only' }).click();
    await page.getByRole('button', { name: /^Show 100 more$/ }).waitFor();
    await page.getByText(/^Showing 100 of [\d,]+$/).waitFor();
  });

  it('filters the models by kind, kept in the address', async () => {
    await page.goto('/models');
    const table = page.getByRole('table', { name: 'Models' });
    await table.waitFor();
    const bodyRows = table.locator('tbody tr');
    const kind = page.getByRole('combobox', { name: 'Kind' });
    // Default: every kind, so the routed chat models and the embedding model are all listed.
    expect(await kind.inputValue()).toBe('');
    await expect.poll(() => bodyRows.count()).toBeGreaterThan(20);
    const options = await kind.locator('option').allTextContents();
    // Gemini's image models answer chats too, so a Gemini channel lists them beside its chat models.
    expect(options).toHaveLength(4);
    expect(options[0]).toBe('All kinds');
    expect(options[1]).toMatch(/^Chat \(\d+\)$/);
    expect(options[2]).toBe('Embedding (1)');
    expect(options[3]).toMatch(/^Image \(\d+\)$/);

    await kind.selectOption('embedding');
    await page.waitForURL((url) => url.searchParams.get('kind') === 'embedding');
    await expect.poll(() => bodyRows.count()).toBe(1);
    const row = await bodyRows.first().textContent();
    expect(row).toContain(EMBEDDING_MODEL);
    expect(row).toContain('Embedding');
    await screenshot(page, 'models-kind-embedding');

    await kind.selectOption('chat');
    await page.waitForURL((url) => url.searchParams.get('kind') === 'chat');
    await expect.poll(() => bodyRows.count()).toBeGreaterThan(20);
    for (const text of await bodyRows.allTextContents()) expect(text).not.toContain(EMBEDDING_MODEL);

    // The address restores the filter; "All kinds" takes it out of the address.
    await page.goto('/models?kind=embedding');
    await expect.poll(() => kind.inputValue()).toBe('embedding');
    await expect.poll(() => bodyRows.count()).toBe(1);
    await kind.selectOption('');
    await page.waitForURL((url) => !url.searchParams.has('kind'));
    await expect.poll(() => bodyRows.count()).toBeGreaterThan(20);
  });

  it('filters the models by kind in Chinese', async () => {
    const zh = await h.newPage({ locale: 'zh-CN' });
    await h.login(zh, user);
    await zh.goto('/models?kind=embedding');
    const table = zh.getByRole('table', { name: '模型' });
    await table.waitFor();
    const bodyRows = table.locator('tbody tr');
    const kind = zh.getByRole('combobox', { name: '类型' });
    expect(await kind.inputValue()).toBe('embedding');
    await expect.poll(() => bodyRows.count()).toBe(1);
    expect(await bodyRows.first().textContent()).toContain('向量嵌入');
    expect(await kind.locator('option').first().textContent()).toBe('全部类型');

    // The whole catalog, images only: every row carries the image badge.
    await zh.goto('/models?all=1');
    await kind.selectOption('image');
    await zh.waitForURL((url) => url.searchParams.get('kind') === 'image' && url.searchParams.get('all') === '1');
    expect(await kind.locator('option:checked').textContent()).toMatch(/^图像 \(\d+\)$/);
    await expect.poll(() => bodyRows.count()).toBeGreaterThan(5);
    for (const text of await bodyRows.allTextContents()) expect(text).toContain('图像');
    await screenshot(zh, 'models-kind-image-zh');
    await zh.context().close();
  });

  it('shows models as cards on a phone', async () => {
    const phone = await h.newPage({ viewport: PHONE_VIEWPORT });
    await h.login(phone, user);
    await phone.goto('/models?q=gpt-4o-mini');
    await heading(phone, 'Models').waitFor();
    const list = phone.getByRole('list', { name: 'Models' });
    await list.waitFor();
    expect(await phone.getByRole('table', { name: 'Models' }).count()).toBe(0);
    expect(await list.getByRole('listitem').count()).toBeGreaterThan(0);
    expect(await list.textContent()).toContain('gpt-4o-mini');
    await screenshot(phone, 'models-phone');
  });

  it('raised no uncaught errors in any page', () => {
    expect(h.pageErrors).toEqual([]);
  });
});
