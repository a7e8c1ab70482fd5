/**
 * Top-up through Stripe end to end: a real AIHub server whose webhook route the Stripe emulator
 * calls, users paying on the emulator's hosted page, and the forgeries, replays, refunds and
 * disputes the issue names. Credits are exactly what was paid, once; every refusal is on record.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { type StripeEmulator, startStripeEmulator } from '../emulators/stripe-emulator.js';
import { startWebhookCapture, type WebhookCapture } from '../payments/webhook-capture.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session } from './platform-client.js';

const DOLLAR = 1_000_000;

// Money moves here: the whole suite runs on both databases (PostgreSQL is where deliveries really race).
for (const database of ['sqlite', 'postgres'] as const) {
  describe(`top-up through Stripe, end to end [${database}]`, () => {
    let gateway: Gateway;
    let stripe: StripeEmulator;
    let capture: WebhookCapture;
    let webhookUrl: string;
    let alice: Session;
    let bob: Session;
    let carol: Session;

    beforeAll(async () => {
      stripe = await startStripeEmulator();
      capture = await startWebhookCapture();
      gateway = await startGateway(
        {
          STRIPE_SECRET_KEY: stripe.secretKey,
          STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
          STRIPE_BASE_URL: stripe.url,
        },
        database,
      );
      // As an operator does in Stripe's dashboard: the endpoint that receives the account's events.
      webhookUrl = `${gateway.origin}/api/payments/stripe/notify`;
      stripe.setWebhookUrl(webhookUrl);
      const rules = await asAdmin(gateway, 'PATCH', '/api/admin/settings', {
        topUp: {
          enabledMethods: ['stripe'],
          minAmount: DOLLAR,
          maxAmount: 500 * DOLLAR,
          bonusTiers: [{ atLeast: 100 * DOLLAR, bonus: 10 * DOLLAR }],
        },
      });
      expect(rules.status).toBe(200);
      alice = await register(gateway, 'alice-stripe@example.com');
      bob = await register(gateway, 'bob-stripe@example.com');
      carol = await register(gateway, 'carol-stripe@example.com');
    });
    afterAll(async () => {
      await gateway?.close();
      await stripe?.close();
      await capture?.close();
    });

    const balanceOf = async (session: Session) => (await asUser(gateway, session, 'GET', '/api/balance')).json.balance;
    const newOrder = async (session: Session, amount: number) => {
      const reply = await asUser(gateway, session, 'POST', '/api/payments/orders', { method: 'stripe', amount });
      expect(reply.status).toBe(201);
      return reply.json as { id: string; checkout: { url: string }; payAmount: number; creditAmount: number };
    };
    const sessionOf = (order: { checkout: { url: string } }) => order.checkout.url.split('/pay/')[1] as string;
    /** The payer on Stripe's hosted page: sees the amount, presses Pay; returns where the browser goes next. */
    const payOnHostedPage = async (order: { checkout: { url: string } }, shows: string) => {
      const page = await (await fetch(order.checkout.url)).text();
      expect(page).toContain(shows);
      const paid = await fetch(order.checkout.url, { method: 'POST', redirect: 'manual' });
      expect(paid.status).toBe(303);
      return paid.headers.get('location') as string;
    };
    /** Captures the payment event instead of delivering it (the endpoint down, or Stripe late). */
    const payCaptured = async (order: { checkout: { url: string } }) => {
      stripe.setWebhookUrl(capture.url);
      try {
        await fetch(order.checkout.url, { method: 'POST', redirect: 'manual' });
      } finally {
        stripe.setWebhookUrl(webhookUrl);
      }
      const delivery = capture.deliveries.at(-1);
      if (!delivery) throw new Error('Stripe delivered nothing');
      return delivery;
    };
    const deliver = async (event: { rawBody: Buffer | Uint8Array; headers: Record<string, string> }) => {
      const response = await fetch(webhookUrl, { method: 'POST', headers: event.headers, body: event.rawBody });
      return { status: response.status, body: await response.text() };
    };
    const orderOf = async (session: Session, id: string) =>
      (await asUser(gateway, session, 'GET', `/api/payments/orders/${id}`)).json;
    const eventsOf = async (id: string) =>
      (await asAdmin(gateway, 'GET', `/api/admin/payments/orders/${id}`)).json.events as Array<{
        outcome: string;
        reason: string;
      }>;
    const ledgerOf = async (session: Session, kind: string) =>
      (await asUser(gateway, session, 'GET', `/api/ledger?kind=${kind}`)).json.data as Array<{
        amount: number;
        reference: string;
      }>;
    const sessionEvent = (order: { id: string; payAmount: number }, sessionId: string) => ({
      id: sessionId,
      object: 'checkout.session',
      status: 'complete',
      payment_status: 'paid',
      amount_total: order.payAmount,
      currency: 'usd',
      client_reference_id: order.id,
      metadata: { order_id: order.id },
    });

    it('offers Stripe in USD, priced by the server', async () => {
      const options = await asUser(gateway, alice, 'GET', '/api/payments/options');
      expect(options.json.methods).toEqual([{ method: 'stripe', currency: 'USD' }]);
      const quote = await asUser(gateway, alice, 'GET', `/api/payments/quote?method=stripe&amount=${100 * DOLLAR}`);
      expect(quote.json).toEqual({
        amount: 100 * DOLLAR,
        bonusAmount: 10 * DOLLAR,
        creditAmount: 110 * DOLLAR,
        currency: 'USD',
        payAmount: 10_000,
      });
    });

    it('pays on the hosted page: the webhook credits amount + bonus exactly once', async () => {
      const before = await balanceOf(alice);
      const order = await newOrder(alice, 100 * DOLLAR);
      expect(order).toMatchObject({
        status: 'created',
        currency: 'USD',
        payAmount: 10_000,
        creditAmount: 110 * DOLLAR,
      });
      expect(order.checkout.url).toBe(`${stripe.url}/pay/${sessionOf(order)}`);

      const back = await payOnHostedPage(order, '100.00 USD');
      expect(back).toBe(`${gateway.origin}/api/payments/stripe/return?order=${order.id}`);
      expect(stripe.deliveries.at(-1)).toMatchObject({ event: { type: 'checkout.session.completed' }, status: 200 });
      const landed = await fetch(back, { redirect: 'manual' });
      expect(landed.headers.get('location')).toBe(`/billing?order=${order.id}`);

      expect(await orderOf(alice, order.id)).toMatchObject({ status: 'credited' });
      expect(await balanceOf(alice)).toBe(before + 110 * DOLLAR);
      const topups = await ledgerOf(alice, 'topup');
      expect(topups).toEqual([expect.objectContaining({ amount: 110 * DOLLAR, reference: order.id })]);

      // Stripe delivering the session's completion again (a new event for the same session): nothing more.
      const again = await stripe.pay(sessionOf(order));
      expect(again.status).toBe(200);
      expect(await balanceOf(alice)).toBe(before + 110 * DOLLAR);
      const lookup = await asAdmin(gateway, 'POST', `/api/admin/payments/orders/${order.id}/lookup`);
      expect(lookup.json).toMatchObject({ state: 'paid', payAmount: 10_000, currency: 'USD' });
    });

    it('credits once when the same webhook is delivered 50 times concurrently', async () => {
      const before = await balanceOf(bob);
      const order = await newOrder(bob, 7 * DOLLAR);
      const event = await payCaptured(order);
      expect((await orderOf(bob, order.id)).status).toBe('created');
      const replies = await Promise.all(Array.from({ length: 50 }, () => deliver(event)));
      expect(replies.every((reply) => reply.status === 200)).toBe(true);
      expect(await balanceOf(bob)).toBe(before + 7 * DOLLAR);
      const outcomes = (await eventsOf(order.id)).map((e) => e.outcome);
      expect(outcomes.filter((outcome) => outcome === 'credited')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(49);
    });

    /** Delivers forged webhooks for a fresh order of Bob's; each is answered 500 and credits nothing. */
    const refusedUnsigned = async (
      forge: (object: Record<string, unknown>) => {
        rawBody: Buffer;
        headers: Record<string, string>;
      },
    ) => {
      const before = await balanceOf(bob);
      const order = await newOrder(bob, 5 * DOLLAR);
      // A 500 asks Stripe to retry; the reason is never told.
      expect(await deliver(forge(sessionEvent(order, sessionOf(order))))).toEqual({
        status: 500,
        body: '{"received":false}',
      });
      expect((await orderOf(bob, order.id)).status).toBe('created');
      expect(await balanceOf(bob)).toBe(before);
    };

    it('refuses a bad signature (the body changed after Stripe signed it): nothing credited', async () => {
      await refusedUnsigned((object) => {
        const signed = stripe.signedEvent('checkout.session.completed', object);
        const rawBody = Buffer.from(signed.rawBody.toString().replace('"amount_total":500', '"amount_total":50000'));
        expect(rawBody.equals(signed.rawBody)).toBe(false);
        return { ...signed, rawBody };
      });
    });

    it('refuses a stale timestamp (a captured delivery replayed after the 300 s tolerance)', async () => {
      await refusedUnsigned((object) =>
        stripe.signedEvent('checkout.session.completed', object, { timestamp: Math.floor(Date.now() / 1000) - 301 }),
      );
    });

    it('refuses a webhook for another Stripe account (signed with another endpoint’s secret)', async () => {
      await refusedUnsigned((object) =>
        stripe.signedEvent('checkout.session.completed', object, { secret: 'whsec_someone_else' }),
      );
    });

    it('refuses a good signature on a changed amount', async () => {
      const before = await balanceOf(bob);
      const order = await newOrder(bob, 5 * DOLLAR);
      const forged = stripe.signedEvent('checkout.session.completed', {
        ...sessionEvent(order, sessionOf(order)),
        amount_total: 1,
      });
      expect(await deliver(forged)).toEqual({ status: 200, body: '{"received":true}' });
      expect((await orderOf(bob, order.id)).status).toBe('created');
      expect(await balanceOf(bob)).toBe(before);
      expect(await eventsOf(order.id)).toEqual([
        expect.objectContaining({ outcome: 'refused', reason: 'Paid 1 minor units; the order is for 500.' }),
      ]);
    });

    it('refuses a currency mismatch: a good signature on CNY for a USD order', async () => {
      const before = await balanceOf(bob);
      const order = await newOrder(bob, 5 * DOLLAR);
      const inYuan = stripe.signedEvent('checkout.session.completed', {
        ...sessionEvent(order, sessionOf(order)),
        currency: 'cny',
      });
      // Authentic, so acknowledged (delivering it again would not change the verdict), and refused.
      expect(await deliver(inYuan)).toEqual({ status: 200, body: '{"received":true}' });
      expect((await orderOf(bob, order.id)).status).toBe('created');
      expect(await balanceOf(bob)).toBe(before);
      expect(await eventsOf(order.id)).toEqual([
        expect.objectContaining({ outcome: 'refused', reason: "Currency CNY does not match the order's USD." }),
      ]);
    });

    it('refuses our order id on another checkout session', async () => {
      const before = await balanceOf(bob);
      const order = await newOrder(bob, 5 * DOLLAR);
      const otherSession = stripe.signedEvent('checkout.session.completed', {
        ...sessionEvent(order, sessionOf(order)),
        id: 'cs_test_not_ours',
      });
      expect(await deliver(otherSession)).toEqual({ status: 200, body: '{"received":true}' });
      expect((await orderOf(bob, order.id)).status).toBe('created');
      expect(await balanceOf(bob)).toBe(before);
    });

    it('refuses an event for an unknown order', async () => {
      const order = await newOrder(bob, 5 * DOLLAR);
      const unknown = stripe.signedEvent('checkout.session.completed', {
        ...sessionEvent(order, 'cs_test_unknown'),
        client_reference_id: 'ord_does_not_exist',
        metadata: { order_id: 'ord_does_not_exist' },
      });
      expect(await deliver(unknown)).toEqual({ status: 200, body: '{"received":true}' });
      const refused = await asAdmin(gateway, 'GET', '/api/admin/payments/events?outcome=refused&provider=stripe');
      expect(refused.json.data[0]).toMatchObject({
        orderId: null,
        reason: expect.stringMatching(/^No order of ours matches/),
      });
      expect((await orderOf(bob, order.id)).status).toBe('created');
    });

    it('a return to the success URL without a webhook credits nothing', async () => {
      const before = await balanceOf(bob);
      const order = await newOrder(bob, 4 * DOLLAR);
      const back = await fetch(`${gateway.origin}/api/payments/stripe/return?order=${order.id}`, {
        redirect: 'manual',
      });
      expect(back.status).toBe(303);
      expect(back.headers.get('location')).toBe(`/billing?order=${order.id}`);
      expect((await orderOf(bob, order.id)).status).toBe('created');
      expect(await balanceOf(bob)).toBe(before);
      expect(await eventsOf(order.id)).toEqual([expect.objectContaining({ kind: 'return', outcome: 'ignored' })]);
    });

    it('refunds reverse in proportion (partial, then full), and may take the balance below zero', async () => {
      const order = await newOrder(carol, 100 * DOLLAR);
      await payOnHostedPage(order, '100.00 USD');
      const credited = await balanceOf(carol);

      // Spend more than the trial credit, through the relay, so the full refund leaves a debt.
      const key = await createKey(gateway, carol);
      const client = new OpenAI({ apiKey: key.key, baseURL: gateway.baseURL, maxRetries: 0 });
      gateway.openai.enqueue({ usage: { inputTokens: 1000, outputTokens: 30_000 } });
      await client.chat.completions.create({
        model: 'gpt-4.1',
        messages: [{ role: 'user', content: 'Write a long story.' }],
        max_tokens: 32_000,
      });
      const spent = credited - (await balanceOf(carol));
      // $2/M input, $8/M output.
      expect(spent).toBe(1000 * 2 + 30_000 * 8);

      // A quarter of the money back: a quarter of the credit, bonus included ($27.50).
      const partial = await stripe.refund(sessionOf(order), 2_500);
      expect(partial.deliveries.map((d) => d.status)).toEqual([200, 200]);
      expect(await orderOf(carol, order.id)).toMatchObject({ status: 'credited', refundedPayAmount: 2_500 });
      expect(await balanceOf(carol)).toBe(credited - spent - 27_500_000);

      const rest = await stripe.refund(sessionOf(order), 7_500);
      expect(rest.deliveries.map((d) => d.status)).toEqual([200, 200]);
      expect(await orderOf(carol, order.id)).toMatchObject({
        status: 'refunded',
        refundedPayAmount: 10_000,
        reversedAmount: 110 * DOLLAR,
      });
      const after = await balanceOf(carol);
      expect(after).toBe(credited - spent - 110 * DOLLAR);
      expect(after).toBeLessThan(0);
      const refunds = await ledgerOf(carol, 'refund');
      expect(refunds.map((entry) => entry.amount).sort((a, b) => a - b)).toEqual([-82_500_000, -27_500_000]);
      expect(refunds.map((entry) => entry.reference)).toEqual([
        `${order.id}:${rest.refundId}`,
        `${order.id}:${partial.refundId}`,
      ]);
      // The refund events delivered again change nothing.
      const replay = stripe.signedEvent('refund.created', {
        id: rest.refundId,
        object: 'refund',
        amount: 7_500,
        currency: 'usd',
        status: 'succeeded',
        charge: capturedCharge(order),
        metadata: {},
      });
      expect((await deliver(replay)).status).toBe(200);
      expect(await balanceOf(carol)).toBe(after);
    });

    it('a lost dispute reverses the whole credit', async () => {
      const before = await balanceOf(alice);
      const order = await newOrder(alice, 20 * DOLLAR);
      await payOnHostedPage(order, '20.00 USD');
      expect(await balanceOf(alice)).toBe(before + 20 * DOLLAR);
      const dispute = await stripe.dispute(sessionOf(order), 'lost');
      expect(dispute.deliveries.map((d) => d.status)).toEqual([200, 200]);
      expect(await orderOf(alice, order.id)).toMatchObject({ status: 'refunded', reversedAmount: 20 * DOLLAR });
      expect(await balanceOf(alice)).toBe(before);
      const outcomes = (await eventsOf(order.id)).map((e) => e.outcome).sort();
      expect(outcomes).toEqual(['credited', 'ignored', 'reversed']);
    });

    it('a won dispute changes nothing', async () => {
      const before = await balanceOf(alice);
      const order = await newOrder(alice, 3 * DOLLAR);
      await payOnHostedPage(order, '3.00 USD');
      const dispute = await stripe.dispute(sessionOf(order), 'won');
      expect(dispute.deliveries.map((d) => d.status)).toEqual([200, 200]);
      expect(await orderOf(alice, order.id)).toMatchObject({ status: 'credited', reversedAmount: 0 });
      expect(await balanceOf(alice)).toBe(before + 3 * DOLLAR);
    });

    it('a refund before the payment event leaves nothing credited', async () => {
      const before = await balanceOf(bob);
      const order = await newOrder(bob, 9 * DOLLAR);
      const late = await payCaptured(order);
      const refund = await stripe.refund(sessionOf(order), 900);
      expect(refund.deliveries.map((d) => d.status)).toEqual([200, 200]);
      expect(await orderOf(bob, order.id)).toMatchObject({ status: 'refunded', reversedAmount: 0 });

      // Now the payment event arrives: acknowledged, refused, never credited.
      expect(await deliver(late)).toEqual({ status: 200, body: '{"received":true}' });
      expect((await orderOf(bob, order.id)).status).toBe('refunded');
      expect(await balanceOf(bob)).toBe(before);
      const events = await eventsOf(order.id);
      expect(events).toContainEqual(
        expect.objectContaining({
          outcome: 'refused',
          reason: 'The payment was refunded before it was reported paid: not credited.',
        }),
      );
      const ledger = (await asUser(gateway, bob, 'GET', '/api/ledger')).json.data as Array<{ reference: string }>;
      expect(ledger.filter((entry) => entry.reference.startsWith(order.id))).toEqual([]);
    });

    it('a plan bought by card and refunded in full ends, and its price returns: the balance is where it was', async () => {
      const plan = await asAdmin(gateway, 'POST', '/api/admin/plans', {
        name: 'Card plan',
        price: 15 * DOLLAR,
        period: { kind: 'month' },
        models: ['gpt-*'],
        allowances: { five_hour: { unit: 'money', limit: DOLLAR } },
      });
      expect(plan.status).toBe(201);
      const before = await balanceOf(alice);
      const reply = await asUser(gateway, alice, 'POST', '/api/payments/orders', {
        purpose: 'plan',
        method: 'stripe',
        planId: plan.json.id,
      });
      expect(reply.status).toBe(201);
      const order = reply.json as { id: string; checkout: { url: string } };
      await payOnHostedPage(order, '15.00 USD');
      const subscriptions = async () =>
        (await asUser(gateway, alice, 'GET', '/api/subscriptions')).json.subscriptions as Array<{
          sourceRef: string;
          status: string;
          history: Array<{ kind: string }>;
        }>;
      const bought = (await subscriptions()).find((s) => s.sourceRef === order.id);
      expect(bought?.status).toBe('active');
      expect(await balanceOf(alice)).toBe(before);

      const refund = await stripe.refund(sessionOf(order), 1_500);
      expect(refund.deliveries.map((d) => d.status)).toEqual([200, 200]);
      expect(await orderOf(alice, order.id)).toMatchObject({ status: 'refunded', reversedAmount: 15 * DOLLAR });
      const ended = (await subscriptions()).find((s) => s.sourceRef === order.id);
      expect(ended?.status).toBe('cancelled');
      expect(ended?.history.map((event) => event.kind)).toContain('cancelled');
      expect(await balanceOf(alice)).toBe(before);
      const plans = await ledgerOf(alice, 'plan');
      expect(plans.map((entry) => entry.amount).sort((a, b) => a - b)).toEqual([-15 * DOLLAR, 15 * DOLLAR]);
    });

    it('logs every refusal, visible in the admin events route', async () => {
      const failed = await asAdmin(gateway, 'GET', '/api/admin/payments/events?outcome=verify_failed&provider=stripe');
      // A changed body, a stale timestamp, another account's secret: never tied to an order, no payload kept.
      expect(failed.json.data).toHaveLength(3);
      for (const event of failed.json.data) {
        expect(event).toMatchObject({
          kind: 'webhook',
          orderId: null,
          payload: null,
          remoteAddress: expect.any(String),
        });
      }
      const reasons = failed.json.data.map((event: { reason: string }) => event.reason);
      expect(reasons.filter((reason: string) => reason === 'No v1 signature matches the body.')).toHaveLength(2);
      expect(reasons).toContainEqual(expect.stringMatching(/^The signature's timestamp is 30\d s from now/));

      const refused = await asAdmin(gateway, 'GET', '/api/admin/payments/events?outcome=refused&provider=stripe');
      const reasonsRefused = refused.json.data.map((event: { reason: string }) => event.reason);
      // A changed amount, another currency, and a payment after its refund, each on its order.
      expect(reasonsRefused).toContain('Paid 1 minor units; the order is for 500.');
      expect(reasonsRefused).toContain("Currency CNY does not match the order's USD.");
      expect(reasonsRefused).toContain('The payment was refunded before it was reported paid: not credited.');
      // Another session's id and an unknown order (refunds and disputes traced to no order add theirs).
      const unmatched = reasonsRefused.filter((reason: string) => reason.startsWith('No order of ours matches'));
      expect(unmatched.length).toBeGreaterThanOrEqual(2);
    });

    it('leaves the ledger consistent with every order (aihub ledger verify)', async () => {
      const report = await verifyLedger(gateway.app.store);
      expect(report.ok).toBe(true);
    });

    /** The charge Stripe created for a paid session (what its refunds and disputes name). */
    function capturedCharge(order: { checkout: { url: string } }): string {
      const session = stripe.sessions.get(sessionOf(order));
      if (!session?.charge) throw new Error('The session is not paid.');
      return session.charge;
    }
  });
}
