import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type EpayEmulator, startEpayEmulator } from '../emulators/epay-emulator.js';
import { type StripeEmulator, startStripeEmulator } from '../emulators/stripe-emulator.js';
import {
  type ConsoleHarness,
  describeBrowser,
  heading,
  PHONE_VIEWPORT,
  screenshot,
  screenshotOnFailure,
  startConsole,
} from './console-harness.js';

/**
 * Paying for credit and plans from the console (issue 14), against the real gateway and the EPay
 * emulator: a user picks a preset, sees the server's quote (bonus included), is sent to the
 * emulator's cashier, pays, comes back to /billing?order=… and sees the order credited; the
 * balance rises by exactly the quoted credit, once. A plan bought the same way shows on /plans
 * with its window bars. The top-up section also renders in Chinese at phone width.
 */

const DOLLAR = 1_000_000;
const PLAN_NAME = 'Coding plan';

interface Order {
  id: string;
  providerRef: string | null;
  reversedAmount: number;
  status: string;
  purpose: string;
  creditAmount: number;
  payAmount: number;
  currency: string;
}

describeBrowser('console: top-up and plans through EPay', () => {
  let h: ConsoleHarness;
  let epay: EpayEmulator;
  let stripe: StripeEmulator;
  let planId = '';
  screenshotOnFailure(() => h);

  /** The signed-in user's own API, with the page's cookies (GETs need no CSRF token). */
  const userApi = async <T>(page: Page, path: string): Promise<T> => {
    const response = await page.request.get(path);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as T;
  };
  const balanceOf = async (page: Page) => (await userApi<{ balance: number }>(page, '/api/balance')).balance;

  beforeAll(async () => {
    epay = await startEpayEmulator({ retryDelayMs: 20 });
    stripe = await startStripeEmulator();
    h = await startConsole({
      EPAY_BASE_URL: epay.url,
      EPAY_PID: epay.pid,
      EPAY_KEY: epay.key,
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      STRIPE_BASE_URL: stripe.url,
    });
    stripe.setWebhookUrl(`${h.origin}/api/payments/stripe/notify`);
    await h.adminApi('PATCH', '/api/admin/settings', {
      topUp: {
        enabledMethods: ['epay', 'stripe'],
        presets: [5 * DOLLAR, 20 * DOLLAR, 100 * DOLLAR],
        minAmount: DOLLAR,
        maxAmount: 500 * DOLLAR,
        bonusTiers: [{ atLeast: 100 * DOLLAR, bonus: 10 * DOLLAR }],
        cnyFenPerUsd: 720,
      },
    });
    const plan = await h.adminApi<{ id: string }>('POST', '/api/admin/plans', {
      name: PLAN_NAME,
      description: 'For coding agents',
      price: 20 * DOLLAR,
      period: { kind: 'month' },
      models: ['gpt-*'],
      allowances: { five_hour: { unit: 'tokens', limit: 10_000 }, day: { unit: 'money', limit: 5 * DOLLAR } },
      requestsPerMinute: 30,
      overflowToBalance: true,
    });
    planId = plan.id;
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    await epay?.close();
    await stripe?.close();
  });

  it('tops up $100 through EPay: the quoted $110 is credited exactly once', async () => {
    const page = await h.newPage();
    await h.registerUser(page);
    const before = await balanceOf(page);
    await page.goto('/billing');
    await heading(page, 'Billing').waitFor();
    const card = page.getByTestId('topup-card');
    await card.getByRole('heading', { name: 'Add credit' }).waitFor();
    await card.getByText('Pay $100.00, get $110.00').waitFor();

    // A custom amount below the minimum is refused before any order.
    await card.getByRole('radio', { name: 'Other' }).click();
    await card.getByLabel('Amount in US dollars').fill('0.5');
    await card.getByText('The smallest top-up is $1.00.').waitFor();
    expect(await card.getByRole('button', { name: 'Choose an amount' }).isDisabled()).toBe(true);

    // The preset: the server's quote shows the bonus and the yuan price.
    await card.getByRole('radio', { name: '$100.00' }).click();
    await card.getByRole('radio', { name: 'EPay' }).click();
    await expect.poll(() => card.getByTestId('topup-credit').textContent()).toBe('$110.00');
    expect(await card.getByTestId('topup-bonus').textContent()).toBe('Includes $10.00 bonus');
    expect(await card.getByTestId('topup-price').textContent()).toBe('¥720.00');
    await screenshot(page, 'billing-topup-quote');

    // Pay: off to the emulator's cashier, pay, and back to the billing page.
    await card.getByRole('button', { name: 'Pay ¥720.00' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${epay.url}/submit.php`));
    await page.getByText('¥720.00').waitFor();
    await page.locator('#pay').click();
    await page.waitForURL(/\/billing\?order=/);
    const orderId = new URL(page.url()).searchParams.get('order') ?? '';
    expect(orderId).not.toBe('');

    const banner = page.getByTestId('order-banner');
    await banner.and(page.locator('[data-status="credited"]')).waitFor();
    await banner.getByText('Payment received: $110.00 credited.').waitFor();

    // The server agrees: credited once, the balance up by exactly the quoted credit.
    const order = await userApi<Order>(page, `/api/payments/orders/${orderId}`);
    expect(order).toMatchObject({ status: 'credited', creditAmount: 110 * DOLLAR, payAmount: 72_000, currency: 'CNY' });
    expect(await balanceOf(page)).toBe(before + 110 * DOLLAR);
    const mine = await userApi<{ data: Order[] }>(page, '/api/payments/orders');
    expect(mine.data.filter((entry) => entry.id === orderId)).toHaveLength(1);

    // What the person sees: the new balance, the order once in the history, the ledger's top-up.
    await expect
      .poll(() => page.getByTestId('billing-balance').textContent())
      .toBe(`$${((before + 110 * DOLLAR) / DOLLAR).toFixed(2)}`);
    const history = page.getByTestId('orders-card');
    await expect.poll(() => history.getByText(orderId, { exact: true }).count()).toBe(1);
    const row = history.getByRole('row').filter({ hasText: orderId });
    await row.getByText('Credited', { exact: true }).waitFor();
    await row.getByText('¥720.00').waitFor();
    await row.getByText('$110.00').waitFor();
    await screenshot(page, 'billing-topup-credited');
    expect(h.pageErrors).toEqual([]);
  });

  it('buys a plan through EPay and shows it on /plans with its window bars', async () => {
    const page = await h.newPage();
    await h.registerUser(page);
    const before = await balanceOf(page);
    await page.getByRole('link', { name: 'Plans', exact: true }).click();
    await heading(page, 'Plans').waitFor();
    await page.getByText('No subscriptions yet').waitFor();
    const offer = page.getByTestId('plan-offer').filter({ hasText: PLAN_NAME });
    await offer.getByText('$20.00').waitFor();
    await offer.getByText('30 requests / minute').waitFor();
    await offer.getByText('10K tokens').waitFor();
    await offer.getByText('$5.00 credit').waitFor();
    await offer.getByRole('button', { name: 'Buy' }).click();

    const dialog = page.getByRole('dialog', { name: `Buy ${PLAN_NAME}` });
    await dialog.getByRole('radio', { name: 'EPay' }).click();
    await dialog.getByText('Charged in Chinese yuan at ¥7.20 per US dollar.').waitFor();
    await dialog.getByRole('button', { name: 'Continue to payment' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${epay.url}/submit.php`));
    await page.locator('#pay').click();
    await page.waitForURL(/\/billing\?order=/);
    const orderId = new URL(page.url()).searchParams.get('order') ?? '';
    const banner = page.getByTestId('order-banner');
    await banner.and(page.locator('[data-status="credited"]')).waitFor();
    await banner.getByText('Payment received: your plan is active.').waitFor();

    const subscriptions = await userApi<{
      subscriptions: Array<{ planId: string; status: string; sourceRef: string | null }>;
    }>(page, '/api/subscriptions');
    expect(subscriptions.subscriptions).toEqual([
      expect.objectContaining({ planId, status: 'active', sourceRef: orderId }),
    ]);
    // The price was paid and spent on the plan: the balance is where it was.
    expect(await balanceOf(page)).toBe(before);

    await banner.getByRole('link', { name: 'See it on the Plans page' }).click();
    await heading(page, 'Plans').waitFor();
    const subscription = page.getByTestId('subscription').filter({ hasText: PLAN_NAME });
    await subscription.getByText('Active', { exact: true }).waitFor();
    await subscription.getByText('Paid online').waitFor();
    // The bars show the API's numbers: the 5-hour window waits for the first request, the daily
    // one closes at the next local midnight.
    const { subscriptions: mine } = await userApi<{
      subscriptions: Array<{ windows: Array<{ name: string; used: number; resetsAt: number | null }> }>;
    }>(page, '/api/subscriptions');
    const windowOf = (name: string) => mine[0]?.windows.find((window) => window.name === name);
    expect(windowOf('five_hour')).toMatchObject({ used: 0, resetsAt: null });
    const dayResetsAt = windowOf('day')?.resetsAt ?? 0;
    expect(dayResetsAt).toBeGreaterThan(Date.now());
    expect(dayResetsAt).toBeLessThanOrEqual(Date.now() + 25 * 3_600_000);
    const fiveHour = subscription.locator('[data-testid="window-bar"][data-window="five_hour"]');
    await fiveHour.getByText('0 of 10K tokens').waitFor();
    await fiveHour.getByText('Opens at your next request').waitFor();
    expect(await fiveHour.getAttribute('data-used')).toBe('0');
    expect(await fiveHour.getAttribute('data-resets-at')).toBe('');
    expect(await fiveHour.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0');
    const day = subscription.locator('[data-testid="window-bar"][data-window="day"]');
    await day.getByText('$0.00 of $5.00 credit').waitFor();
    expect(await day.getAttribute('data-used')).toBe('0');
    expect(await day.getAttribute('data-resets-at')).toBe(String(dayResetsAt));
    const reset = day.getByTestId('window-reset');
    const resetText = (await reset.textContent()) ?? '';
    const shown = /^Resets in (?:(\d+) hr)?(?:, )?(?:(\d+) min)?$/.exec(resetText);
    expect(shown, resetText).not.toBeNull();
    const shownMinutes = Number(shown?.[1] ?? 0) * 60 + Number(shown?.[2] ?? 0);
    expect(Math.abs(shownMinutes - Math.ceil((dayResetsAt - Date.now()) / 60_000))).toBeLessThanOrEqual(1);
    expect(await reset.getAttribute('title')).toMatch(/^Resets [A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2} [AP]M$/);
    await subscription.getByText('History (1)').click();
    await subscription.getByTestId('subscription-history').getByText('Started').waitFor();
    await screenshot(page, 'plans-subscribed');
    expect(h.pageErrors).toEqual([]);
  });

  it('a redemption code that grants a plan shows on /plans at once', async () => {
    const { codes } = await h.adminApi<{ codes: string[] }>('POST', '/api/admin/redemptions', {
      name: 'plan codes',
      planId,
      count: 1,
    });
    const page = await h.newPage();
    await h.registerUser(page);
    // /plans read first (nothing yet), then the code redeemed on /billing: the cached list must not linger.
    await page.getByRole('link', { name: 'Plans', exact: true }).click();
    await page.getByText('No subscriptions yet').waitFor();
    await page.getByRole('link', { name: 'Redeem a code on the billing page' }).click();
    await page.getByLabel('Redemption code').fill(codes[0] ?? '');
    await page.getByRole('button', { name: 'Redeem', exact: true }).click();
    await page.getByText('Your plan is active.').waitFor();
    await page.getByRole('link', { name: 'Plans', exact: true }).click();
    const subscription = page.getByTestId('subscription').filter({ hasText: PLAN_NAME });
    await subscription.getByText('From a redemption code').waitFor();
    await subscription
      .locator('[data-testid="window-bar"][data-window="five_hour"]')
      .getByText('0 of 10K tokens')
      .waitFor();
    const mine = await userApi<{ subscriptions: Array<{ source: string }> }>(page, '/api/subscriptions');
    expect(mine.subscriptions).toEqual([expect.objectContaining({ source: 'redemption' })]);
    expect(h.pageErrors).toEqual([]);
  });

  it('pays a custom amount by QR code (EPay api mode): the dialog follows the order until credited', async () => {
    await h.adminApi('PUT', '/api/admin/payments/providers/epay', { fields: { checkoutMode: 'api' } });
    // EPay's mapi.php answers a QR code (or a page link: one of them) for a scanning payer.
    epay.setMapiAnswer('qrcode');
    try {
      const page = await h.newPage();
      await h.registerUser(page);
      const before = await balanceOf(page);
      await page.goto('/billing');
      const card = page.getByTestId('topup-card');
      await card.getByRole('radio', { name: 'Other' }).click();
      await card.getByLabel('Amount in US dollars').fill('12.50');
      await expect.poll(() => card.getByTestId('topup-credit').textContent()).toBe('$12.50');
      expect(await card.getByTestId('topup-bonus').count()).toBe(0);
      await card.getByRole('button', { name: 'Pay ¥90.00' }).click();

      const dialog = page.getByRole('dialog', { name: 'Scan to pay' });
      await dialog.getByText('¥90.00').waitFor();
      await dialog.getByText('Awaiting payment').waitFor();
      const payload = (await dialog.getByTestId('qr-payload').textContent()) ?? '';
      expect(payload.startsWith(`${epay.url}/pay?trade=`)).toBe(true);
      // The code is drawn to scan (dark on white at a readable size), beside its text.
      const qr = dialog.getByRole('img', { name: 'QR code to scan with the payment app' });
      expect((await qr.boundingBox())?.width).toBeGreaterThanOrEqual(150);
      expect(await qr.locator('path').getAttribute('d')).toMatch(/^M\d+ \d+h\d+/);
      // The code is a web link: the dialog offers to open it on this device too.
      expect(await dialog.getByRole('link', { name: 'Open payment page' }).getAttribute('href')).toBe(payload);

      // The phone scans the code and pays: the dialog sees the order credited by polling.
      const paid = await fetch(payload, { redirect: 'manual' });
      expect(paid.status).toBe(302);
      await dialog.getByText('Credited', { exact: true }).waitFor({ timeout: 15_000 });
      await dialog.getByText('Paid: $12.50 added.').waitFor();
      await expect
        .poll(() => page.getByTestId('billing-balance').textContent())
        .toBe(`$${((before + 12.5 * DOLLAR) / DOLLAR).toFixed(2)}`);
      expect(await balanceOf(page)).toBe(before + 12.5 * DOLLAR);
      await dialog.getByRole('button', { name: 'Done' }).click();
      const mine = await userApi<{ data: Order[] }>(page, '/api/payments/orders');
      expect(mine.data).toEqual([expect.objectContaining({ status: 'credited', creditAmount: 12.5 * DOLLAR })]);
      expect(h.pageErrors).toEqual([]);
    } finally {
      epay.setMapiAnswer('payurl');
      await h.adminApi('PUT', '/api/admin/payments/providers/epay', { fields: { checkoutMode: null } });
    }
  });

  it('pays by card on Stripe; a refund shows as a reversal and the balance can go negative', async () => {
    const page = await h.newPage();
    await h.registerUser(page);
    const before = await balanceOf(page);
    await page.goto('/billing');
    const card = page.getByTestId('topup-card');
    await card.getByRole('radio', { name: '$20.00' }).click();
    await card.getByRole('radio', { name: 'Card (Stripe)' }).click();
    await expect.poll(() => card.getByTestId('topup-price').textContent()).toBe('$20.00');
    await card.getByRole('button', { name: 'Pay $20.00' }).click();
    await page.waitForURL((url) => url.href.startsWith(`${stripe.url}/pay/`));
    await page.locator('#pay').click();
    await page.waitForURL(/\/billing\?order=/);
    const orderId = new URL(page.url()).searchParams.get('order') ?? '';
    await page.getByTestId('order-banner').getByText('Payment received: $20.00 credited.').waitFor();
    expect(await balanceOf(page)).toBe(before + 20 * DOLLAR);

    // Spent elsewhere (an operator's adjustment), then the whole payment refunded by Stripe.
    const me = await userApi<{ user: { id: string } }>(page, '/api/auth/me');
    await h.adminApi('POST', `/api/admin/users/${me.user.id}/adjust`, { amount: -15 * DOLLAR, reason: 'spent' });
    const order = await userApi<Order>(page, `/api/payments/orders/${orderId}`);
    await stripe.refund(order.providerRef ?? '', 2_000);
    expect(await userApi<Order>(page, `/api/payments/orders/${orderId}`)).toMatchObject({
      status: 'refunded',
      reversedAmount: 20 * DOLLAR,
    });
    const after = await balanceOf(page);
    expect(after).toBe(before + 20 * DOLLAR - 15 * DOLLAR - 20 * DOLLAR);
    expect(after).toBeLessThan(0);

    await page.reload();
    await page.getByTestId('order-banner').getByText('This payment was refunded and its credit taken back.').waitFor();
    const balance = page.getByTestId('billing-balance');
    await expect.poll(() => balance.textContent()).toBe(`-$${(-after / DOLLAR).toFixed(2)}`);
    const row = page.getByTestId('orders-card').getByRole('row').filter({ hasText: orderId });
    await row.getByText('Refunded', { exact: true }).waitFor();
    await row.getByText('-$20.00').waitFor();
    await row.getByText('$20.00 refunded').waitFor();
    await screenshot(page, 'billing-refunded');
    expect(h.pageErrors).toEqual([]);
  });

  it('renders the top-up section in Chinese at phone width', async () => {
    const page = await h.newPage({ viewport: PHONE_VIEWPORT, locale: 'zh-CN' });
    await h.registerUser(page);
    await page.goto('/billing');
    const card = page.getByTestId('topup-card');
    await card.getByRole('heading', { name: '充值' }).waitFor();
    await card.getByText('充 $100.00 得 $110.00').waitFor();
    await card.getByRole('radio', { name: '易支付' }).waitFor();
    // The first preset ($5) is quoted in yuan.
    await expect.poll(() => card.getByTestId('topup-price').textContent()).toBe('¥36.00');
    await card.getByRole('button', { name: '支付 ¥36.00' }).waitFor();
    await page.getByRole('heading', { name: '支付订单' }).waitFor();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await screenshot(page, 'billing-topup-zh-phone');

    // The plans page in Chinese at phone width, dark: nothing wider than the screen.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/plans');
    await heading(page, '套餐').waitFor();
    const offer = page.getByTestId('plan-offer').filter({ hasText: PLAN_NAME });
    await offer.getByText('每分钟 30 次请求').waitFor();
    await offer.getByRole('button', { name: '购买' }).click();
    await page
      .getByRole('dialog', { name: `购买 ${PLAN_NAME}` })
      .getByRole('radio', { name: '余额' })
      .waitFor();
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth),
    ).toBeLessThanOrEqual(0);
    await screenshot(page, 'plans-zh-phone-dark');
    expect(h.pageErrors).toEqual([]);
  });
});
