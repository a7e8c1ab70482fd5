/**
 * Top-up through Alipay (QR mode) end to end: a real AIHub server configured from the admin
 * console, the Alipay emulator (RSA2 both ways) posting its asynchronous notifications to the
 * server's notify route, and the forgeries, replays and refunds the issue names.
 *
 * Not tested here because it cannot happen with Alipay: a currency mismatch. Alipay's trade API
 * is CNY-only (`total_amount` is yuan, no currency field in the order or the notification; the
 * provider refuses to open a non-CNY order), so a notification cannot name another currency. A
 * changed amount is the attack that remains, and is tested.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/billing/ledger-verify.js';
import { type AlipayEmulator, startAlipayEmulator } from '../emulators/alipay-emulator.js';
import { type Gateway, startGateway } from './gateway-harness.js';
import { asAdmin, asUser, register, type Session } from './platform-client.js';

const DOLLAR = 1_000_000;
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** Someone else's key: a forger who knows the protocol but not Alipay's private key. */
const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });

interface Order {
  id: string;
  payAmount: number;
  checkout: { qrCode?: string; url?: string };
}

// Money moves here: the whole suite runs on both databases (PostgreSQL is where deliveries really race).
for (const database of ['sqlite', 'postgres'] as const) {
  describe(`top-up through Alipay, end to end [${database}]`, () => {
    let gateway: Gateway;
    let alipay: AlipayEmulator;
    let alice: Session;
    let bob: Session;

    beforeAll(async () => {
      alipay = await startAlipayEmulator({
        merchantPublicKey: merchant.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      });
      gateway = await startGateway({}, database);
      // Configured in the console, as an operator pastes the keys (the private key is stored encrypted).
      const configured = await asAdmin(gateway, 'PUT', '/api/admin/payments/providers/alipay', {
        fields: {
          appId: alipay.appId,
          privateKey: merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
          alipayPublicKey: alipay.alipayPublicKey,
          gateway: alipay.gateway,
          // The account's PID: notifications for another account collecting through the same app are refused.
          sellerId: alipay.sellerId,
        },
      });
      expect(configured.status).toBe(200);
      expect(configured.json).toMatchObject({ method: 'alipay', configured: true });
      const rules = await asAdmin(gateway, 'PATCH', '/api/admin/settings', {
        topUp: {
          enabledMethods: ['alipay'],
          minAmount: DOLLAR,
          maxAmount: 500 * DOLLAR,
          bonusTiers: [{ atLeast: 100 * DOLLAR, bonus: 10 * DOLLAR }],
          cnyFenPerUsd: 720,
        },
      });
      expect(rules.status).toBe(200);
      alice = await register(gateway, 'alice-alipay@example.com');
      bob = await register(gateway, 'bob-alipay@example.com');
    });
    afterAll(async () => {
      await gateway?.close();
      await alipay?.close();
    });

    const balanceOf = async (session: Session) => (await asUser(gateway, session, 'GET', '/api/balance')).json.balance;
    const newOrder = async (session: Session, amount: number): Promise<Order> => {
      const reply = await asUser(gateway, session, 'POST', '/api/payments/orders', { method: 'alipay', amount });
      expect(reply.status).toBe(201);
      return reply.json;
    };
    /** The payer scans the QR code: the emulator's scan page, then its Pay button. */
    const scanAndPay = async (order: Order) => {
      const page = await fetch(order.checkout.qrCode as string);
      const html = await page.text();
      const action = /action="([^"]+)"/.exec(html)?.[1];
      if (!action) throw new Error(`no pay form in ${html}`);
      const paid = await fetch(`${alipay.url}${action}`, { method: 'POST', redirect: 'manual' });
      await paid.arrayBuffer();
      return html;
    };
    /** What Alipay posts for a paid trade (its fields in Alipay's order, unsigned). */
    const paidFields = (order: Order, overrides: Record<string, string> = {}) => {
      const trade = alipay.trades.get(order.id);
      if (!trade) throw new Error(`Alipay has no trade ${order.id}`);
      return {
        notify_time: '2026-12-06 10:00:00',
        notify_type: 'trade_status_sync',
        notify_id: randomBytes(16).toString('hex'),
        app_id: alipay.appId,
        seller_id: alipay.sellerId,
        trade_no: trade.tradeNo,
        out_trade_no: order.id,
        total_amount: (trade.totalFen / 100).toFixed(2),
        trade_status: 'TRADE_SUCCESS',
        gmt_payment: '2026-12-06 10:00:00',
        ...overrides,
      };
    };
    const notify = async (body: Buffer) => {
      const response = await fetch(`${gateway.origin}/api/payments/alipay/notify`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: new Uint8Array(body),
      });
      return { status: response.status, body: await response.text() };
    };
    const orderOf = async (session: Session, id: string) =>
      (await asUser(gateway, session, 'GET', `/api/payments/orders/${id}`)).json;
    const eventsOf = async (id: string) =>
      (await asAdmin(gateway, 'GET', `/api/admin/payments/orders/${id}`)).json.events as Array<{
        outcome: string;
        reason: string;
      }>;

    it('shows the console configuration without the private key', async () => {
      const view = await asAdmin(gateway, 'GET', '/api/admin/payments/providers');
      expect(JSON.stringify(view.json)).not.toContain('PRIVATE KEY');
      const fields = view.json.data.find((p: { method: string }) => p.method === 'alipay').fields;
      expect(fields).toContainEqual(expect.objectContaining({ name: 'privateKey', secret: true, source: 'console' }));
      expect(fields).toContainEqual(expect.objectContaining({ name: 'appId', source: 'console', value: alipay.appId }));
    });

    it('pays by QR code: the notification credits amount + bonus exactly once', async () => {
      const before = await balanceOf(alice);
      const order = await newOrder(alice, 100 * DOLLAR);
      expect(order).toMatchObject({
        status: 'created',
        currency: 'CNY',
        payAmount: 72_000,
        creditAmount: 110 * DOLLAR,
      });
      expect(order.checkout).toEqual({ qrCode: `${alipay.url}/qr/${order.id}` });
      const precreate = alipay.requests.find((r) => r.method === 'alipay.trade.precreate');
      expect(precreate?.params.notify_url).toBe(`${gateway.origin}/api/payments/alipay/notify`);
      expect(JSON.parse(precreate?.params.biz_content ?? '{}')).toMatchObject({
        out_trade_no: order.id,
        total_amount: '720.00',
      });

      expect(await scanAndPay(order)).toContain('¥720.00');
      expect(alipay.deliveries.at(-1)?.answers).toEqual(['success']);
      expect(await orderOf(alice, order.id)).toMatchObject({ status: 'credited' });
      expect(await balanceOf(alice)).toBe(before + 110 * DOLLAR);

      // The same notification again (Alipay retrying): acknowledged, not credited again.
      const again = await notify(alipay.signedNotification(alipay.deliveries.at(-1)?.params ?? {}));
      expect(again).toEqual({ status: 200, body: 'success' });
      expect(await balanceOf(alice)).toBe(before + 110 * DOLLAR);
      const lookup = await asAdmin(gateway, 'POST', `/api/admin/payments/orders/${order.id}/lookup`);
      expect(lookup.json).toMatchObject({ state: 'paid', payAmount: 72_000, currency: 'CNY' });
    });

    it('refuses a bad signature: nothing credited, Alipay told to retry, never why', async () => {
      const before = await balanceOf(bob);
      const order = await newOrder(bob, 5 * DOLLAR);
      const forged = await notify(alipay.signedNotification(paidFields(order), forger.privateKey));
      expect(forged).toEqual({ status: 200, body: 'fail' });
      // Alipay's own signature over the fields, then one of them changed in transit.
      const signed = alipay.signedNotification(paidFields(order)).toString();
      const tampered = await notify(Buffer.from(signed.replace('total_amount=36.00', 'total_amount=3600.00')));
      expect(tampered.body).toBe('fail');
      expect((await orderOf(bob, order.id)).status).toBe('created');
      expect(await balanceOf(bob)).toBe(before);
    });

    it('refuses a notification for another app_id', async () => {
      const before = await balanceOf(bob);
      const order = await newOrder(bob, 5 * DOLLAR);
      const reply = await notify(alipay.signedNotification(paidFields(order, { app_id: '2021000000009999' })));
      expect(reply.body).toBe('fail');
      expect((await orderOf(bob, order.id)).status).toBe('created');
      expect(await balanceOf(bob)).toBe(before);
    });

    it('refuses a notification for another seller account (seller_id)', async () => {
      const before = await balanceOf(bob);
      const order = await newOrder(bob, 5 * DOLLAR);
      // Signed by Alipay, for our app, but the money went to another merchant account.
      const reply = await notify(alipay.signedNotification(paidFields(order, { seller_id: '2088000000000002' })));
      expect(reply.body).toBe('fail');
      expect((await orderOf(bob, order.id)).status).toBe('created');
      expect(await balanceOf(bob)).toBe(before);
    });

    it('refuses a good signature on a changed amount', async () => {
      const before = await balanceOf(bob);
      const order = await newOrder(bob, 5 * DOLLAR);
      // Signed with Alipay's key (a confused or compromised gateway), for one fen.
      const reply = await notify(alipay.signedNotification(paidFields(order, { total_amount: '0.01' })));
      expect(reply).toEqual({ status: 200, body: 'success' });
      expect((await orderOf(bob, order.id)).status).toBe('created');
      expect(await balanceOf(bob)).toBe(before);
      expect(await eventsOf(order.id)).toEqual([
        expect.objectContaining({ outcome: 'refused', reason: 'Paid 1 minor units; the order is for 3600.' }),
      ]);
    });

    it('refuses a notification for an unknown order', async () => {
      const order = await newOrder(bob, 2 * DOLLAR);
      const fields = paidFields(order, { out_trade_no: 'ord_does_not_exist' });
      expect((await notify(alipay.signedNotification(fields))).body).toBe('success');
      const refused = await asAdmin(gateway, 'GET', '/api/admin/payments/events?outcome=refused&provider=alipay');
      expect(refused.json.data[0]).toMatchObject({
        orderId: null,
        reason: 'No order of ours matches this notification.',
      });
      expect((await orderOf(bob, order.id)).status).toBe('created');
    });

    it('credits once when the same notification is delivered 50 times concurrently', async () => {
      const before = await balanceOf(bob);
      const order = await newOrder(bob, 7 * DOLLAR);
      const body = alipay.signedNotification(paidFields(order));
      const replies = await Promise.all(Array.from({ length: 50 }, () => notify(body)));
      expect(replies.every((reply) => reply.body === 'success')).toBe(true);
      expect(await balanceOf(bob)).toBe(before + 7 * DOLLAR);
      const outcomes = (await eventsOf(order.id)).map((event) => event.outcome);
      expect(outcomes.filter((outcome) => outcome === 'credited')).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome === 'duplicate')).toHaveLength(49);
    });

    it('a return URL hit without a notification credits nothing', async () => {
      const before = await balanceOf(bob);
      const order = await newOrder(bob, 4 * DOLLAR);
      // The browser arrives with Alipay's signed synchronous-return fields, but no notification came.
      const trade = alipay.trades.get(order.id);
      const returned = alipay.signedNotification({
        method: 'alipay.trade.page.pay.return',
        app_id: alipay.appId,
        seller_id: alipay.sellerId,
        out_trade_no: order.id,
        trade_no: trade?.tradeNo ?? '',
        total_amount: '28.80',
        timestamp: '2026-12-06 10:00:00',
      });
      const back = await fetch(`${gateway.origin}/api/payments/alipay/return?order=${order.id}&${returned}`, {
        redirect: 'manual',
      });
      expect(back.status).toBe(303);
      expect(back.headers.get('location')).toBe(`/billing?order=${order.id}`);
      expect((await orderOf(bob, order.id)).status).toBe('created');
      expect(await balanceOf(bob)).toBe(before);
      expect(await eventsOf(order.id)).toEqual([expect.objectContaining({ kind: 'return', outcome: 'ignored' })]);
    });

    it('a refund before the payment event leaves nothing credited', async () => {
      const before = await balanceOf(bob);
      const order = await newOrder(bob, 9 * DOLLAR);
      // The buyer paid, but Alipay's payment notification has not reached us yet (retries are
      // minutes apart); meanwhile the trade is refunded in full and that notification arrives first.
      const trade = alipay.trades.get(order.id);
      if (!trade) throw new Error('no trade');
      trade.status = 'TRADE_SUCCESS';
      const refund = await alipay.refund(order.id, trade.totalFen);
      expect(refund.delivery.answers).toEqual(['success']);
      expect(await orderOf(bob, order.id)).toMatchObject({ status: 'refunded', reversedAmount: 0 });

      // Now the payment notification arrives: acknowledged, refused, never credited.
      expect((await notify(alipay.signedNotification(paidFields(order)))).body).toBe('success');
      expect((await orderOf(bob, order.id)).status).toBe('refunded');
      expect(await balanceOf(bob)).toBe(before);
      expect(await eventsOf(order.id)).toContainEqual(
        expect.objectContaining({
          outcome: 'refused',
          reason: 'The payment was refunded before it was reported paid: not credited.',
        }),
      );
      const ledger = (await asUser(gateway, bob, 'GET', '/api/ledger')).json.data as Array<{ reference: string }>;
      expect(ledger.filter((entry) => entry.reference.startsWith(order.id))).toEqual([]);
    });

    it('refunds reverse in proportion (partial, then full), each once', async () => {
      const order = await newOrder(bob, 100 * DOLLAR);
      await scanAndPay(order);
      const credited = await balanceOf(bob);

      // A quarter of the money back (¥180 of ¥720): a quarter of the credit, bonus included ($27.50).
      const partial = await alipay.refund(order.id, 18_000);
      expect(partial.delivery.answers).toEqual(['success']);
      expect(await orderOf(bob, order.id)).toMatchObject({ status: 'credited', refundedPayAmount: 18_000 });
      expect(await balanceOf(bob)).toBe(credited - 27_500_000);
      // Alipay retrying the refund notification: the same refund, not reversed twice.
      expect((await notify(alipay.signedNotification(partial.delivery.params))).body).toBe('success');
      expect(await balanceOf(bob)).toBe(credited - 27_500_000);

      const rest = await alipay.refund(order.id, 54_000);
      expect(rest.delivery.answers).toEqual(['success']);
      expect(await orderOf(bob, order.id)).toMatchObject({
        status: 'refunded',
        refundedPayAmount: 72_000,
        reversedAmount: 110 * DOLLAR,
      });
      expect(await balanceOf(bob)).toBe(credited - 110 * DOLLAR);
      const refunds = (await asUser(gateway, bob, 'GET', '/api/ledger?kind=refund')).json.data;
      expect(refunds).toEqual([
        expect.objectContaining({ amount: -82_500_000, reference: `${order.id}:${rest.outRequestNo}` }),
        expect.objectContaining({ amount: -27_500_000, reference: `${order.id}:${partial.outRequestNo}` }),
      ]);
    });

    it('logs every refusal, visible in the admin events route', async () => {
      const failed = await asAdmin(gateway, 'GET', '/api/admin/payments/events?outcome=verify_failed&provider=alipay');
      // A forged signature, a tampered amount, another app, another seller account.
      expect(failed.json.data).toHaveLength(4);
      for (const event of failed.json.data) {
        expect(event).toMatchObject({
          kind: 'notify',
          orderId: null,
          payload: null,
          remoteAddress: expect.any(String),
        });
      }
      expect(failed.json.data.map((event: { reason: string }) => event.reason).sort()).toEqual([
        'The notification is for app 2021000000009999, not ours.',
        'The notification is for seller 2088000000000002, not our account 2088101117955611.',
        'The notification’s RSA2 signature does not verify with the Alipay public key.',
        'The notification’s RSA2 signature does not verify with the Alipay public key.',
      ]);
    });

    it('leaves the ledger consistent with every order (aihub ledger verify)', async () => {
      const report = await verifyLedger(gateway.app.store);
      expect(report.ok).toBe(true);
    });
  });
}
