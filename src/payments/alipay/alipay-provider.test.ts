/**
 * The Alipay provider against the Alipay emulator (real HTTP, RSA2 both ways), with a real
 * OrderService on SQLite and PostgreSQL: QR and page checkouts, notifications, refunds, and the
 * forgery and replay cases.
 */
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createUser, ledgerSum } from '../../../test/billing/billing-fixtures.js';
import { describeEachDialect } from '../../../test/db-harness.js';
import { type AlipayEmulator, startAlipayEmulator } from '../../../test/emulators/alipay-emulator.js';
import {
  handleNotification,
  type NotifyEndpoint,
  startNotifyEndpoint,
} from '../../../test/payments/notify-endpoint.js';
import { newId } from '../../platform/ids.js';
import { OrderService, type PaymentOrder } from '../order-service.js';
import type { PaymentProvider } from '../payment-types.js';
import { alipayDefinition } from './alipay-provider.js';

const RETURN_URL = 'https://aihub.example/console/topup?done=1';
const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
/** As the Alipay console's key tool shows them: bare base64, the app's key PKCS#1. */
const bare = (pem: string) => pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

describeEachDialect('Alipay provider against the emulator', (store) => {
  let emulator: AlipayEmulator;
  let endpoint: NotifyEndpoint;
  let qr: PaymentProvider;
  let page: PaymentProvider;
  let current: () => PaymentProvider = () => qr;
  const orders = () => new OrderService(store(), { now: Date.now, newId });

  beforeAll(async () => {
    emulator = await startAlipayEmulator({
      merchantPublicKey: merchant.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
    });
    const config = (mode: 'qr' | 'page') =>
      alipayDefinition.configSchema.parse({
        appId: emulator.appId,
        privateKey: merchant.privateKey.export({ type: 'pkcs1', format: 'der' }).toString('base64'),
        alipayPublicKey: bare(emulator.alipayPublicKey),
        gateway: emulator.gateway,
        mode,
      });
    qr = alipayDefinition.create(config('qr'), { now: Date.now, fetch });
    page = alipayDefinition.create(config('page'), { now: Date.now, fetch });
    endpoint = await startNotifyEndpoint(() => current(), orders, store, 'notify');
  });
  afterAll(async () => {
    await endpoint?.close();
    await emulator?.close();
  });

  const openOrder = async (userId: string, provider = qr, payAmount = 7200): Promise<PaymentOrder> =>
    orders().create(
      {
        userId,
        method: 'alipay',
        purpose: 'topup',
        currency: 'CNY',
        payAmount,
        creditAmount: 10_000_000,
        bonusAmount: 0,
        subject: 'AIHub 充值 $10.00',
      },
      provider,
      () => ({ notifyUrl: endpoint.url, returnUrl: RETURN_URL }),
    );

  const deliver = (rawBody: Buffer) =>
    handleNotification(
      qr,
      orders(),
      store(),
      {
        method: 'POST',
        query: {},
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        rawBody,
      },
      'notify',
    );

  const paidParams = (order: PaymentOrder, overrides: Record<string, string> = {}) => ({
    notify_id: 'n1',
    app_id: emulator.appId,
    trade_no: `T${order.id}`,
    out_trade_no: order.id,
    trade_status: 'TRADE_SUCCESS',
    total_amount: '72.00',
    ...overrides,
  });

  it('QR mode: precreate signed and verified both ways; scanning and paying credits once', async () => {
    current = () => qr;
    const userId = await createUser(store());
    const order = await openOrder(userId);
    expect(order.providerRef).toBe(order.id);
    expect(order.checkout?.qrCode).toBe(`${emulator.url}/qr/${order.id}`);
    const sent = emulator.requests.findLast((r) => r.method === 'alipay.trade.precreate');
    expect(sent?.params).toMatchObject({ sign_type: 'RSA2', charset: 'utf-8', notify_url: endpoint.url });
    expect(JSON.parse(sent?.params.biz_content as string)).toMatchObject({
      out_trade_no: order.id,
      total_amount: '72.00',
      subject: 'AIHub 充值 $10.00',
      time_expire: expect.stringMatching(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/),
    });
    expect(await qr.lookup(order)).toMatchObject({ state: 'unpaid' });

    expect(await (await fetch(order.checkout?.qrCode as string)).text()).toContain('¥72.00');
    await fetch(`${emulator.url}/pay/${order.id}`, { method: 'POST', redirect: 'manual' });
    expect(emulator.deliveries.at(-1)?.answers).toEqual(['success']);
    expect(await ledgerSum(store(), userId)).toBe(10_000_000);
    expect(await qr.lookup(order)).toMatchObject({ state: 'paid', payAmount: 7200, currency: 'CNY' });
    // Alipay notifying the same trade again changes nothing.
    await emulator.pay(order.id);
    expect(emulator.deliveries.at(-1)?.answers).toEqual(['success']);
    expect(await ledgerSum(store(), userId)).toBe(10_000_000);
  });

  it('page mode: a signed cashier URL; paying notifies, then returns the browser to return_url', async () => {
    current = () => page;
    const userId = await createUser(store());
    const order = await openOrder(userId, page);
    expect(order.checkout?.url).toMatch(new RegExp(`^${emulator.gateway}\\?`));
    const cashier = await fetch(order.checkout?.url as string);
    expect(await cashier.text()).toContain('确认付款');
    const paid = await fetch(`${emulator.url}/pay/${order.id}`, { method: 'POST', redirect: 'manual' });
    expect(paid.status).toBe(303);
    expect(paid.headers.get('location')).toMatch(
      /^https:\/\/aihub\.example\/console\/topup\?done=1&charset=utf-8&out_trade_no=/,
    );
    expect(await ledgerSum(store(), userId)).toBe(10_000_000);
    current = () => qr;
  });

  it('a good signature on a changed amount: the provider passes it, the order service refuses it', async () => {
    const userId = await createUser(store());
    const order = await openOrder(userId);
    const forged = emulator.signedNotification(paidParams(order, { total_amount: '0.01' }));
    const verified = qr.verifyNotification({ method: 'POST', query: {}, headers: {}, rawBody: forged });
    expect(verified).toMatchObject({ ok: true, notice: { type: 'paid', payAmount: 1 } });
    expect(await deliver(forged)).toMatchObject({ outcome: 'refused' });
    expect(await ledgerSum(store(), userId)).toBe(0);
  });

  it('a bad signature, and a notification for another merchant, are refused before anything is applied', async () => {
    const userId = await createUser(store());
    const order = await openOrder(userId);
    const stranger = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const badSignature = emulator.signedNotification(paidParams(order), stranger.privateKey);
    expect(await deliver(badSignature)).toMatchObject({ outcome: 'verify_failed' });
    const otherApp = emulator.signedNotification(paidParams(order, { app_id: '2021000000009999' }));
    expect(await deliver(otherApp)).toMatchObject({
      outcome: 'verify_failed',
      reason: expect.stringMatching(/not ours/),
    });
    const tampered = Buffer.from(emulator.signedNotification(paidParams(order)).toString().replace('72.00', '7200.00'));
    expect(await deliver(tampered)).toMatchObject({ outcome: 'verify_failed' });
    expect(await ledgerSum(store(), userId)).toBe(0);
  });

  it('one notification replayed 50 times concurrently credits once', async () => {
    const userId = await createUser(store());
    const order = await openOrder(userId);
    const body = emulator.signedNotification(paidParams(order));
    const results = await Promise.all(Array.from({ length: 50 }, () => deliver(body)));
    expect(results.filter((r) => r.outcome === 'credited')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(49);
    expect(await ledgerSum(store(), userId)).toBe(10_000_000);
  });

  it('a notification for an unknown order credits nothing', async () => {
    const userId = await createUser(store());
    const order = await openOrder(userId);
    const body = emulator.signedNotification(paidParams(order, { out_trade_no: 'ord_unknown' }));
    expect(await deliver(body)).toMatchObject({ outcome: 'refused' });
    expect(await ledgerSum(store(), userId)).toBe(0);
  });

  it('refunds reverse exactly their own amount (not the cumulative refund_fee), once each', async () => {
    const userId = await createUser(store());
    const order = await openOrder(userId);
    await emulator.pay(order.id);
    expect(await ledgerSum(store(), userId)).toBe(10_000_000);
    const first = await emulator.refund(order.id, 1800);
    expect(first.delivery.answers).toEqual(['success']);
    expect(await ledgerSum(store(), userId)).toBe(7_500_000);
    const second = await emulator.refund(order.id, 1800);
    expect(second.delivery.params.refund_fee).toBe('36.00');
    expect(await ledgerSum(store(), userId)).toBe(5_000_000);
    // The first refund's notification delivered again: that refund is already reversed.
    expect(await deliver(emulator.signedNotification(first.delivery.params))).toMatchObject({ outcome: 'duplicate' });
    expect(await ledgerSum(store(), userId)).toBe(5_000_000);
    const rest = await emulator.refund(order.id, 3600);
    expect(rest.delivery.params.trade_status).toBe('TRADE_CLOSED');
    expect(await ledgerSum(store(), userId)).toBe(0);
    expect((await orders().get(order.id))?.status).toBe('refunded');
  });

  it('a refund notification before the payment’s: the late payment is refused', async () => {
    const userId = await createUser(store());
    const order = await openOrder(userId);
    // Alipay took the money and refunded it; the payment notification is late.
    const trade = emulator.trades.get(order.id);
    if (!trade) throw new Error('no trade');
    trade.status = 'TRADE_CLOSED';
    trade.refunds.push({ outRequestNo: 'RF-early', amountFen: 7200 });
    const refund = emulator.signedNotification(
      paidParams(order, {
        trade_no: trade.tradeNo,
        trade_status: 'TRADE_CLOSED',
        out_biz_no: 'RF-early',
        refund_fee: '72.00',
        gmt_refund: '2026-12-06 10:00:00.000',
      }),
    );
    expect(await deliver(refund)).toMatchObject({ outcome: 'reversed' });
    const late = emulator.signedNotification(paidParams(order, { trade_no: trade.tradeNo }));
    expect(await deliver(late)).toMatchObject({ outcome: 'refused' });
    expect(await ledgerSum(store(), userId)).toBe(0);
  });

  it('a refund notification Alipay cannot confirm reverses nothing', async () => {
    const userId = await createUser(store());
    const order = await openOrder(userId);
    await emulator.pay(order.id);
    const unconfirmed = emulator.signedNotification(
      paidParams(order, { out_biz_no: 'RF-unknown', refund_fee: '72.00', gmt_refund: '2026-12-06 10:00:00.000' }),
    );
    expect(await deliver(unconfirmed)).toMatchObject({ outcome: 'ignored' });
    expect(await ledgerSum(store(), userId)).toBe(10_000_000);
  });

  it('a refused precreate fails the order with Alipay’s sub_msg', async () => {
    emulator.failNext('ACQ.TOTAL_FEE_EXCEED', 1, '订单金额超过限额');
    await expect(
      qr.createCheckout(
        { id: 'ord_limit', payAmount: 7200, currency: 'CNY', subject: 'x', expiresAt: Date.now() + 3_600_000 },
        { notifyUrl: endpoint.url, returnUrl: RETURN_URL },
      ),
    ).rejects.toThrow('订单金额超过限额');
  });
});
