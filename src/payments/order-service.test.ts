import { expect, it } from 'vitest';
import { createUser, ledgerSum, testClock, userRow } from '../../test/billing/billing-fixtures.js';
import { testCredit } from '../../test/billing/reason-fixture.js';
import { describeEachDialect } from '../../test/db-harness.js';
import { fakeProvider, paidNotice, refundNotice } from '../../test/payments/notice-fixtures.js';
import { verifyLedger } from '../billing/ledger-verify.js';
import { newId } from '../platform/ids.js';
import { OrderService, proportion } from './order-service.js';
import type { PaymentNotice } from './payment-types.js';

const URLS = () => ({ notifyUrl: 'https://aihub.example/notify', returnUrl: 'https://aihub.example/back' });

function paid(orderId: string, overrides: Partial<Extract<PaymentNotice, { type: 'paid' }>> = {}): PaymentNotice {
  return paidNotice(orderId, 7200, overrides);
}

const refund = refundNotice;

const NOTIFY = { kind: 'notify' as const };

describeEachDialect('payment orders', (store) => {
  const clock = testClock();
  const service = () => new OrderService(store(), { now: clock.now, newId });
  const order = async (userId: string, creditAmount = 11_000_000, bonusAmount = 1_000_000) =>
    service().create(
      {
        userId,
        method: 'epay',
        purpose: 'topup',
        currency: 'CNY',
        payAmount: 7200,
        creditAmount,
        bonusAmount,
        subject: 'credit',
      },
      fakeProvider(),
      URLS,
    );

  it('credits a paid order once, with a ledger entry that names the order', async () => {
    const userId = await createUser(store());
    const created = await order(userId);
    expect(created).toMatchObject({
      status: 'created',
      providerRef: `T${created.id}`,
      checkout: { url: expect.any(String) },
    });
    const result = await service().applyNotice('epay', paid(created.id), NOTIFY);
    expect(result.outcome).toBe('credited');
    expect((await userRow(store(), userId)).balance).toBe(11_000_000);
    const entry = await store()
      .db.selectFrom('ledger_entries')
      .selectAll()
      .where('reference', '=', created.id)
      .executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ kind: 'topup', user_id: userId });
    expect((await service().get(created.id))?.status).toBe('credited');
  });

  it('the same event delivered 50 times concurrently credits exactly once, and logs every delivery', async () => {
    const userId = await createUser(store());
    const created = await order(userId);
    const results = await Promise.all(
      Array.from({ length: 50 }, () => service().applyNotice('epay', paid(created.id), NOTIFY)),
    );
    expect(results.filter((r) => r.outcome === 'credited')).toHaveLength(1);
    expect(results.filter((r) => r.outcome === 'duplicate')).toHaveLength(49);
    expect(await ledgerSum(store(), userId)).toBe(11_000_000);
    const events = await store()
      .db.selectFrom('payment_events')
      .select('outcome')
      .where('order_id', '=', created.id)
      .execute();
    expect(events).toHaveLength(50);
  });

  it('different events for one order (two notification types) credit once', async () => {
    const userId = await createUser(store());
    const created = await order(userId);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        service().applyNotice('epay', paid(created.id, { eventKey: `e${i}-${created.id}` }), NOTIFY),
      ),
    );
    expect(results.filter((r) => r.outcome === 'credited')).toHaveLength(1);
    expect(await ledgerSum(store(), userId)).toBe(11_000_000);
  });

  it('refuses a changed amount, another currency, an unknown order and another provider, and logs each refusal', async () => {
    const userId = await createUser(store());
    const created = await order(userId);
    const refusals = [
      await service().applyNotice('epay', paid(created.id, { payAmount: 7199 }), NOTIFY),
      await service().applyNotice('epay', paid(created.id, { currency: 'USD' }), NOTIFY),
      await service().applyNotice('epay', paid('ord_unknown'), NOTIFY),
      await service().applyNotice('stripe', paid(created.id), NOTIFY),
      await service().applyNotice(
        'epay',
        paid(created.id, { orderId: undefined, providerRef: 'someone-else' }),
        NOTIFY,
      ),
      await service().applyNotice('epay', paid(created.id, { providerRef: 'someone-else' }), NOTIFY),
    ];
    for (const result of refusals) expect(result.outcome).toBe('refused');
    expect(await ledgerSum(store(), userId)).toBe(0);
    const logged = await store()
      .db.selectFrom('payment_events')
      .select('outcome')
      .where('outcome', '=', 'refused')
      .execute();
    expect(logged.length).toBeGreaterThanOrEqual(refusals.length);
    expect((await service().get(created.id))?.status).toBe('created');
  });

  it('a refund before the payment event leaves nothing credited', async () => {
    const userId = await createUser(store());
    const created = await order(userId);
    expect((await service().applyNotice('epay', refund(created.id, 'r1', 7200), NOTIFY)).outcome).toBe('reversed');
    expect((await service().get(created.id))?.status).toBe('refunded');
    const late = await service().applyNotice('epay', paid(created.id), NOTIFY);
    expect(late.outcome).toBe('refused');
    expect(await ledgerSum(store(), userId)).toBe(0);
  });

  it('refunds reverse the credit in proportion, bonus included, once per refund id, and may take the balance negative', async () => {
    const userId = await createUser(store());
    const created = await order(userId);
    await service().applyNotice('epay', paid(created.id), NOTIFY);
    // The user spends some of it first.
    await store()
      .db.transaction()
      .execute(async (trx) => {
        const { appendLedgerEntry } = await import('../billing/ledger-write.js');
        await appendLedgerEntry(trx, {
          id: newId('led'),
          userId,
          amount: -5_000_000,
          kind: 'charge',
          reason: testCredit('spent'),
          reference: newId('req'),
          createdAt: 1,
        });
      });
    const partial = await Promise.all(
      Array.from({ length: 20 }, () => service().applyNotice('epay', refund(created.id, 'r1', 3600), NOTIFY)),
    );
    expect(partial.filter((r) => r.outcome === 'reversed')).toHaveLength(1);
    expect((await userRow(store(), userId)).balance).toBe(11_000_000 - 5_000_000 - 5_500_000);
    expect((await service().get(created.id))?.status).toBe('credited');
    await service().applyNotice('epay', refund(created.id, 'r2', 3600), NOTIFY);
    const after = await service().get(created.id);
    expect(after).toMatchObject({ status: 'refunded', reversedAmount: 11_000_000, refundedPayAmount: 7200 });
    expect((await userRow(store(), userId)).balance).toBe(-5_000_000);
    expect((await service().applyNotice('epay', refund(created.id, 'r3', 1), NOTIFY)).outcome).toBe('refused');
    expect((await service().applyNotice('epay', paid(created.id), NOTIFY)).outcome).toBe('duplicate');
    expect((await verifyLedger(store())).mismatches).toEqual([]);
  });

  it('an expired order still credits when its payment is confirmed; a failed checkout cannot be paid', async () => {
    const userId = await createUser(store());
    const created = await order(userId);
    clock.advance(2 * 60 * 60 * 1000);
    expect(await service().expireDue()).toBeGreaterThanOrEqual(1);
    expect((await service().get(created.id))?.status).toBe('expired');
    expect((await service().applyNotice('epay', paid(created.id), NOTIFY)).outcome).toBe('credited');

    await expect(
      service().create(
        {
          userId,
          method: 'epay',
          purpose: 'topup',
          currency: 'CNY',
          payAmount: 7200,
          creditAmount: 10_000_000,
          bonusAmount: 0,
          subject: 'x',
        },
        fakeProvider({ fail: true }),
        URLS,
      ),
    ).rejects.toMatchObject({ code: 'payment_provider_error', status: 502 });
    const failed = await store()
      .db.selectFrom('payment_orders')
      .select(['id', 'status'])
      .where('user_id', '=', userId)
      .where('status', '=', 'failed')
      .executeTakeFirstOrThrow();
    expect((await service().applyNotice('epay', paid(failed.id), NOTIFY)).outcome).toBe('refused');
    expect(await ledgerSum(store(), userId)).toBe(11_000_000);
  });

  it('an operator marks a stuck order paid once, logged with who did it', async () => {
    const userId = await createUser(store());
    const created = await order(userId);
    const marked = await service().mark(created.id, 'credited', 'usr_admin', 'Checked at the provider: paid.');
    expect(marked).toMatchObject({ status: 'credited', markedBy: 'usr_admin' });
    await expect(service().mark(created.id, 'credited', 'usr_admin', '')).rejects.toMatchObject({
      code: 'order_not_markable',
    });
    expect((await service().applyNotice('epay', paid(created.id), NOTIFY)).outcome).toBe('duplicate');
    expect(await ledgerSum(store(), userId)).toBe(11_000_000);
    const event = await store()
      .db.selectFrom('payment_events')
      .selectAll()
      .where('order_id', '=', created.id)
      .where('kind', '=', 'admin')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({ actor: 'usr_admin', outcome: 'credited' });
  });

  it('ledger verify finds a credit the order does not explain, and a credited order without its entry', async () => {
    const userId = await createUser(store());
    const stray = await order(userId);
    const { appendLedgerEntry } = await import('../billing/ledger-write.js');
    await store()
      .db.transaction()
      .execute((trx) =>
        appendLedgerEntry(trx, {
          id: newId('led'),
          userId,
          amount: 1,
          kind: 'topup',
          reason: testCredit('forged'),
          reference: stray.id,
          createdAt: 1,
        }),
      );
    const credited = await order(userId);
    await service().applyNotice('epay', paid(credited.id), NOTIFY);
    await store().db.deleteFrom('ledger_entries').where('reference', '=', credited.id).execute();
    const report = await verifyLedger(store());
    expect(report.ok).toBe(false);
    expect(report.orders).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ orderId: stray.id, kind: 'entry_without_credit', found: 1 }),
        expect.objectContaining({ orderId: credited.id, kind: 'credited_without_entry', expected: 11_000_000 }),
      ]),
    );
    // Put the books right again for the tests after this one.
    await store().db.deleteFrom('ledger_entries').where('reference', '=', stray.id).execute();
    await store().db.updateTable('users').set({ balance: 0 }).where('id', '=', userId).execute();
    await store()
      .db.updateTable('payment_orders')
      .set({ credited_at: null, status: 'failed' })
      .where('id', '=', credited.id)
      .execute();
  });

  it('bounds the unpaid orders one user can open', async () => {
    const userId = await createUser(store());
    for (let i = 0; i < 10; i++) await order(userId);
    await expect(order(userId)).rejects.toMatchObject({ code: 'too_many_open_orders', status: 429 });
  });

  it('another user cannot read an order', async () => {
    const owner = await createUser(store());
    const other = await createUser(store());
    const created = await order(owner);
    await expect(service().getOwned(created.id, other)).rejects.toMatchObject({ status: 404 });
    expect((await service().getOwned(created.id, owner)).id).toBe(created.id);
  });
});

it('proportion rounds exactly and a full share is the whole', () => {
  expect(proportion(11_000_000, 3600, 7200)).toBe(5_500_000);
  expect(proportion(10, 1, 3)).toBe(3);
  expect(proportion(10, 2, 3)).toBe(7);
  expect(proportion(10, 3, 3)).toBe(10);
  expect(proportion(2 ** 52, 2 ** 20, 2 ** 21)).toBe(2 ** 51);
});
