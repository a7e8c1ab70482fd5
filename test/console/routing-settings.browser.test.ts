/**
 * The routing card on /admin/settings (settings keys `routingPolicy`, `hedging`,
 * `streamContinuation`, `defaultModels`): an administrator picks a policy, hedges key groups, turns
 * stream continuation on and sets default models; the admin settings API returns them, and a model
 * left out of a request is served by the default. A hedge delay out of the server's range is
 * refused by the server, whose message lands on that row's delay. In Chinese, at phone width.
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

interface RoutingSettings {
  routingPolicy: string;
  hedging: { groups: Record<string, 'p95' | number>; requestHeader: boolean; defaultDelayMs: number };
  streamContinuation: boolean;
  defaultModels: Record<string, string>;
}

describeBrowser('console: routing settings', () => {
  let h: ConsoleHarness;
  let admin: Page;
  screenshotOnFailure(() => h);

  const routingCard = (page: Page, title = 'Routing') =>
    page.locator('form', { has: page.getByRole('heading', { name: title, exact: true }) });

  beforeAll(async () => {
    h = await startConsole();
    await h.adminApi('PATCH', '/api/admin/settings', {
      keyGroups: [{ name: 'vip', description: 'Priority', selectable: true }],
    });
    admin = await h.newPage();
    await h.loginAsAdmin(admin);
  }, 60_000);

  afterAll(async () => {
    await h?.close();
  });

  it('saves the policy, hedging, stream continuation and default models; the API returns them', async () => {
    await admin.goto('/admin/settings');
    await heading(admin, 'Settings').waitFor();
    const card = routingCard(admin);
    await card.getByText('No key group is hedged.').waitFor();
    expect(await card.getByRole('radio', { name: /^Weighted/ }).isChecked()).toBe(true);
    expect(await card.getByRole('button', { name: 'Save routing' }).isDisabled()).toBe(true);

    await card.getByRole('radio', { name: /^Cheapest first/ }).check();
    // The first hedged group is every group (*), after the route's p95.
    await card.getByRole('button', { name: 'Hedge a key group' }).click();
    const hedges = card.getByTestId('hedge-group');
    expect(await hedges.first().getByLabel('Key group').inputValue()).toBe('*');
    await card.getByRole('button', { name: 'Hedge a key group' }).click();
    await hedges.nth(1).getByLabel('Key group').fill('vip');
    await hedges.nth(1).getByLabel('Hedge after').selectOption('fixed');
    await hedges.nth(1).getByLabel('Delay').fill('800');
    await card.getByLabel('Delay until p95 is measured').fill('1500');
    await card.getByRole('switch', { name: 'Let callers ask for hedging' }).click();
    await card.getByRole('switch', { name: 'Continue broken streams' }).click();
    await card.getByRole('button', { name: 'Add a default model' }).click();
    const defaults = card.getByTestId('default-model');
    await defaults.first().getByLabel('Model, alias or preset').fill('gpt-4o-mini');
    await card.getByText('Unsaved changes').waitFor();
    await screenshot(admin, 'routing-settings');
    await card.screenshot({ path: 'test-results/screenshots/routing-settings-card.png', animations: 'disabled' });

    await card.getByRole('button', { name: 'Save routing' }).click();
    await admin.getByText('Routing settings saved').waitFor();
    const stored = await h.adminApi<RoutingSettings>('GET', '/api/admin/settings');
    expect(stored.routingPolicy).toBe('cheapest');
    expect(stored.hedging).toEqual({ groups: { '*': 'p95', vip: 800 }, requestHeader: false, defaultDelayMs: 1500 });
    expect(stored.streamContinuation).toBe(true);
    expect(stored.defaultModels).toEqual({ '*': 'gpt-4o-mini' });
    expect(await card.getByRole('button', { name: 'Save routing' }).isDisabled()).toBe(true);

    // A request that names no model is served by the default.
    const response = await fetch(`${h.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ messages: [{ role: 'user', content: 'Hi' }] }),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { model: string }).model).toContain('gpt-4o-mini');

    // A reload shows what is stored.
    await admin.reload();
    const reloaded = routingCard(admin);
    await reloaded.getByTestId('hedge-group').nth(1).waitFor();
    expect(await reloaded.getByRole('radio', { name: /^Cheapest first/ }).isChecked()).toBe(true);
    expect(await reloaded.getByTestId('hedge-group').nth(1).getByLabel('Delay').inputValue()).toBe('800');
    expect(await reloaded.getByRole('switch', { name: 'Continue broken streams' }).getAttribute('aria-checked')).toBe(
      'true',
    );
    expect(h.pageErrors).toEqual([]);
  });

  it("shows the server's error on a hedge delay out of range, and the form's own on what it cannot send", async () => {
    const card = routingCard(admin);
    const vip = card.getByTestId('hedge-group').nth(1);
    await vip.getByLabel('Delay').fill('soon');
    await card.getByRole('button', { name: 'Save routing' }).click();
    await vip.getByText('Enter a whole number of milliseconds.').waitFor();

    // 10 ms is a whole number: the server judges the range and names the field.
    await vip.getByLabel('Delay').fill('10');
    await card.getByRole('button', { name: 'Save routing' }).click();
    const message = vip.getByRole('alert');
    await message.waitFor();
    expect(await message.textContent()).toContain('hedging.groups.vip');
    expect(await vip.getByLabel('Delay').getAttribute('aria-invalid')).toBe('true');
    const stored = await h.adminApi<RoutingSettings>('GET', '/api/admin/settings');
    expect(stored.hedging.groups.vip).toBe(800);

    // Typing again clears it; Discard returns to what is stored.
    await vip.getByLabel('Delay').fill('900');
    expect(await vip.getByRole('alert').count()).toBe(0);
    await card.getByRole('button', { name: 'Discard' }).click();
    expect(await vip.getByLabel('Delay').inputValue()).toBe('800');
    expect(h.pageErrors).toEqual([]);
  });

  it('reads in Chinese and fits a phone', async () => {
    const phone = await h.newPage({ viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
    await h.loginAsAdmin(phone);
    await phone.goto('/admin/settings');
    const card = routingCard(phone, '路由');
    await card.getByTestId('hedge-group').first().waitFor();
    await card.scrollIntoViewIfNeeded();
    await phone.waitForLoadState('networkidle');
    expect(await englishWordsOn(phone)).toEqual([]);
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(phone, 'routing-settings-phone-zh');
    await card.screenshot({
      path: 'test-results/screenshots/routing-settings-card-phone-zh.png',
      animations: 'disabled',
    });
    expect(h.pageErrors).toEqual([]);
  });
});
