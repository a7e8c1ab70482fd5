/**
 * Top-up through EPay end to end: a real AIHub server, the EPay emulator, users paying through
 * it, and every forgery and replay the issue names, each a named test. Credits are exactly what
 * was paid, once; every refusal is on record.
 *
 * Attacks that do not apply to EPay (易支付 v1, the MD5 protocol of 彩虹易支付 and its forks):
 * - a currency mismatch: the protocol has no currency. `money` is always yuan, in orders and in
 *   notifications alike, and the provider is CNY-only (a changed amount is the attack, tested).
 * - a refund before the payment event: EPay sends no refund notifications at all. Its only
 *   notification is `trade_status=TRADE_SUCCESS`; a refund (api.php?act=refund) is asked for by
 *   the merchant and answered synchronously, so nothing can arrive out of order. An operator who
 *   refunds at EPay marks the order here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { type EpayEmulator, md5Sign, startEpayEmulator } from '../emulators/epay-emulator.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, createKey, register, type Session, withKey } from './platform-client.js';

const DOLLAR = 1_000_000;

describe('top-up through EPay, end to end', () => {
  let gateway: Gateway;
  let epay: EpayEmulator;
  let alice: Session;
  let bob: Session;

  beforeAll(async () => {
    epay = await startEpayEmulator({ retryDelayMs: 20 });
    gateway = await startGateway({ EPAY_BASE_URL: epay.url, EPAY_PID: epay.pid, EPAY_KEY: epay.key });
    const rules = await asAdmin(gateway, 'PATCH', '/api/admin/settings', {
      topUp: {
        enabledMethods: ['epay'],
        minAmount: DOLLAR,
        maxAmount: 500 * DOLLAR,
        bonusTiers: [{ atLeast: 100 * DOLLAR, bonus: 10 * DOLLAR }],
        cnyFenPerUsd: 720,
      },
    });
    expect(rules.status).toBe(200);
    alice = await register(gateway, 'alice-pay@example.com');
    bob = await register(gateway, 'bob-pay@example.com');
  });
  afterAll(async () => {
    await gateway?.close();
    await epay?.close();
  });

  const balanceOf = async (session: Session) => (await asUser(gateway, session, 'GET', '/api/balance')).json.balance;
  const newOrder = async (session: Session, amount: number) => {
    const reply = await asUser(gateway, session, 'POST', '/api/payments/orders', { method: 'epay', amount });
    expect(reply.status).toBe(201);
    return reply.json;
  };
  /** Opens the order's trade at EPay (the browser visiting the checkout page); returns the pay link. */
  const openTrade = async (order: { checkout: { url: string } }) => {
    const html = await (await fetch(order.checkout.url)).text();
    const link = /href="([^"]+)"/.exec(html)?.[1];
    if (!link) throw new Error(`no pay link in ${html}`);
    return `${epay.url}${link}`;
  };
  const notify = async (fields: Record<string, string>) => {
    const response = await fetch(`${gateway.origin}/api/payments/epay/notify?${new URLSearchParams(fields)}`);
    return { status: response.status, body: await response.text(), type: response.headers.get('content-type') };
  };
  const orderOf = async (session: Session, id: string) =>
    (await asUser(gateway, session, 'GET', `/api/payments/orders/${id}`)).json;

  it('offers EPay in CNY with the operator rules', async () => {
    const options = await asUser(gateway, alice, 'GET', '/api/payments/options');
    expect(options.status).toBe(200);
    expect(options.json).toMatchObject({
      methods: [{ method: 'epay', currency: 'CNY' }],
      minAmount: DOLLAR,
      maxAmount: 500 * DOLLAR,
      bonusTiers: [{ atLeast: 100 * DOLLAR, bonus: 10 * DOLLAR }],
      cnyFenPerUsd: 720,
    });
    const quote = await asUser(gateway, alice, 'GET', `/api/payments/quote?method=epay&amount=${100 * DOLLAR}`);
    expect(quote.json).toEqual({
      amount: 100 * DOLLAR,
      bonusAmount: 10 * DOLLAR,
      creditAmount: 110 * DOLLAR,
      currency: 'CNY',
      payAmount: 72_000,
    });
  });

  it('pays through the EPay emulator: the balance rises by amount + bonus exactly once', async () => {
    const before = await balanceOf(alice);
    const order = await newOrder(alice, 100 * DOLLAR);
    expect(order).toMatchObject({ status: 'created', currency: 'CNY', payAmount: 72_000, creditAmount: 110 * DOLLAR });
    const checkout = new URL(order.checkout.url);
    expect(checkout.searchParams.get('notify_url')).toBe(`${gateway.origin}/api/payments/epay/notify`);
    expect(checkout.searchParams.get('money')).toBe('720.00');

    const paid = await fetch(await openTrade(order), { redirect: 'manual' });
    expect(paid.status).toBe(302);
    // The browser comes back: sent on to the console's billing page.
    const back = await fetch(paid.headers.get('location') as string, { redirect: 'manual' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`/billing?order=${order.id}`);

    expect(epay.notifications.at(-1)?.answer).toBe('success');
    // EPay writes the amount back as PHP's float ("720", not the "720.00" we sent): still ¥720.00.
    expect(await orderOf(alice, order.id)).toMatchObject({ status: 'credited', detail: { money: '720' } });
    expect(await balanceOf(alice)).toBe(before + 110 * DOLLAR);

    // The same notification again (a retry, a replay): acknowledged, not credited again.
    const again = await notify(epay.notificationFields(order.id));
    expect(again).toMatchObject({ status: 200, body: 'success' });
    expect(await balanceOf(alice)).toBe(before + 110 * DOLLAR);
    const mine = await asUser(gateway, alice, 'GET', '/api/payments/orders');
    expect(mine.json.data[0]).toMatchObject({ id: order.id, status: 'credited' });
  });

  it('a notification delivered as a POSTed form credits too', async () => {
    const before = await balanceOf(bob);
    const order = await newOrder(bob, 2 * DOLLAR);
    await openTrade(order);
    const response = await fetch(`${gateway.origin}/api/payments/epay/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(epay.notificationFields(order.id)).toString(),
    });
    expect(await response.text()).toBe('success');
    expect(await balanceOf(bob)).toBe(before + 2 * DOLLAR);
  });

  it('refuses a bad signature: nothing credited, the provider told to retry, never why', async () => {
    const before = await balanceOf(alice);
    const order = await newOrder(alice, 5 * DOLLAR);
    await openTrade(order);
    const forged = await notify(epay.notificationFields(order.id, { key: 'not-the-merchant-key' }));
    expect(forged).toMatchObject({ status: 200, body: 'fail' });
    const tampered = await notify(epay.notificationFields(order.id, { tamper: { money: '3600.00' } }));
    expect(tampered.body).toBe('fail');
    expect((await orderOf(alice, order.id)).status).toBe('created');
    expect(await balanceOf(alice)).toBe(before);
  });

  it('refuses a good signature on a changed amount', async () => {
    const before = await balanceOf(alice);
    const order = await newOrder(alice, 5 * DOLLAR);
    await openTrade(order);
    // Signed with the real key (a compromised or confused EPay), for one fen.
    const reply = await notify(epay.notificationFields(order.id, { overrides: { money: '0.01' } }));
    expect(reply.body).toBe('success');
    expect((await orderOf(alice, order.id)).status).toBe('created');
    expect(await balanceOf(alice)).toBe(before);
    const events = await asAdmin(gateway, 'GET', `/api/admin/payments/orders/${order.id}`);
    expect(events.json.events).toEqual([
      expect.objectContaining({ outcome: 'refused', reason: expect.stringMatching(/Paid 1 minor units/) }),
    ]);
  });

  it('refuses a notification for another merchant (pid)', async () => {
    const before = await balanceOf(alice);
    const order = await newOrder(alice, 5 * DOLLAR);
    await openTrade(order);
    const reply = await notify(epay.notificationFields(order.id, { overrides: { pid: '2002' } }));
    expect(reply.body).toBe('fail');
    expect((await orderOf(alice, order.id)).status).toBe('created');
    expect(await balanceOf(alice)).toBe(before);
  });

  it('credits once when the same notification is delivered 50 times concurrently', async () => {
    const before = await balanceOf(bob);
    const order = await newOrder(bob, 7 * DOLLAR);
    await openTrade(order);
    const fields = epay.notificationFields(order.id);
    const replies = await Promise.all(Array.from({ length: 50 }, () => notify(fields)));
    expect(replies.every((reply) => reply.body === 'success')).toBe(true);
    expect(await balanceOf(bob)).toBe(before + 7 * DOLLAR);
    const detail = await asAdmin(gateway, 'GET', `/api/admin/payments/orders/${order.id}`);
    const outcomes = detail.json.events.map((event: { outcome: string }) => event.outcome);
    expect(outcomes.filter((outcome: string) => outcome === 'credited')).toHaveLength(1);
    expect(outcomes.filter((outcome: string) => outcome === 'duplicate')).toHaveLength(49);
  });

  it('refuses a notification for an unknown order', async () => {
    const unsigned = {
      pid: epay.pid,
      trade_no: '2026000000001',
      out_trade_no: 'ord_does_not_exist',
      type: 'alipay',
      name: 'x',
      money: '72',
      trade_status: 'TRADE_SUCCESS',
    };
    // Signed by the EPay server (the emulator's own MD5), for an order we never opened.
    const fields = { ...unsigned, sign: md5Sign(unsigned, epay.key), sign_type: 'MD5' };
    expect((await notify(fields)).body).toBe('success');
    const refused = await asAdmin(gateway, 'GET', '/api/admin/payments/events?outcome=refused');
    expect(refused.json.data[0]).toMatchObject({
      orderId: null,
      reason: 'No order of ours matches this notification.',
    });
  });

  it('a return URL hit without a notification credits nothing', async () => {
    const before = await balanceOf(alice);
    const order = await newOrder(alice, 5 * DOLLAR);
    await openTrade(order);
    // The browser arrives with what looks like EPay's signed return fields, but no notification came.
    const fields = epay.notificationFields(order.id);
    const back = await fetch(
      `${gateway.origin}/api/payments/epay/return?order=${order.id}&${new URLSearchParams(fields)}`,
      { redirect: 'manual' },
    );
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`/billing?order=${order.id}`);
    expect((await orderOf(alice, order.id)).status).toBe('created');
    expect(await balanceOf(alice)).toBe(before);
    const detail = await asAdmin(gateway, 'GET', `/api/admin/payments/orders/${order.id}`);
    expect(detail.json.events).toEqual([expect.objectContaining({ kind: 'return', outcome: 'ignored' })]);
  });

  it('answers 404 for an order of another user', async () => {
    const order = await newOrder(alice, DOLLAR);
    const reply = await asUser(gateway, bob, 'GET', `/api/payments/orders/${order.id}`);
    expect(reply.status).toBe(404);
    expect(reply.json.error.code).toBe('order_not_found');
    const bobs = await asUser(gateway, bob, 'GET', '/api/payments/orders');
    expect(bobs.json.data.map((o: { id: string }) => o.id)).not.toContain(order.id);
  });

  it('the client cannot choose the price', async () => {
    const withPrice = await asUser(gateway, alice, 'POST', '/api/payments/orders', {
      method: 'epay',
      amount: 10 * DOLLAR,
      payAmount: 1,
    });
    expect(withPrice.status).toBe(400);
    // An API key may buy credit too; the price is the server's quote: $10 at ¥7.20 = ¥72.00.
    const key = await createKey(gateway, alice);
    const order = await withKey(gateway, key.key, 'POST', '/api/payments/orders', {
      method: 'epay',
      amount: 10 * DOLLAR,
    });
    expect(order.status).toBe(201);
    expect(order.json).toMatchObject({ payAmount: 7200, creditAmount: 10 * DOLLAR, bonusAmount: 0 });
    expect(new URL(order.json.checkout.url).searchParams.get('money')).toBe('72.00');
  });

  it('answers 400 in the API envelope for an amount outside the operator limits', async () => {
    for (const amount of [DOLLAR / 2, 600 * DOLLAR]) {
      const reply = await asUser(gateway, alice, 'POST', '/api/payments/orders', { method: 'epay', amount });
      expect(reply.status).toBe(400);
      expect(reply.json.error).toMatchObject({
        code: 'invalid_amount',
        param: 'amount',
        type: 'invalid_request_error',
      });
    }
    const stripe = await asUser(gateway, alice, 'POST', '/api/payments/orders', { method: 'stripe', amount: DOLLAR });
    expect(stripe.json.error.code).toBe('payment_method_unavailable');
    const plan = await asUser(gateway, alice, 'POST', '/api/payments/orders', {
      purpose: 'plan',
      method: 'epay',
      planId: 'plan_1',
    });
    expect(plan.status).toBe(404);
    expect(plan.json.error.code).toBe('plan_not_found');
  });

  it('a provider that is down gives a clear 502 and a failed order', async () => {
    const api = await asAdmin(gateway, 'PUT', '/api/admin/payments/providers/epay', {
      fields: { checkoutMode: 'api' },
    });
    expect(api.status).toBe(200);
    epay.setDown(true);
    try {
      const reply = await asUser(gateway, bob, 'POST', '/api/payments/orders', { method: 'epay', amount: 3 * DOLLAR });
      expect(reply.status).toBe(502);
      expect(reply.json.error.code).toBe('payment_provider_error');
      const failed = await asAdmin(gateway, 'GET', `/api/admin/payments/orders?status=failed&userId=${bob.userId}`);
      expect(failed.json.data).toEqual([expect.objectContaining({ creditAmount: 3 * DOLLAR, status: 'failed' })]);
    } finally {
      epay.setDown(false);
    }
    // Up again, api mode opens the checkout with a server call (the payer's address in it, which
    // mapi.php requires): the payment page comes back.
    const order = await newOrder(bob, 3 * DOLLAR);
    expect(order.checkout).toEqual({ url: expect.stringContaining('/cashier?trade=') });
    expect(epay.trades.get(order.id)?.clientIp).toMatch(/^(127\.0\.0\.1|::1)$/);
    await asAdmin(gateway, 'PUT', '/api/admin/payments/providers/epay', { fields: { checkoutMode: null } });
  });

  it('shows the provider configuration without its key, and lets an operator look up and mark orders', async () => {
    const providers = await asAdmin(gateway, 'GET', '/api/admin/payments/providers');
    expect(JSON.stringify(providers.json)).not.toContain(epay.key);
    const epayView = providers.json.data.find((p: { method: string }) => p.method === 'epay');
    expect(epayView).toMatchObject({ method: 'epay', configured: true });
    expect(epayView.fields).toContainEqual(
      expect.objectContaining({ name: 'key', secret: true, source: 'env', value: null }),
    );

    const order = await newOrder(bob, 4 * DOLLAR);
    await openTrade(order);
    const unpaid = await asAdmin(gateway, 'POST', `/api/admin/payments/orders/${order.id}/lookup`);
    expect(unpaid.json).toMatchObject({ state: 'unpaid', payAmount: 2880, currency: 'CNY' });
    const reasonless = await asAdmin(gateway, 'POST', `/api/admin/payments/orders/${order.id}/mark`, {
      status: 'failed',
      note: '  ',
    });
    expect(reasonless.status).toBe(400);
    const marked = await asAdmin(gateway, 'POST', `/api/admin/payments/orders/${order.id}/mark`, {
      status: 'failed',
      note: 'buyer gave up',
    });
    expect(marked.json).toMatchObject({ status: 'failed', markedBy: expect.any(String) });
    const detail = await asAdmin(gateway, 'GET', `/api/admin/payments/orders/${order.id}`);
    expect(detail.json.events).toEqual([
      expect.objectContaining({ kind: 'admin', outcome: 'marked', reason: 'failed: buyer gave up' }),
    ]);
    const notAllowed = await asUser(gateway, bob, 'GET', '/api/admin/payments/orders');
    expect(notAllowed.status).toBe(403);
  });

  it('answers 404 for an unknown method, and 413 past 64 KB', async () => {
    expect((await fetch(`${gateway.origin}/api/payments/bitcoin/notify`, { method: 'POST', body: 'x' })).status).toBe(
      404,
    );
    const large = await fetch(`${gateway.origin}/api/payments/epay/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a='.padEnd(70 * 1024, 'b'),
    });
    expect(large.status).toBe(413);
  });

  it('logs every refusal in payment_events, visible in the admin events route', async () => {
    const failed = await asAdmin(gateway, 'GET', '/api/admin/payments/events?outcome=verify_failed');
    // Bad signature, tampered amount, another merchant.
    expect(failed.json.data).toHaveLength(3);
    for (const event of failed.json.data) {
      expect(event).toMatchObject({ kind: 'notify', remoteAddress: expect.any(String), orderId: null });
      expect(event.payload).toBeNull();
    }
    expect(failed.json.data.map((event: { reason: string }) => event.reason).sort()).toEqual([
      'Bad signature.',
      'Bad signature.',
      'Merchant 2002 is not ours.',
    ]);
    const refused = await asAdmin(gateway, 'GET', '/api/admin/payments/events?outcome=refused');
    // A changed amount, an unknown order.
    expect(refused.json.data).toHaveLength(2);
  });

  it('slows down an address whose notifications keep failing verification', async () => {
    const forged = { pid: epay.pid, out_trade_no: 'x', trade_no: 'y', sign: 'f'.repeat(32) };
    const statuses: number[] = [];
    for (let i = 0; i < 60; i++) {
      const response = await fetch(`${gateway.origin}/api/payments/epay/notify?${new URLSearchParams(forged)}`);
      statuses.push(response.status);
      await response.text();
    }
    // 3 failures earlier in this file, then 57 more are answered; past 60 a minute: 429.
    expect(statuses.filter((status) => status === 200)).toHaveLength(57);
    expect(statuses.slice(57).every((status) => status === 429)).toBe(true);
  });

  it('leaves the ledger consistent with every order (aihub ledger verify)', async () => {
    await epay.settled();
    const report = await verifyLedger(gateway.app.store);
    expect(report.ok).toBe(true);
  });
});
