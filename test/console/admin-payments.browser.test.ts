/**
 * The operator's payment pages against a real server and the EPay emulator: EPay configured and
 * top-up rules set through the console's forms, an order paid through the emulator (the user's
 * side by API) seen credited with its notification, an unpaid one checked with the provider and
 * marked with a reason; the server's state is asserted after each step, and no response the
 * browser receives ever carries the merchant key typed into the form.
 */
import type { Page, Response } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { asAdmin, asUser, register, type Session } from '../e2e/platform-client.js';
import { type EpayEmulator, startEpayEmulator } from '../emulators/epay-emulator.js';
import {
  ADMIN_EMAIL,
  type ConsoleHarness,
  describeBrowser,
  heading,
  PHONE_VIEWPORT,
  screenshot,
  screenshotOnFailure,
  startConsole,
  uniqueEmail,
} from './console-harness.js';

const DOLLAR = 1_000_000;
const MERCHANT_KEY = 'epay-merchant-key-7c1f9e42';
/** Stripe's key and API address come from the environment: shown as such, read-only until overridden. */
const STRIPE_ENV_KEY = 'sk_test_from_env_5b8e1d';
const STRIPE_ENV_BASE = 'http://127.0.0.1:9/stripe-from-env';

interface Order {
  id: string;
  status: string;
  checkout: { url: string };
}

