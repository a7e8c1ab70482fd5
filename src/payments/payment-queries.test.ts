import { expect, it } from 'vitest';
import { createUser, testClock } from '../../test/billing/billing-fixtures.js';
import { describeEachDialect } from '../../test/db-harness.js';
import { newId } from '../platform/ids.js';
import { OrderService } from './order-service.js';
import { listEvents, listOrders } from './payment-queries.js';
import type { PaymentProvider } from './payment-types.js';

const provider: PaymentProvider = {
  method: 'epay',
  currency: 'CNY',
  createCheckout: async (order) => ({ providerRef: order.id, url: `https://pay.example/${order.id}` }),
  verifyNotification: () => ({ ok: false, reason: 'unused' }),
  reply: () => ({ status: 200, contentType: 'text/plain', body: 'success' }),
  lookup: async () => ({ state: 'unknown', detail: {} }),
};
const URLS = () => ({ notifyUrl: 'https://a/n', returnUrl: 'https://a/r' });

describeEachDialect('payment order and event queries', (store) => {
  const clock = testClock();
  const orders = () => new OrderService(store(), { now: clock.now, newId });

  it('pages orders newest first by cursor, filtered by user, status, method and time', async () => {
    const alice = await createUser(store());
    const bob = await createUser(store());
    const ids: string[] = [];
    const start = clock.now();
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      const input = { userId: alice, method: 'epay' as const, purpose: 'topup' as const, currency: 'CNY' as const };
      const order = await orders().create(
        { ...input, payAmount: 100 + i, creditAmount: 1_000_000, bonusAmount: 0, subject: 's' },
        provider,
        URLS,
      );
      ids.push(order.id);
    }
    await orders().create(
      {
        userId: bob,
        method: 'epay',
        purpose: 'topup',
        currency: 'CNY',
        payAmount: 1,
        creditAmount: 1,
        bonusAmount: 0,
        subject: 's',
      },
      provider,
      URLS,
    );
    await orders().mark(ids[0] as string, 'failed', 'admin', 'gave up');

    const first = await listOrders(store(), { userId: alice, limit: 2 });
    expect(first.data.map((order) => order.id)).toEqual([ids[4], ids[3]]);
    const second = await listOrders(store(), { userId: alice, limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.data.map((order) => order.id)).toEqual([ids[2], ids[1]]);
    const last = await listOrders(store(), { userId: alice, limit: 2, cursor: second.nextCursor ?? '' });
    expect(last).toEqual({ data: [expect.objectContaining({ id: ids[0] })], nextCursor: null });

    expect((await listOrders(store(), { status: 'failed' })).data.map((order) => order.id)).toEqual([ids[0]]);
    const window = await listOrders(store(), { userId: alice, since: start + 2000, until: start + 4000 });
    expect(window.data.map((order) => order.id)).toEqual([ids[2], ids[1]]);
    expect((await listOrders(store(), { userId: bob })).data).toHaveLength(1);
    await expect(listOrders(store(), { cursor: 'not-a-cursor' })).rejects.toMatchObject({ status: 400 });

    const events = await listEvents(store(), { orderId: ids[0] });
    expect(events.data).toEqual([expect.objectContaining({ outcome: 'marked', actor: 'admin', kind: 'admin' })]);
    expect((await listEvents(store(), { outcome: 'refused' })).data).toEqual([]);
  });
});
