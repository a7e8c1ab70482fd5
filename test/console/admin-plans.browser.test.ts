/**
 * The operator's subscription plans page (/admin/plans): create and edit a plan with a 5-hour
 * money allowance, grant it to a user, watch the user's chat request move the 5-hour bar (checked
 * against the API), read the history, cancel; a redemption batch that grants the plan; and the
 * form refusing an invalid allowance in both languages.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asAdmin, asUser, createKey, register, type Session, withKey } from '../e2e/platform-client.js';
import {
  type ConsoleHarness,
  describeBrowser,
  heading,
  PHONE_VIEWPORT,
  screenshot,
  screenshotOnFailure,
  startConsole,
  uniqueEmail,
} from './console-harness.js';

interface Window {
  name: string;
  unit: string;
  limit: number;
  used: number;
  reserved: number;
  resetsAt: number | null;
}
interface Subscription {
  id: string;
  status: string;
  source: string;
  planId: string;
  windows: Window[];
  history: { kind: string; detail: string }[];
}
interface Plan {
  id: string;
  name: string;
  price: number;
  period: { kind: string; days?: number };
  models: string[];
  allowances: Record<string, { unit: string; limit: number }>;
  status: string;
}

const FIVE_HOURS_MS = 5 * 60 * 60 * 1000;

describeBrowser('console: admin subscription plans', () => {
  let harness: ConsoleHarness;
  let admin: Page;
  let user: Session;
  let userEmail: string;
  let userKey: string;
  let planId: string;
  screenshotOnFailure(() => harness);

  const plans = async () => (await harness.adminApi<{ plans: Plan[] }>('GET', '/api/admin/plans')).plans;
  const subscriptionsOf = async (userId: string) =>
    (
      await harness.adminApi<{ subscriptions: Subscription[] }>(
        'GET',
        `/api/admin/subscriptions?userId=${encodeURIComponent(userId)}`,
      )
    ).subscriptions;

  beforeAll(async () => {
    harness = await startConsole();
    userEmail = uniqueEmail('subscriber');
    user = await register(harness.gateway, userEmail);
    userKey = (await createKey(harness.gateway, user)).key;
    admin = await harness.newPage();
    await harness.loginAsAdmin(admin);
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
  });

  it('creates and edits a plan, grants it, and shows the 5-hour bar move after a chat request', async () => {
    await admin.goto('/admin/plans');
    await heading(admin, 'Subscription plans').waitFor();
    await admin.getByText('No plans yet').waitFor();

    // Create: a 5-hour money allowance covering one emulator model.
    await admin.getByRole('button', { name: 'New plan' }).first().click();
    const form = admin.getByRole('dialog', { name: 'New plan' });
    await form.getByLabel('Name').fill('Coding plan');
    await form.getByLabel('Price (USD)').fill('20');
    const models = form.getByLabel('Covered models');
    await models.fill('gpt-4.1-mini');
    await models.press('Enter');
    await models.press('Tab');
    await form.getByRole('button', { name: 'Add allowance' }).click();
    await form.getByLabel('Limit').fill('1.00');
    await form.getByRole('button', { name: 'Create plan' }).click();
    await admin.getByText('Plan “Coding plan” created').waitFor();
    await form.waitFor({ state: 'hidden' });
    const row = admin.getByRole('row', { name: /Coding plan/ });
    await row.waitFor();
    expect(await row.textContent()).toContain('$20.00');
    expect(await row.textContent()).toContain('5-hour: $1.00');

    let [plan] = await plans();
    expect(plan).toMatchObject({
      name: 'Coding plan',
      price: 20_000_000,
      period: { kind: 'month' },
      models: ['gpt-4.1-mini'],
      allowances: { five_hour: { unit: 'money', limit: 1_000_000 } },
      status: 'active',
    });
    planId = plan!.id;

    // Edit: a larger allowance and a 14-day period.
    await row.click();
    const edit = admin.getByRole('dialog', { name: 'Edit Coding plan' });
    expect(await edit.getByLabel('Limit').inputValue()).toBe('1');
    await edit.getByLabel('Limit').fill('2.50');
    await edit.getByRole('radio', { name: 'Days' }).click();
    await edit.getByLabel('Days per period').fill('14');
    await edit.getByRole('button', { name: 'Save changes' }).click();
    await admin.getByText('Plan saved').waitFor();
    await admin.waitForFunction(() =>
      [...document.querySelectorAll('tr')].some((tr) => tr.textContent?.includes('5-hour: $2.50')),
    );
    [plan] = await plans();
    expect(plan).toMatchObject({
      period: { kind: 'days', days: 14 },
      allowances: { five_hour: { unit: 'money', limit: 2_500_000 } },
    });
    await screenshot(admin, 'admin-plans');

    // Grant it to the user from the plan's menu.
    await admin.getByRole('button', { name: 'Actions for Coding plan' }).click();
    await admin.getByRole('menuitem', { name: 'Grant to a user' }).click();
    const grant = admin.getByRole('dialog', { name: 'Grant a plan' });
    expect(await grant.getByLabel('Plan').inputValue()).toBe(planId);
    await grant.getByRole('combobox', { name: 'User' }).fill(userEmail.slice(0, 14));
    await grant.getByRole('option', { name: new RegExp(userEmail.replace(/[.+]/g, '\\$&')) }).click();
    await grant.getByLabel('Note').fill('Welcome aboard');
    await grant.getByRole('button', { name: 'Grant plan' }).click();
    await admin.getByText(`Coding plan granted to ${userEmail}`).waitFor();
    await grant.waitFor({ state: 'hidden' });

    // The page shows the user's subscriptions: the 5-hour window waits for the first request.
    expect(new URL(admin.url()).searchParams.get('user')).toBe(user.userId);
    const card = admin.getByTestId('subscription');
    await card.waitFor();
    expect(await card.textContent()).toContain('Granted by an admin');
    await card.getByText('Opens at your next request').waitFor();
    let [subscription] = await subscriptionsOf(user.userId);
    expect(subscription).toMatchObject({ status: 'active', source: 'admin', planId });
    expect(subscription!.windows).toEqual([
      { name: 'five_hour', unit: 'money', limit: 2_500_000, used: 0, reserved: 0, resetsAt: null },
    ]);

    // The user's chat request is covered by the plan: the balance does not move.
    const balanceBefore = (await asUser(harness.gateway, user, 'GET', '/api/balance')).json.balance;
    harness.gateway.openai.enqueue({ usage: { inputTokens: 1_000, outputTokens: 500 } });
    const chat = await withKey(harness.gateway, userKey, 'POST', '/v1/chat/completions', {
      model: 'gpt-4.1-mini',
      messages: [{ role: 'user', content: 'Hello' }],
      max_tokens: 600,
    });
    expect(chat.status).toBe(200);
    const requestAt = Date.now();
    expect((await asUser(harness.gateway, user, 'GET', '/api/balance')).json.balance).toBe(balanceBefore);

    [subscription] = await subscriptionsOf(user.userId);
    const window = subscription!.windows[0]!;
    expect(window.used).toBeGreaterThan(0);
    expect(window.used).toBeLessThan(window.limit);
    expect(window.resetsAt).toBeGreaterThan(requestAt + FIVE_HOURS_MS - 60_000);
    expect(window.resetsAt).toBeLessThanOrEqual(requestAt + FIVE_HOURS_MS);

    // The admin sees the bar move (the list refreshes on reload), with the same numbers.
    await admin.reload();
    const bar = admin.getByRole('progressbar', { name: '5-hour window' });
    await admin.waitForFunction(
      (used) => document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow') === String(used),
      window.used,
    );
    expect(await bar.getAttribute('aria-valuemax')).toBe('2500000');
    expect(await bar.getAttribute('aria-valuetext')).toMatch(/^\$0\.\d+ of \$2\.50 credit$/);
    const dollars = Number((await bar.getAttribute('aria-valuetext'))!.match(/^\$([\d.]+)/)![1]);
    expect(Math.round(dollars * 1_000_000)).toBe(window.used);
    const percent = Math.max(1, Math.floor((window.used / window.limit) * 100));
    const fiveHour = card.locator('[data-testid="window-bar"][data-window="five_hour"]');
    expect(await fiveHour.getAttribute('data-used')).toBe(String(window.used));
    expect(await fiveHour.getAttribute('data-resets-at')).toBe(String(window.resetsAt));
    expect(await fiveHour.getByTestId('window-percent').textContent()).toBe(`${percent}%`);
    expect(await fiveHour.getByTestId('window-usage').textContent()).toBe(await bar.getAttribute('aria-valuetext'));
    const reset = fiveHour.getByTestId('window-reset');
    expect(await reset.textContent()).toMatch(/^Resets in (5 hr|4 hr, 5\d min)$/);
    expect(await reset.getAttribute('title')).toMatch(/^Resets /);

    // History: the grant with its note.
    await card.getByRole('button', { name: 'History' }).click();
    const history = card.getByTestId('subscription-history');
    expect(await history.textContent()).toContain('Started');
    expect(await history.textContent()).toContain('Welcome aboard');
    await screenshot(admin, 'admin-plans-subscription');

    // Phone width: the bar and its numbers still show.
    const phone = await harness.newPage({ viewport: PHONE_VIEWPORT, colorScheme: 'dark' });
    await harness.loginAsAdmin(phone);
    await phone.goto(`/admin/plans?tab=subscriptions&user=${user.userId}`);
    await phone.getByRole('progressbar', { name: '5-hour window' }).waitFor();
    await screenshot(phone, 'admin-plans-subscription-phone-dark');
    await phone.context().close();

    // Cancel, with a confirmation.
    await card.getByRole('button', { name: `Actions for the subscription ${subscription!.id}` }).click();
    await admin.getByRole('menuitem', { name: 'Cancel subscription' }).click();
    const confirm = admin.getByRole('dialog', { name: 'Cancel this subscription?' });
    await confirm.getByRole('button', { name: 'Cancel subscription' }).click();
    await admin.getByText('Subscription cancelled').waitFor();
    await card.getByText('Cancelled', { exact: true }).first().waitFor();
    [subscription] = await subscriptionsOf(user.userId);
    expect(subscription!.status).toBe('cancelled');
    expect(subscription!.history.map((event) => event.kind)).toEqual(['cancelled', 'granted']);
  });

  it('creates a redemption batch that grants the plan; redeeming it starts a subscription', async () => {
    await admin.goto('/admin/redemptions');
    await heading(admin, 'Redemption codes').waitFor();
    await admin.getByRole('button', { name: 'New batch' }).first().click();
    const dialog = admin.getByRole('dialog', { name: 'New batch of codes' });
    await dialog.getByLabel('Batch name').fill('Plan promo');
    await dialog.getByRole('radio', { name: 'A plan' }).click();
    expect(await dialog.getByLabel('Value per code (USD)').count()).toBe(0);
    await dialog.getByLabel('Number of codes').fill('1');
    await dialog.getByRole('button', { name: 'Create codes' }).click();
    await dialog.getByText('Choose the plan the codes grant.').waitFor();
    await dialog.getByLabel('Plan', { exact: true }).selectOption(planId);
    await dialog.getByText('1 code granting one period of “Coding plan”.').waitFor();
    await dialog.getByRole('button', { name: 'Create codes' }).click();
    const created = admin.getByRole('dialog', { name: '1 code created' });
    await created.waitFor();
    expect(await created.textContent()).toContain('Plan: Coding plan');
    const code = (await created.getByTestId('created-codes').locator('li').first().textContent())!.trim();
    await created.getByRole('button', { name: 'Done' }).click();
    await admin
      .getByRole('row', { name: /Plan promo/ })
      .getByText('Plan: Coding plan')
      .waitFor();

    const redeemed = await asUser(harness.gateway, user, 'POST', '/api/redeem', { code });
    expect(redeemed.status).toBe(200);
    expect(redeemed.json.subscriptionId).toBeTruthy();
    const subscriptions = await subscriptionsOf(user.userId);
    expect(subscriptions.find((s) => s.id === redeemed.json.subscriptionId)).toMatchObject({
      status: 'active',
      source: 'redemption',
      planId,
    });
    const batches = (await asAdmin(harness.gateway, 'GET', '/api/admin/redemptions')).json.batches;
    expect(batches.find((batch: { name: string }) => batch.name === 'Plan promo')).toMatchObject({
      planId,
      amount: 0,
      redeemed: 1,
    });
  });

  it('refuses an invalid allowance with a translated message, in English and Chinese', async () => {
    await admin.goto('/admin/plans');
    await admin.getByRole('button', { name: 'New plan' }).click();
    const form = admin.getByRole('dialog', { name: 'New plan' });
    await form.getByLabel('Name').fill('Broken plan');
    await form.getByLabel('Price (USD)').fill('5');
    const models = form.getByLabel('Covered models');
    await models.fill('*');
    await models.press('Enter');
    await models.press('Tab');
    await form.getByRole('button', { name: 'Add allowance' }).click();
    await form.getByLabel('Limit').fill('0');
    await form.getByRole('button', { name: 'Create plan' }).click();
    await form.getByText('Enter an amount above $0, e.g. 5.00.').waitFor();
    await form.getByLabel('Unit').selectOption('tokens');
    await form.getByLabel('Limit').fill('12.5');
    await form.getByRole('button', { name: 'Create plan' }).click();
    await form.getByText('Enter a whole number of tokens above 0.').waitFor();
    // Two rows for one window.
    await form.getByLabel('Limit').fill('1000');
    await form.getByRole('button', { name: 'Add allowance' }).click();
    await form.getByLabel('Window').nth(1).selectOption('five_hour');
    await form.getByLabel('Limit').nth(1).fill('2000');
    await form.getByRole('button', { name: 'Create plan' }).click();
    await form.getByText('This window already has an allowance.').waitFor();
    await admin.keyboard.press('Escape');

    const zh = await harness.newPage({ locale: 'zh-CN' });
    await harness.loginAsAdmin(zh);
    await zh.goto('/admin/plans');
    await heading(zh, '套餐管理').waitFor();
    await zh.getByRole('button', { name: '新建套餐' }).click();
    const zhForm = zh.getByRole('dialog', { name: '新建套餐' });
    await zhForm.getByLabel('名称').fill('坏套餐');
    await zhForm.getByLabel('价格（美元）').fill('5');
    await zhForm.getByLabel('包含的模型').fill('*');
    await zhForm.getByLabel('包含的模型').press('Enter');
    await zhForm.getByLabel('包含的模型').press('Tab');
    await zhForm.getByRole('button', { name: '添加额度' }).click();
    await zhForm.getByLabel('上限').fill('abc');
    await zhForm.getByRole('button', { name: '创建套餐' }).click();
    await zhForm.getByText('请输入大于 $0 的金额，例如 5.00。').waitFor();
    await screenshot(zh, 'admin-plans-form-invalid-zh');
    await zh.context().close();

    // Nothing reached the server.
    expect((await plans()).map((plan) => plan.name)).toEqual(['Coding plan']);
    expect(harness.pageErrors).toEqual([]);
  });
});