describeBrowser('console: admin payments (EPay emulator)', () => {
  let harness: ConsoleHarness;
  let epay: EpayEmulator;
  let admin: Page;
  let buyer: Session;
  const buyerEmail = uniqueEmail('buyer');
  let paid: Order;
  let unpaid: Order;
  /** Every API body the admin's browser received. */
  const bodies: { url: string; body: string }[] = [];
  screenshotOnFailure(() => harness);

  beforeAll(async () => {
    epay = await startEpayEmulator({ key: MERCHANT_KEY, retryDelayMs: 20 });
    harness = await startConsole({ STRIPE_SECRET_KEY: STRIPE_ENV_KEY, STRIPE_BASE_URL: STRIPE_ENV_BASE });
    admin = await harness.newPage();
    admin.on('response', (response: Response) => {
      if (!response.url().includes('/api/')) return;
      response
        .text()
        .then((body) => bodies.push({ url: response.url(), body }))
        .catch(() => {});
    });
    await harness.loginAsAdmin(admin);
    buyer = await register(harness.gateway, buyerEmail);
  }, 60_000);

  afterAll(async () => {
    await harness?.close();
    await epay?.close();
  });

  const newOrder = async (amount: number): Promise<Order> => {
    const reply = await asUser(harness.gateway, buyer, 'POST', '/api/payments/orders', { method: 'epay', amount });
    expect(reply.status, JSON.stringify(reply.json)).toBe(201);
    return reply.json;
  };
  /** The buyer's browser opening EPay's cashier; returns the "pay" link. */
  const openTrade = async (order: Order): Promise<string> => {
    const html = await (await fetch(order.checkout.url)).text();
    const link = /href="([^"]+)"/.exec(html)?.[1];
    if (!link) throw new Error(`no pay link in ${html}`);
    return `${epay.url}${link}`;
  };
  const epayForm = () => admin.getByRole('form', { name: 'EPay' });

  it('configures EPay through the Providers form; the key is stored but never sent back', async () => {
    await admin.goto('/admin');
    await admin.getByRole('link', { name: 'Payments' }).click();
    await heading(admin, 'Payments').waitFor();
    await admin.getByRole('tab', { name: 'Providers' }).click();
    const form = epayForm();
    await form.getByText('Not configured').waitFor();
    // Where EPay must reach us, built from this console's address.
    await form.getByText(`${harness.origin}/api/payments/epay/notify`).waitFor();

    // Validation before anything is sent.
    await form.getByLabel('Server address').fill('ftp://nowhere');
    await form.getByRole('button', { name: 'Save EPay' }).click();
    await form.getByText('Enter an http:// or https:// address.').waitFor();

    await form.getByLabel('Server address').fill(epay.url);
    await form.getByLabel('Merchant ID (pid)').fill(epay.pid);
    await form.getByLabel('Merchant key').fill(MERCHANT_KEY);
    await form.getByRole('switch', { name: 'Offer to users' }).click();
    await form.getByRole('button', { name: 'Save EPay' }).click();
    await admin.getByText('EPay saved.').waitFor();
    await form.getByText('Ready to take payments').waitFor();
    // The key shows only as set, with Replace; the input holding it is gone.
    await form.locator('[data-secret-state="set"]').waitFor();
    await form.getByRole('button', { name: 'Replace' }).waitFor();
    expect(await form.getByLabel('Merchant key').count()).toBe(0);
    await screenshot(admin, 'admin-payments-providers');

    const providers = await asAdmin(harness.gateway, 'GET', '/api/admin/payments/providers');
    const view = providers.json.data.find((provider: { method: string }) => provider.method === 'epay');
    expect(view).toMatchObject({ configured: true, problem: null });
    expect(view.fields).toContainEqual({
      name: 'key',
      secret: true,
      envName: 'EPAY_KEY',
      source: 'console',
      value: null,
    });
    expect(view.fields).toContainEqual(
      expect.objectContaining({ name: 'baseUrl', source: 'console', value: epay.url }),
    );
    const settings = await asAdmin(harness.gateway, 'GET', '/api/admin/settings');
    expect(settings.json.topUp.enabledMethods).toEqual(['epay']);

    // Stripe's values from the environment: read-only (until overridden), the key only as set, no Clear.
    const stripe = admin.getByRole('form', { name: 'Stripe' });
    await stripe.getByText('From STRIPE_SECRET_KEY').waitFor();
    await stripe.getByText('From STRIPE_BASE_URL').waitFor();
    expect(await stripe.getByLabel('API address').inputValue()).toBe(STRIPE_ENV_BASE);
    expect(await stripe.getByLabel('API address').isDisabled()).toBe(true);
    await stripe.getByRole('button', { name: 'Override' }).click();
    expect(await stripe.getByLabel('API address').isDisabled()).toBe(false);
    await stripe.getByRole('button', { name: 'Use environment' }).click();
    expect(await stripe.getByRole('button', { name: 'Clear' }).count()).toBe(0);
    await stripe.getByText('Not set: webhookSecret.').waitFor();

    // After a reload, the form still knows only that the key is set.
    await admin.reload();
    await epayForm().locator('[data-secret-state="set"]').waitFor();
    expect(bodies.some((entry) => entry.url.includes('/api/admin/payments/providers'))).toBe(true);
  });

  it('sets the top-up rules: presets and a bonus tier, refusing min above max first', async () => {
    await admin.getByRole('tab', { name: 'Top-up rules' }).click();
    const form = admin.getByRole('form', { name: 'Top-up rules' });
    await form.getByLabel('Preset amounts (USD)').fill('5, 20, 100');
    await form.getByLabel('Smallest top-up').fill('20000');
    await form.getByRole('button', { name: 'Add a bonus tier' }).click();
    const tier = form.getByRole('listitem', { name: 'Bonus tier 1' });
    await tier.getByLabel('Pay at least').fill('100');
    await tier.getByLabel('Get extra').fill('10');
    await form.getByRole('button', { name: 'Save rules' }).click();
    await form.getByText('The smallest top-up is above the largest.').waitFor();
    expect((await asAdmin(harness.gateway, 'GET', '/api/admin/settings')).json.topUp.minAmount).toBe(DOLLAR);

    await form.getByLabel('Smallest top-up').fill('2');
    await form.getByRole('button', { name: 'Save rules' }).click();
    await admin.getByText('Top-up rules saved.').waitFor();
    await screenshot(admin, 'admin-payments-topup');
    const rules = (await asAdmin(harness.gateway, 'GET', '/api/admin/settings')).json.topUp;
    expect(rules).toMatchObject({
      enabledMethods: ['epay'],
      presets: [5 * DOLLAR, 20 * DOLLAR, 100 * DOLLAR],
      minAmount: 2 * DOLLAR,
      bonusTiers: [{ atLeast: 100 * DOLLAR, bonus: 10 * DOLLAR }],
      cnyFenPerUsd: 720,
    });
    // What users are offered follows.
    const options = await asUser(harness.gateway, buyer, 'GET', '/api/payments/options');
    expect(options.json).toMatchObject({ methods: [{ method: 'epay', currency: 'CNY' }], presets: rules.presets });
  });

  it('shows an order paid through the emulator as credited, with its notification', async () => {
    paid = await newOrder(100 * DOLLAR);
    const pay = await fetch(await openTrade(paid), { redirect: 'manual' });
    expect(pay.status).toBe(302);
    expect(epay.notifications.at(-1)?.answer).toBe('success');

    await admin.getByRole('tab', { name: 'Orders' }).click();
    const row = admin.getByRole('row', { name: new RegExp(paid.id) });
    await row.getByText('Credited').waitFor();
    expect(await row.textContent()).toContain('¥720.00');
    expect(await row.textContent()).toContain('$110.00');
    await screenshot(admin, 'admin-payments-orders');

    await row.click();
    const drawer = admin.getByRole('dialog', { name: 'Order' });
    await drawer.getByRole('region', { name: 'Notifications received' }).getByText('Accepted: credited').waitFor();
    await drawer.getByRole('region', { name: 'Ledger entries' }).getByText('+$110.00').waitFor();
    await screenshot(admin, 'admin-payments-order-credited');
    // Nothing to mark on a credited order.
    expect(await drawer.getByRole('button', { name: 'Mark as…' }).count()).toBe(0);
    await drawer.getByRole('button', { name: 'Close' }).click();

    await admin.getByRole('tab', { name: 'Notifications' }).click();
    const event = admin.getByRole('row', { name: new RegExp(paid.id) });
    await event.getByText('Accepted: credited').waitFor();
    expect(await event.textContent()).toContain('EPay');
    await screenshot(admin, 'admin-payments-events');
    // Filter by verdict: a refused-only view does not list it.
    await admin.getByLabel('Filter by verdict').selectOption('refused');
    await admin.getByText('No notifications match.').waitFor();

    // A forged notification (signed with another key) is refused, and listed with its cause.
    const forged = new URLSearchParams(epay.notificationFields(paid.id, { key: 'not-the-merchant-key' }));
    const reply = await fetch(`${harness.origin}/api/payments/epay/notify?${forged}`);
    expect(await reply.text()).toBe('fail');
    await admin.getByLabel('Filter by verdict').selectOption('verify_failed');
    const refused = admin.getByRole('row', { name: /Bad signature/ });
    await refused.getByText('Refused: not authentic').waitFor();
    expect(await refused.textContent()).toContain('Bad signature.');
    await admin.getByLabel('Filter by verdict').selectOption('');
    await admin.getByRole('row', { name: new RegExp(paid.id) }).waitFor();
  });

  it('checks an unpaid order with the provider and marks it failed with a reason', async () => {
    unpaid = await newOrder(5 * DOLLAR);
    await openTrade(unpaid);

    await admin.getByRole('tab', { name: 'Orders' }).click();
    // By user: nobody, then the buyer (both orders).
    await admin.getByLabel('Filter by user').fill('nobody@example.com');
    await admin.getByText('No such user').waitFor();
    expect(new URL(admin.url()).searchParams.get('user')).toBe('nobody@example.com');
    await admin.getByLabel('Filter by user').fill(buyerEmail);
    await admin.getByRole('row', { name: new RegExp(unpaid.id) }).waitFor();
    await admin.getByRole('row', { name: new RegExp(paid.id) }).waitFor();
    await admin.getByLabel('Filter by status').selectOption('created');
    const row = admin.getByRole('row', { name: new RegExp(unpaid.id) });
    await row.getByText('Awaiting payment').waitFor();
    await admin.getByRole('row', { name: new RegExp(paid.id) }).waitFor({ state: 'detached' });
    await row.click();

    const drawer = admin.getByRole('dialog', { name: 'Order' });
    await drawer.getByRole('button', { name: 'Check with provider' }).click();
    const answer = drawer.getByRole('region', { name: "The provider's answer" });
    await answer.getByText('Not paid').waitFor();
    expect(await answer.textContent()).toContain('¥36.00');

    await drawer.getByRole('button', { name: 'Mark as…' }).click();
    const dialog = admin.getByRole('dialog', { name: 'Mark this order' });
    await dialog.getByLabel('Mark as').selectOption('failed');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await dialog.getByText('Say why: the reason is kept with the order.').waitFor();
    await dialog.getByLabel('Reason').fill('Buyer abandoned; EPay shows it unpaid');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    const confirm = admin.getByRole('dialog', { name: 'Mark the order?' });
    await confirm.getByText('Buyer abandoned; EPay shows it unpaid').waitFor();
    await confirm.getByRole('button', { name: 'Failed' }).click();
    await admin.getByText('Order marked: Failed.').waitFor();

    const marks = drawer.getByRole('region', { name: 'Operator actions' });
    await marks.getByText('failed: Buyer abandoned; EPay shows it unpaid').waitFor();
    await marks.getByText(ADMIN_EMAIL).waitFor();
    await screenshot(admin, 'admin-payments-order-marked');

    const detail = await asAdmin(harness.gateway, 'GET', `/api/admin/payments/orders/${unpaid.id}`);
    expect(detail.json.order).toMatchObject({ status: 'failed', markedBy: 'usr_admin' });
    expect(detail.json.events).toContainEqual(
      expect.objectContaining({
        kind: 'admin',
        outcome: 'marked',
        actor: 'usr_admin',
        reason: 'failed: Buyer abandoned; EPay shows it unpaid',
      }),
    );
  });

  it('works at phone width in Chinese, and never sent the merchant key to the browser', async () => {
    const phone = await harness.newPage({ viewport: PHONE_VIEWPORT, colorScheme: 'dark', locale: 'zh-CN' });
    await harness.loginAsAdmin(phone);
    await phone.goto(`/admin/payments?order=${encodeURIComponent(unpaid.id)}`);
    await heading(phone, '支付').waitFor();
    await phone
      .getByRole('row', { name: new RegExp(unpaid.id) })
      .getByText('失败')
      .waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);
    expect(overflow).toBe(false);
    await screenshot(phone, 'admin-payments-phone-dark');
    await phone.context().close();

    expect(bodies.length).toBeGreaterThan(10);
    const leaks = bodies
      .filter((entry) => entry.body.includes(MERCHANT_KEY) || entry.body.includes(STRIPE_ENV_KEY))
      .map((entry) => entry.url);
    expect(leaks).toEqual([]);
    expect(harness.pageErrors).toEqual([]);
  });
});
