/**
 * The Stripe provider against the Stripe emulator (real HTTP), with a real OrderService on SQLite
 * and PostgreSQL: checkout, the hosted page, signed webhooks, and the forgery and replay cases.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser, ledgerSum } from '../../../test/billing/billing-fixtures.js';
import { describeEachDialect } from '../../../test/db-harness.js';
import { type StripeEmulator, startStripeEmulator } from '../../../test/emulators/stripe-emulator.js';
import {
  handleNotification,
  type NotifyEndpoint,
  startNotifyEndpoint,
} from '../../../test/payments/notify-endpoint.js';
import { newId } from '../../platform/ids.js';
import { OrderService, type PaymentOrder } from '../order-service.js';
import type { PaymentProvider } from '../payment-types.js';
import { stripeDefinition } from './stripe-provider.js';

const RETURN_URL = 'https://aihub.example/console/topup?done=1';

describeEachDialect('Stripe provider against the emulator', (store) => {
  let emulator: StripeEmulator;
  let endpoint: NotifyEndpoint;
  let provider: PaymentProvider;
  const orders = () => new OrderService(store(), { now: Date.now, newId });

  beforeAll(async () => {
    emulator = await startStripeEmulator();
    provider = stripeDefinition.create(
      stripeDefinition.configSchema.parse({
        secretKey: emulator.secretKey,
        webhookSecret: emulator.webhookSecret,
        baseUrl: `${emulator.url}/`,
      }),
      { now: Date.now, fetch },
    );
    endpoint = await startNotifyEndpoint(() => provider, orders, store, 'webhook');
    emulator.setWebhookUrl(endpoint.url);
  });
  afterAll(async () => {
    await endpoint?.close();
    await emulator?.close();
  });

  const openOrder = async (userId: string, payAmount = 1000): Promise<PaymentOrder> =>
    orders().create(
      {
        userId,
        method: 'stripe',
        purpose: 'topup',
        currency: 'USD',
        payAmount,
        creditAmount: payAmount * 10_000,
        bonusAmount: 0,
        subject: `AIHub credit $${(payAmount / 100).toFixed(2)}`,
      },
      provider,
      () => ({ notifyUrl: endpoint.url, returnUrl: RETURN_URL }),
    );

  const verifyAndApply = (notification: { rawBody: Buffer; headers: Record<string, string> }) =>
    handleNotification(provider, orders(), store(), { method: 'POST', query: {}, ...notification }, 'webhook');

  const sessionObject = (order: PaymentOrder, overrides: Record<string, unknown> = {}) => ({
    id: order.providerRef,
    object: 'checkout.session',
    payment_status: 'paid',
    status: 'complete',
    amount_total: order.payAmount,
    currency: 'usd',
    client_reference_id: order.id,
    metadata: { order_id: order.id },
    ...overrides,
  });

  it('opens a Checkout Session with the order’s amount, ids and expiry; paying on the hosted page credits once', async () => {
    const userId = await createUser(store());
    const order = await openOrder(userId);
    expect(order.providerRef).toMatch(/^cs_test_/);
    expect(order.checkout?.url).toBe(`${emulator.url}/pay/${order.providerRef}`);
    const sent = emulator.requests.findLast((r) => r.path === '/v1/checkout/sessions');
    expect(sent?.headers['idempotency-key']).toBe(order.id);
    const form = Object.fromEntries(new URLSearchParams(sent?.body));
    expect(form).toMatchObject({
      mode: 'payment',
      'line_items[0][price_data][currency]': 'usd',
      'line_items[0][price_data][unit_amount]': '1000',
      'line_items[0][price_data][product_data][name]': 'AIHub credit $10.00',
      client_reference_id: order.id,
      'metadata[order_id]': order.id,
      'payment_intent_data[metadata][order_id]': order.id,
      success_url: RETURN_URL,
    });
    expect(await provider.lookup(order)).toMatchObject({ state: 'unpaid', payAmount: 1000, currency: 'USD' });

    const page = await fetch(order.checkout?.url as string);
    expect(await page.text()).toContain('10.00 USD');
    const paid = await fetch(order.checkout?.url as string, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toBe(RETURN_URL);
    expect(emulator.deliveries.at(-1)).toMatchObject({ event: { type: 'checkout.session.completed' }, status: 200 });
    expect(await ledgerSum(store(), userId)).toBe(10_000_000);
    expect((await orders().get(order.id))?.status).toBe('credited');
    expect(await provider.lookup(order)).toMatchObject({ state: 'paid', payAmount: 1000 });
    // Paying again (Stripe redelivering, or the button pressed twice) changes nothing.
    await emulator.pay(order.providerRef as string);
    expect(await ledgerSum(store(), userId)).toBe(10_000_000);
  });

  it('a good signature on a changed amount: the provider passes it, the order service refuses it', async () => {
    const userId = await createUser(store());
    const order = await openOrder(userId);
    const forged = emulator.signedEvent('checkout.session.completed', sessionObject(order, { amount_total: 1 }));
    const verified = provider.verifyNotification({
      method: 'POST',
      query: {},
      rawBody: forged.rawBody,
      headers: { 'Stripe-Signature': forged.headers['stripe-signature'] },
    });
    expect(verified).toMatchObject({ ok: true, notice: { type: 'paid', payAmount: 1 } });
    expect(await verifyAndApply(forged)).toMatchObject({ outcome: 'refused' });
    expect(await ledgerSum(store(), userId)).toBe(0);
  });

  it('a bad signature (another account’s secret) and a stale timestamp are refused before anything is applied', async () => {
    const userId = await createUser(store());
    const order = await openOrder(userId);
    const otherAccount = emulator.signedEvent('checkout.session.completed', sessionObject(order), {
      secret: 'whsec_someone_else',
    });
    expect(await verifyAndApply(otherAccount)).toMatchObject({ outcome: 'verify_failed' });
    const stale = emulator.signedEvent('checkout.session.completed', sessionObject(order), {
      timestamp: Math.floor(Date.now() / 1000) - 301,
    });
    expect(await verifyAndApply(stale)).toMatchObject({
      outcome: 'verify_failed',
      reason: expect.stringMatching(/timestamp/),
    });
    const tampered = emulator.signedEvent('checkout.session.completed', sessionObject(order));
    tampered.rawBody = Buffer.from(tampered.rawBody.toString().replace('"amount_total":1000', '"amount_total":100000'));
    expect(await verifyAndApply(tampered)).toMatchObject({ outcome: 'verify_failed' });
    expect(await ledgerSum(store(), userId)).toBe(0);
    const refusals = await store()
      .db.selectFrom('payment_events')
      .select('outcome')
      .where('outcome', '=', 'verify_failed')
      .execute();
    expect(refusals.length).toBeGreaterThanOrEqual(3);
  });

  it('a currency mismatch is refused', async () => {
    const userId = await createUser(store());
    const order = await openOrder(userId);
    const delivery = emulator.signedEvent('checkout.session.completed', sessionObject(order, { currency: 'cny' }));
    expect(await verifyAndApply(delivery)).toMatchObject({
      outcome: 'refused',
      reason: expect.stringMatching(/Currency/),
    });
    expect(await ledgerSum(store(), userId)).toBe(0);
  });

  it('one event replayed 50 times concurrently credits once', async () => {
    const userId = await createUser(store());
    const order = await openOrder(userId);
    const delivery = emulator.signedEvent('checkout.session.completed', sessionObject(order));
    const results = await Promise.all(Array.from({ length: 50 }, () => verifyAndApply(delivery)));
    expect(results.filter((r) => r.outcome === 'credited')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(49);
    expect(await ledgerSum(store(), userId)).toBe(10_000_000);
  });

  it('an event for an unknown order, and a session naming two orders, credit nothing', async () => {
    const userId = await createUser(store());
    const order = await openOrder(userId);
    const unknown = emulator.signedEvent(
      'checkout.session.completed',
      sessionObject(order, { id: 'cs_test_other', metadata: { order_id: 'ord_unknown' }, client_reference_id: null }),
    );
    expect(await verifyAndApply(unknown)).toMatchObject({ outcome: 'refused' });
    const twoOrders = emulator.signedEvent(
      'checkout.session.completed',
      sessionObject(order, { client_reference_id: 'ord_unknown' }),
    );
    expect(await verifyAndApply(twoOrders)).toMatchObject({ outcome: 'refused' });
    expect(await ledgerSum(store(), userId)).toBe(0);
  });

  it('a refund before the payment event: the late payment is refused', async () => {
    const userId = await createUser(store());
    const order = await openOrder(userId);
    const refund = emulator.signedEvent('refund.created', {
      id: 're_test_early',
      object: 'refund',
      amount: 1000,
      currency: 'usd',
      status: 'succeeded',
      charge: 'ch_test_x',
      metadata: { order_id: order.id },
    });
    expect(await verifyAndApply(refund)).toMatchObject({ outcome: 'reversed' });
    const late = emulator.signedEvent('checkout.session.completed', sessionObject(order));
    expect(await verifyAndApply(late)).toMatchObject({ outcome: 'refused' });
    expect(await ledgerSum(store(), userId)).toBe(0);
  });

  it('refunds reverse per refund (traced through the charge); a lost dispute reverses; a won one does not', async () => {
    const userId = await createUser(store());
    const order = await openOrder(userId, 2000);
    await emulator.pay(order.providerRef as string);
    expect(await ledgerSum(store(), userId)).toBe(20_000_000);
    const first = await emulator.refund(order.providerRef as string, 500);
    expect(first.deliveries.map((d) => d.status)).toEqual([200, 200]);
    expect(await ledgerSum(store(), userId)).toBe(15_000_000);
    const reversals = endpoint.results.filter((r) => r.outcome === 'reversed' && r.orderId === order.id);
    expect(reversals).toHaveLength(1);

    const won = await createUser(store());
    const wonOrder = await openOrder(won);
    await emulator.pay(wonOrder.providerRef as string);
    await emulator.dispute(wonOrder.providerRef as string, 'won');
    expect(await ledgerSum(store(), won)).toBe(10_000_000);

    await emulator.dispute(order.providerRef as string, 'lost');
    // The dispute took the whole charge back (2000) although 500 were refunded already: the
    // order service caps reversals at what was paid and refuses the excess.
    expect(await ledgerSum(store(), userId)).toBe(15_000_000);
    const lost = await createUser(store());
    const lostOrder = await openOrder(lost);
    await emulator.pay(lostOrder.providerRef as string);
    await emulator.dispute(lostOrder.providerRef as string, 'lost');
    expect(await ledgerSum(store(), lost)).toBe(0);
    expect((await orders().get(lostOrder.id))?.status).toBe('refunded');
  });

  it('Stripe’s error envelope fails the checkout with Stripe’s message; the order is failed', async () => {
    const userId = await createUser(store());
    emulator.failNext(400, 1, 'Amount must convert to at least 50 cents.');
    const direct = provider.createCheckout(
      { id: 'ord_x', payAmount: 1, currency: 'USD', subject: 'x', expiresAt: Date.now() + 3_600_000 },
      { notifyUrl: endpoint.url, returnUrl: RETURN_URL },
    );
    await expect(direct).rejects.toThrow('Amount must convert to at least 50 cents.');
    emulator.failNext(500);
    await expect(openOrder(userId)).rejects.toMatchObject({ code: 'payment_provider_error', status: 502 });
  });
});
