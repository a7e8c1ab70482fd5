import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** Dismisses the toasts and scrolls to the top, so a full-page screenshot shows the page itself. */
async function tidy(page: Page): Promise<void> {
  const toasts = page.getByRole('region', { name: 'Notifications' }).getByRole('button', { name: 'Dismiss' });
  while ((await toasts.count()) > 0) await toasts.first().click();
  await page.evaluate('window.scrollTo(0, 0)');
}

interface PublicSettings {
  registrationEnabled: boolean;
  trialCredit: number;
}

describeBrowser('console: admin users, redemption codes, prices and settings', () => {
  let harness: ConsoleHarness;
  let admin: Page;
  let user: RegisteredUser;
  screenshotOnFailure(() => harness);

  const publicSettings = async (): Promise<PublicSettings> => {
    const response = await fetch(`${harness.origin}/api/settings/public`);
    return (await response.json()) as PublicSettings;
  };

  beforeAll(async () => {
    harness = await startConsole();
    admin = await harness.newPage();
    await harness.loginAsAdmin(admin);
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('finds a new user by search and credits $5 with a reason', async () => {
    const other = await harness.newPage();
    user = await harness.registerUser(other, { displayName: 'Grace Hopper' });
    await other.context().close();

    await admin.goto('/admin/users');
    await heading(admin, 'Users').waitFor();
    await admin.getByRole('row', { name: /admin@aihub\.local/ }).waitFor();
    await admin.getByText('2 users').waitFor();
    await screenshot(admin, 'admin-users');

    await admin.getByLabel('Search users').fill(user.email.slice(0, 12));
    await admin.getByText('1 user', { exact: true }).waitFor();
    const row = admin.getByRole('row', { name: new RegExp(user.email.replace(/[.+]/g, '\\$&')) });
    expect(await row.textContent()).toContain('$0.20');
    expect(await row.textContent()).toContain('Grace Hopper');
    // The search is in the address, so the page can be shared or reloaded.
    expect(new URL(admin.url()).searchParams.get('q')).toBe(user.email.slice(0, 12));

    await row.click();
    const drawer = admin.getByRole('dialog', { name: 'Grace Hopper' });
    await drawer.waitFor();
    // Validation: the reason is required.
    await drawer.getByLabel('Amount (USD)').fill('5');
    await drawer.getByRole('button', { name: 'Apply adjustment' }).click();
    await drawer.getByText('Say why: the reason is kept in the ledger.').waitFor();

    await drawer.getByLabel('Reason').fill('Welcome bonus');
    await drawer.getByRole('button', { name: 'Apply adjustment' }).click();
    await drawer.getByText('Adjusted by +$5.00').waitFor();
    expect(await drawer.getByTestId('adjust-result').textContent()).toBe('New balance: $5.20');
    await tidy(admin);
    await screenshot(admin, 'admin-user-detail');

    // The result links to the ledger entry.
    await drawer.getByRole('button', { name: 'View in ledger' }).click();
    const entry = drawer.locator('li[aria-current="true"]');
    await entry.waitFor();
    expect(await entry.textContent()).toContain('+$5.00');
    expect(await entry.textContent()).toContain('Welcome bonus');

    const stored = await harness.adminApi<{ data: { balance: number }[] }>(
      'GET',
      `/api/admin/users?query=${encodeURIComponent(user.email)}`,
    );
    expect(stored.data[0]?.balance).toBe(5_200_000);

    await admin.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await admin.waitForFunction(
      (email) =>
        [...document.querySelectorAll('tr')].some(
          (tr) => tr.textContent?.includes(email) && tr.textContent.includes('$5.20'),
        ),
      user.email,
    );
  });

  it('creates a batch of 3 redemption codes, exports and copies them, and disables one', async () => {
    await admin.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: harness.origin });
    await admin.goto('/admin/redemptions');
    await heading(admin, 'Redemption codes').waitFor();
    await admin.getByText('No redemption codes yet').waitFor();

    await admin.getByRole('button', { name: 'New batch' }).first().click();
    const dialog = admin.getByRole('dialog', { name: 'New batch of codes' });
    await dialog.getByLabel('Batch name').fill('Spring promo');
    await dialog.getByLabel('Value per code (USD)').fill('2.50');
    await dialog.getByLabel('Number of codes').fill('3');
    await dialog.getByText('3 codes worth $2.50 each — $7.50 in total.').waitFor();
    await dialog.getByRole('button', { name: 'Create codes' }).click();

    const created = admin.getByRole('dialog', { name: '3 codes created' });
    await created.waitFor();
    const codes = (await created.getByTestId('created-codes').locator('li').allTextContents()).map((code) =>
      code.trim(),
    );
    expect(codes).toHaveLength(3);
    for (const code of codes) expect(code).toMatch(/^AIHUB-[A-Z0-9-]+$/);

    // Export: the CSV has the same three codes, unused.
    const [download] = await Promise.all([
      admin.waitForEvent('download'),
      created.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('redemption-codes-spring-promo.csv');
    const csv = readFileSync((await download.path()) as string, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('code,amount_units,amount_usd,status,expires_at,redeemed_by,redeemed_at');
    expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(expect.arrayContaining(codes));
    expect(csv).toHaveLength(4);
    expect(csv.slice(1).every((line) => line.includes(',2500000,') && line.includes(',unused,'))).toBe(true);

    // Copy all: the clipboard holds the three codes, one a line.
    await created.getByRole('button', { name: 'Copy all 3 codes' }).click();
    await created.getByRole('button', { name: 'Copied' }).waitFor();
    const clipboard = (await admin.evaluate('navigator.clipboard.readText()')) as string;
    expect(clipboard.split('\n').sort()).toEqual([...codes].sort());

    await created.getByRole('button', { name: 'Done' }).click();
    const row = admin.getByRole('row', { name: /Spring promo/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('$2.50');
    expect(await row.textContent()).toContain('0 used · 3 left');
    expect(await row.textContent()).toContain('Active');
    await tidy(admin);
    await screenshot(admin, 'admin-redemptions');

    // A redeemed code shows who redeemed it.
    const redeemed = await fetch(`${harness.origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: user.password }),
    });
    const cookie = redeemed.headers.get('set-cookie')?.split(';')[0] ?? '';
    const { csrfToken } = (await redeemed.json()) as { csrfToken: string };
    const redeem = await fetch(`${harness.origin}/api/redeem`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': csrfToken },
      body: JSON.stringify({ code: codes[0] }),
    });
    expect(redeem.status).toBe(200);

    // The batch's codes, filtered; disabling one unused code.
    await admin.reload();
    await admin.getByRole('row', { name: /Spring promo/ }).click();
    const drawer = admin.getByRole('dialog', { name: 'Spring promo' });
    await drawer.getByRole('radio', { name: 'Redeemed 1' }).click();
    await drawer.getByRole('row', { name: new RegExp(codes[0] as string) }).waitFor();
    expect(await drawer.getByRole('row').count()).toBe(2);
    await drawer.getByRole('radio', { name: 'Unused 2' }).click();
    await drawer.getByRole('button', { name: `Disable code ${codes[1]}` }).click();
    await admin.getByRole('dialog', { name: 'Disable this code?' }).getByRole('button', { name: 'Disable' }).click();
    await drawer.getByRole('radio', { name: 'Disabled 1' }).waitFor();
    await drawer.getByRole('radio', { name: 'Unused 1' }).waitFor();
    const listed = await harness.adminApi<{
      batches: { name: string; unused: number; redeemed: number; disabled: number }[];
    }>('GET', '/api/admin/redemptions');
    expect(listed.batches.find((batch) => batch.name === 'Spring promo')).toMatchObject({
      unused: 1,
      redeemed: 1,
      disabled: 1,
    });
    await admin.keyboard.press('Escape');
  });

  it('sets a model price override and shows the resulting sale price', async () => {
    await admin.goto('/admin/prices');
    await heading(admin, 'Prices').waitFor();
    await admin.getByText('No model overrides').waitFor();

    await admin.getByRole('button', { name: 'Add model price' }).first().click();
    const dialog = admin.getByRole('dialog', { name: 'Add model price' });
    await dialog.getByRole('combobox', { name: 'Model' }).fill('gpt-4o-mini');
    await dialog.getByRole('option', { name: /^gpt-4o-mini\s*openai/ }).click();
    await dialog.getByText('Official price from openai').waitFor();
    await dialog.getByLabel('Model multiplier').fill('50');
    // Official $0.15 / $0.60 per 1M → sale at 50%.
    expect(await dialog.getByTestId('preview-input').textContent()).toBe('$0.075');
    expect(await dialog.getByTestId('preview-output').textContent()).toBe('$0.30');
    await dialog.getByText('100% global × 100% group × 50% model = 50% of the official price').waitFor();
    await dialog.getByRole('button', { name: 'Save price' }).click();
    await dialog.waitFor({ state: 'hidden' });

    // The table shows the server's sale price for the new rule.
    const sale = admin.getByTestId('sale-gpt-4o-mini');
    await sale.waitFor();
    expect((await sale.textContent())?.replace(/\s+/g, '')).toBe('$0.075/$0.30');
    const rules = await harness.adminApi<{ models: Record<string, unknown> }>('GET', '/api/admin/prices');
    expect(rules.models['gpt-4o-mini']).toEqual({ multiplierPpm: 500_000 });

    // A fixed price for one provider's listing, entered in dollars, stored in units.
    await admin.getByRole('button', { name: 'Edit price of gpt-4o-mini' }).click();
    const edit = admin.getByRole('dialog', { name: 'Edit model price' });
    await edit.getByRole('radio', { name: 'Fixed price' }).click();
    await edit.getByLabel('Input / 1M').fill('1');
    await edit.getByLabel('Output / 1M').fill('4.25');
    expect(await edit.getByTestId('preview-output').textContent()).toBe('$4.25');
    await edit.getByRole('button', { name: 'Save price' }).click();
    await edit.waitFor({ state: 'hidden' });
    await admin.waitForFunction(
      () =>
        document.querySelector('[data-testid="sale-gpt-4o-mini"]')?.textContent?.replace(/\s+/g, '') === '$1.00/$4.25',
    );
    const fixed = await harness.adminApi<{ models: Record<string, unknown> }>('GET', '/api/admin/prices');
    expect(fixed.models['gpt-4o-mini']).toEqual({ fixed: { input: 1_000_000, output: 4_250_000 } });

    // Global multiplier as a percentage → ppm.
    await admin.getByLabel('Global multiplier').fill('80');
    await admin.getByText('20% off').waitFor();
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText('Multipliers saved').waitFor();
    const saved = await harness.adminApi<{ globalMultiplierPpm: number }>('GET', '/api/admin/prices');
    expect(saved.globalMultiplierPpm).toBe(800_000);
    await admin.getByText('Built-in').waitFor();
    await tidy(admin);
    await screenshot(admin, 'admin-prices');
  });

  it('refreshes the catalog from a URL, shows what changed, overrides an entry and goes back to built-in', async () => {
    const model = (id: string, input: number, output: number) => ({
      provider: 'openai',
      id,
      mode: 'chat',
      capabilities: {},
      pricesKnown: true,
      prices: { input, output },
    });
    const file = JSON.stringify({
      version: 1,
      source: {
        name: 'Test catalog',
        url: 'https://example.com/catalog',
        license: 'MIT',
        copyright: 'Test',
        sha256: '0'.repeat(64),
        entries: 2,
        generator: 'admin-manage.browser.test.ts',
      },
      // gpt-4o-mini costs more than in the built-in catalog; the other model is new.
      models: [model('gpt-4o-mini', 200_000, 800_000), model('brand-new-model', 1_000_000, 2_000_000)],
    });
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' }).end(file);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/catalog.json`;
    try {
      await admin.goto('/admin/prices');
      await admin.getByText('Built-in').waitFor();
      await admin.getByLabel('Refresh from URL').fill('not a url');
      await admin.getByRole('button', { name: 'Refresh catalog' }).click();
      await admin.getByText('Enter a full http:// or https:// address.').waitFor();

      await admin.getByLabel('Refresh from URL').fill(url);
      await admin.getByRole('button', { name: 'Refresh catalog' }).click();
      await admin.getByText('2 models from 1 providers loaded').waitFor();
      const diff = (await admin.getByTestId('catalog-diff').textContent()) ?? '';
      expect(diff).toMatch(/^Chat models: 1 added, [\d,]+ removed, 1 with new prices\.$/);
      await admin.getByText('Source: Test catalog (MIT)').waitFor();
      await admin.getByText('From URL', { exact: true }).waitFor();

      // An override of one entry's official price.
      await admin.getByRole('button', { name: 'Add catalog override' }).click();
      const dialog = admin.getByRole('dialog', { name: 'Add catalog override' });
      await dialog.getByRole('combobox', { name: 'Model' }).fill('brand-new');
      await dialog.getByRole('option', { name: /^brand-new-model/ }).click();
      await dialog.getByText('Catalog: $1.00').waitFor();
      await dialog.getByLabel('Input', { exact: true }).fill('0.5');
      await dialog.getByRole('button', { name: 'Save' }).click();
      await dialog.waitFor({ state: 'hidden' });
      await admin.getByRole('row', { name: /brand-new-model.*Input \$0\.50/ }).waitFor();
      const status = await harness.adminApi<{ overrideList: { modelId: string; override: unknown }[] }>(
        'GET',
        '/api/admin/catalog',
      );
      expect(status.overrideList).toEqual([
        expect.objectContaining({ modelId: 'brand-new-model', override: { prices: { input: 500_000 } } }),
      ]);
      await admin.getByRole('button', { name: 'Remove the override of openai/brand-new-model' }).click();
      await admin
        .getByRole('dialog', { name: 'Remove this catalog override?' })
        .getByRole('button', { name: 'Remove' })
        .click();
      await admin.getByText('No overrides', { exact: true }).waitFor();

      await admin.getByRole('button', { name: 'Back to built-in' }).click();
      await admin
        .getByRole('dialog', { name: 'Go back to the built-in catalog?' })
        .getByRole('button', { name: 'Back to built-in' })
        .click();
      await admin.getByText('Built-in', { exact: true }).waitFor();
      expect((await harness.adminApi<{ source: string }>('GET', '/api/admin/catalog')).source).toBe('builtin');
    } finally {
      server.close();
    }
  });

  it('changes the trial credit and closes and reopens sign-ups', async () => {
    await admin.goto('/admin/settings');
    await heading(admin, 'Settings').waitFor();
    const trial = admin.getByLabel('Trial credit');
    expect(await trial.inputValue()).toBe('0.20');
    await trial.fill('1.5');
    await admin.getByText('Every new account starts with $1.50.').waitFor();
    await admin.getByRole('region', { name: 'Unsaved changes' }).getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText('Settings saved').waitFor();
    expect((await publicSettings()).trialCredit).toBe(1_500_000);

    // Client validation names the field, focuses it, and the save bar counts the problems.
    await admin.getByLabel('Cache-hit charge').fill('150');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText('A number from 0 to 100.').waitFor();
    await admin.getByText('1 field needs attention').waitFor();
    await admin.waitForFunction(() => (document.activeElement as HTMLInputElement | null)?.value === '150');
    await admin.getByRole('button', { name: 'Discard' }).click();
    expect(await admin.getByLabel('Cache-hit charge').inputValue()).toBe('0');

    // Sign-ups off: the register page says so.
    await admin.getByRole('switch', { name: 'Open sign-ups' }).click();
    await admin.getByText('Sign-ups are closed: the register page tells visitors so.', { exact: false }).waitFor();
    await admin.getByRole('switch', { name: 'Log prompts and outputs' }).click();
    await admin.getByText('Privacy warning').waitFor();
    await tidy(admin);
    await screenshot(admin, 'admin-settings');
    await admin.getByRole('switch', { name: 'Log prompts and outputs' }).click();
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText('Settings saved').first().waitFor();
    await admin.waitForFunction(
      () => !document.querySelector('section[aria-label="Unsaved changes"] button:not([disabled])[type="submit"]'),
    );
    expect(await publicSettings()).toEqual({ registrationEnabled: false, trialCredit: 1_500_000, publicBaseUrl: '' });

    const visitor = await harness.newPage();
    await visitor.goto('/register');
    await visitor.getByRole('heading', { name: 'Sign-ups are closed' }).first().waitFor();
    expect(await visitor.getByLabel('Email').count()).toBe(0);

    await admin.getByRole('switch', { name: 'Open sign-ups' }).click();
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.waitForFunction(
      () => !document.querySelector('section[aria-label="Unsaved changes"] button:not([disabled])[type="submit"]'),
    );
    expect((await publicSettings()).registrationEnabled).toBe(true);
    await visitor.reload();
    await visitor.getByLabel('Email').waitFor();
    expect(await visitor.getByTestId('trial-credit').textContent()).toContain('$1.50');

    // A model limit row, saved as the API's shape.
    await admin.getByRole('button', { name: 'Add model limit' }).click();
    await admin.getByLabel('Model or pattern', { exact: true }).fill('gpt-4o*');
    await admin.getByLabel('Requests / min — gpt-4o*', { exact: true }).fill('30');
    await admin.getByRole('button', { name: 'No limit: Concurrent — gpt-4o*' }).click();
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.waitForFunction(
      () => !document.querySelector('section[aria-label="Unsaved changes"] button:not([disabled])[type="submit"]'),
    );
    const settings = await harness.adminApi<{ modelLimits: unknown }>('GET', '/api/admin/settings');
    expect(settings.modelLimits).toEqual({ 'gpt-4o*': { rpm: 30, concurrency: null } });

    // Leaving with unsaved changes asks first.
    await admin.getByLabel('Keep logs for').fill('30');
    await admin.getByRole('link', { name: 'Users', exact: true }).click();
    const leave = admin.getByRole('dialog', { name: 'Leave without saving?' });
    await leave.getByRole('button', { name: 'Cancel' }).click();
    expect(new URL(admin.url()).pathname).toBe('/admin/settings');
    expect(await admin.getByLabel('Keep logs for').inputValue()).toBe('30');
    await admin.getByRole('link', { name: 'Users', exact: true }).click();
    await leave.getByRole('button', { name: 'Leave page' }).click();
    await heading(admin, 'Users').waitFor();
    expect((await harness.adminApi<{ logRetentionDays: number }>('GET', '/api/admin/settings')).logRetentionDays).toBe(
      90,
    );
  });

  it('changes the server log level without a restart', async () => {
    await admin.goto('/admin/settings');
    await heading(admin, 'Settings').waitFor();
    expect(await admin.getByLabel('Server log level').inputValue()).toBe('');
    await admin.getByLabel('Server log level').selectOption({ label: 'Debug' });
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await admin.waitForFunction(
      () => !document.querySelector('section[aria-label="Unsaved changes"] button:not([disabled])[type="submit"]'),
    );
    expect((await harness.adminApi<{ logLevel: string }>('GET', '/api/admin/settings')).logLevel).toBe('debug');
  });

  it('looks right in the dark theme and on a phone', async () => {
    const dark = await harness.newPage({ colorScheme: 'dark' });
    await harness.loginAsAdmin(dark);
    await dark.goto('/admin/settings');
    await heading(dark, 'Settings').waitFor();
    await dark.getByLabel('Trial credit').waitFor();
    expect(await isDarkTheme(dark)).toBe(true);
    await screenshot(dark, 'admin-settings-dark');

    await dark.setViewportSize(PHONE_VIEWPORT);
    await dark.goto('/admin/users');
    await dark.getByRole('row', { name: /admin@aihub\.local/ }).waitFor();
    const overflow = (await dark.evaluate('document.documentElement.scrollWidth > window.innerWidth')) as boolean;
    expect(overflow).toBe(false);
    expect(harness.pageErrors).toEqual([]);
  });
});
