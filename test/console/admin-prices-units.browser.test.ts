/**
 * The prices page for media models priced by the unit (issue 13): dall-e-3 is sold per image by size
 * and quality (src/catalog/media-prices.ts). An operator sets a fixed per-image price in the rule
 * dialog, in English and in Chinese, sees the sale price in the list, and the server stores and
 * prices it (its sale sheet, which billing reads, carries the unit price).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  type ConsoleHarness,
  describeBrowser,
  heading,
  screenshot,
  screenshotOnFailure,
  startConsole,
} from './console-harness.js';

interface Listing {
  id: string;
  provider: string;
  official: { perUnit?: Record<string, number> } | null;
  sale: { perUnit?: Record<string, number>; source: string } | null;
}

const squeeze = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describeBrowser('console: per-unit prices on the prices page', () => {
  let harness: ConsoleHarness;
  screenshotOnFailure(() => harness);

  beforeAll(async () => {
    harness = await startConsole();
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  const dallE3 = async (): Promise<Listing | undefined> => {
    const models = await harness.adminApi<{ data: Listing[] }>('GET', '/api/models?provider=openai');
    return models.data.find((model) => model.id === 'dall-e-3');
  };

  const unitLine = (page: Page, key: string) => page.getByTestId('sale-units-dall-e-3').locator(`[data-unit="${key}"]`);

  it('sets a fixed price per HD 1024×1024 image for dall-e-3 in English and the list shows official → sale', async () => {
    const admin = await harness.newPage();
    await harness.loginAsAdmin(admin);
    await admin.goto('/admin/prices');
    await heading(admin, 'Prices').waitFor();
    await admin.getByRole('button', { name: 'Add model price' }).first().click();
    const dialog = admin.getByRole('dialog', { name: 'Add model price' });
    await dialog.getByRole('combobox', { name: 'Model' }).fill('dall-e-3');
    await dialog.getByRole('option', { name: /^dall-e-3\s*openai/ }).click();
    await dialog.getByText('Official price from openai').waitFor();

    // The multiplier preview already lists the official per-image prices with readable names.
    const officialHd = dialog.getByTestId('preview-unit-image:1024x1024:hd');
    expect(squeeze(await officialHd.textContent())).toBe('$0.08 per image');
    await dialog.getByRole('row', { name: /Image 1024×1792 HD/ }).waitFor();

    await dialog.getByRole('radio', { name: 'Fixed price' }).click();
    // The model's six official unit keys are offered, empty.
    await expect.poll(() => dialog.locator('[data-unit-row]').count()).toBe(6);
    const hd = dialog.getByLabel('Price of Image 1024×1024 HD');
    expect(await hd.inputValue()).toBe('');

    // A key is checked with the server's rule before it is added; a listed one is refused too.
    const key = dialog.getByLabel('Unit key');
    await key.fill('picture:1024x1024');
    await dialog.getByRole('button', { name: 'Add unit price' }).click();
    await dialog.getByText(/^A unit key: image, video_second/).waitFor();
    await key.fill('image:1024x1024:hd');
    await key.press('Enter');
    await dialog.getByText('This unit is listed twice.').waitFor();
    await key.fill('image:4096x4096');
    await key.press('Enter');
    await dialog.getByLabel('Price of Image 4096×4096').waitFor();
    await dialog.getByRole('button', { name: 'Remove Image 4096×4096' }).click();
    await expect.poll(() => dialog.locator('[data-unit-row]').count()).toBe(6);

    // No input/output needed: one unit price makes a fixed price (the server's rule).
    await hd.fill('0.09');
    expect(squeeze(await dialog.getByTestId('preview-unit-image:1024x1024:hd').textContent())).toBe('$0.09 per image');
    await dialog.getByRole('button', { name: 'Save price' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const line = unitLine(admin, 'image:1024x1024:hd');
    await line.waitFor();
    expect(squeeze(await line.textContent())).toBe('Image 1024×1024 HD: $0.08 → $0.09 per image');
    const rules = await harness.adminApi<{ models: Record<string, unknown> }>('GET', '/api/admin/prices');
    expect(rules.models['dall-e-3']).toEqual({ fixed: { perUnit: { 'image:1024x1024:hd': 90_000 } } });
    const listing = await dallE3();
    expect(listing?.official?.perUnit?.['image:1024x1024:hd']).toBe(80_000);
    // The sale sheet billing prices from: only the fixed unit is sold now.
    expect(listing?.sale).toEqual({ perUnit: { 'image:1024x1024:hd': 90_000 }, source: 'fixed' });
    await screenshot(admin, 'admin-prices-units');
    await admin.context().close();
  }, 90_000);

  it('edits the same rule in Chinese: prefilled, one more size priced, shown with Chinese unit names', async () => {
    const zh = await harness.newPage({ locale: 'zh-CN' });
    await harness.loginAsAdmin(zh);
    await zh.goto('/admin/prices');
    await heading(zh, '模型定价').waitFor();
    await zh.getByRole('button', { name: '编辑 dall-e-3 的价格' }).click();
    const dialog = zh.getByRole('dialog', { name: '编辑模型价格' });
    const hd = dialog.getByLabel('图像 1024×1024 高清 的价格');
    expect(await hd.inputValue()).toBe('0.09');
    // The official keys the rule does not price are offered again, empty.
    await expect.poll(() => dialog.locator('[data-unit-row]').count()).toBe(6);
    await hd.fill('0.1');
    await dialog.getByLabel('图像 1792×1024 高清 的价格').fill('0.15');
    expect(squeeze(await dialog.getByTestId('preview-unit-image:1792x1024:hd').textContent())).toBe('$0.15 每张');
    await dialog.getByRole('button', { name: '保存价格' }).click();
    await dialog.waitFor({ state: 'hidden' });

    await zh.waitForFunction(
      () =>
        document
          .querySelector('[data-testid="sale-units-dall-e-3"] [data-unit="image:1024x1024:hd"]')
          ?.textContent?.includes('$0.10') === true,
    );
    expect(squeeze(await unitLine(zh, 'image:1024x1024:hd').textContent())).toBe(
      '图像 1024×1024 高清: $0.08 → $0.10 每张',
    );
    const rules = await harness.adminApi<{ models: Record<string, unknown> }>('GET', '/api/admin/prices');
    expect(rules.models['dall-e-3']).toEqual({
      fixed: { perUnit: { 'image:1024x1024:hd': 100_000, 'image:1792x1024:hd': 150_000 } },
    });
    expect((await dallE3())?.sale?.perUnit).toEqual({ 'image:1024x1024:hd': 100_000, 'image:1792x1024:hd': 150_000 });
    await screenshot(zh, 'admin-prices-units-zh');
    await zh.context().close();
  }, 90_000);

  it("overrides one catalog unit price of dall-e-2; the other sizes keep the catalog's", async () => {
    const admin = await harness.newPage();
    await harness.loginAsAdmin(admin);
    await admin.goto('/admin/prices');
    await heading(admin, 'Prices').waitFor();
    await admin.getByRole('button', { name: 'Add catalog override' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Add catalog override' });
    await dialog.getByRole('combobox', { name: 'Model' }).fill('dall-e-2');
    await dialog.getByRole('option', { name: /^dall-e-2\s*openai/ }).click();
    const size = dialog.getByLabel('Price of Image 512×512');
    expect(await size.getAttribute('placeholder')).toBe('0.018');
    await expect.poll(() => dialog.locator('[data-unit-row]').count()).toBe(3);
    await size.fill('0.025');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await admin.getByRole('row', { name: /dall-e-2.*Image 512×512 \$0\.025 per image/ }).waitFor();

    const status = await harness.adminApi<{ overrideList: { modelId: string; override: unknown }[] }>(
      'GET',
      '/api/admin/catalog',
    );
    const perUnit = { 'image:256x256': 16_000, 'image:512x512': 25_000, 'image:1024x1024': 20_000 };
    expect(status.overrideList).toEqual([
      expect.objectContaining({ modelId: 'dall-e-2', override: { prices: { perUnit } } }),
    ]);
    const models = await harness.adminApi<{ data: Listing[] }>('GET', '/api/models?provider=openai');
    expect(models.data.find((model) => model.id === 'dall-e-2')?.official?.perUnit).toEqual(perUnit);
    await admin.context().close();
  }, 90_000);
});
