import { afterAll, expect, it } from 'vitest';
import { createUser, userRow } from '../../test/billing/billing-fixtures.js';
import { describeEachDialect } from '../../test/db-harness.js';
import { fakeProvider, paidNotice, refundNotice } from '../../test/payments/notice-fixtures.js';
import { type PlanRig, planInput, startPlanRig } from '../../test/plans/plan-fixtures.js';
import { verifyLedger } from '../billing/ledger-verify.js';
import { OrderService } from '../payments/order-service.js';
import { newId } from '../platform/ids.js';
import { planOrderHooks } from './order-fulfilment.js';

const DAY = 24 * 60 * 60 * 1000;
const PRICE = 5_000_000;
const PAY = 3_600; // CNY fen

const provider = fakeProvider({ method: 'alipay' });
const paid = (orderId: string) => paidNotice(orderId, PAY);
const refund = refundNotice;

const NOTIFY = { kind: 'notify' as const };

describeEachDialect('a refunded plan order', (store) => {
  const rigs: PlanRig[] = [];
  afterAll(async () => {
    for (const r of rigs) await r.stop();
  });

  async function paidPlanOrder() {
    const rig = await startPlanRig(store());
    rigs.push(rig);
    const orders = new OrderService(store(), {
      now: rig.clock.now,
      newId,
      planOrders: planOrderHooks(rig.plans, rig.clock.now, newId),
      onSettled: (settled) => rig.plans.subscriptionsChanged(settled.userId),
    });
    const plan = await rig.plans.catalog.create(planInput({ price: PRICE, period: { kind: 'days', days: 30 } }));
    const userId = await createUser(store(), { balance: 0 });
    const order = await orders.create(
      {
        userId,
        method: 'alipay',
        purpose: 'plan',
        planId: plan.id,
        currency: 'CNY',
        payAmount: PAY,
        creditAmount: PRICE,
        bonusAmount: 0,
        subject: plan.name,
      },
      provider,
      () => ({ notifyUrl: 'https://aihub.example/n', returnUrl: 'https://aihub.example/r' }),
    );
    expect((await orders.applyNotice('alipay', paid(order.id), NOTIFY)).outcome).toBe('credited');
    const [subscription] = await rig.plans.list({ userId });
    expect(subscription).toMatchObject({ status: 'active', periodNumber: 1 });
    return { rig, orders, order, userId, subscriptionId: subscription?.id as string };
  }

  const status = async (rig: PlanRig, id: string) => (await rig.plans.list({ id }))[0];

  it('in full, while its period runs: the plan ends and its price returns, so the balance nets to zero', async () => {
    const { rig, orders, order, userId, subscriptionId } = await paidPlanOrder();
    rig.clock.advance(3 * DAY);
    const result = await orders.applyNotice('alipay', refund(order.id, 'r1', PAY), NOTIFY);
    expect(result).toMatchObject({ outcome: 'reversed' });
    expect(result.reason).toContain('the plan it bought ended');
    const ended = await status(rig, subscriptionId);
    expect(ended?.status).toBe('cancelled');
    expect(ended?.history.map((event) => event.kind)).toEqual(['cancelled', 'granted']);
    expect(await userRow(store(), userId)).toEqual({ balance: 0, reserved: 0 });
    expect(rig.plans.subscribers.has(userId)).toBe(false);

    // The same refund again changes nothing.
    expect((await orders.applyNotice('alipay', refund(order.id, 'r1', PAY), NOTIFY)).outcome).toBe('duplicate');
    expect(await userRow(store(), userId)).toEqual({ balance: 0, reserved: 0 });
    expect((await verifyLedger(store())).ok).toBe(true);
  });

  it('in part: the plan stays and only the money is taken back (the balance goes below zero)', async () => {
    const { rig, orders, order, userId, subscriptionId } = await paidPlanOrder();
    expect((await orders.applyNotice('alipay', refund(order.id, 'p1', PAY / 2), NOTIFY)).outcome).toBe('reversed');
    expect((await status(rig, subscriptionId))?.status).toBe('active');
    expect(await userRow(store(), userId)).toEqual({ balance: -PRICE / 2, reserved: 0 });
    // The rest of the refund completes it: now the plan goes, and its price returns.
    expect((await orders.applyNotice('alipay', refund(order.id, 'p2', PAY / 2), NOTIFY)).outcome).toBe('reversed');
    expect((await status(rig, subscriptionId))?.status).toBe('cancelled');
    expect(await userRow(store(), userId)).toEqual({ balance: 0, reserved: 0 });
    expect((await verifyLedger(store())).ok).toBe(true);
  });

  it('after the period it paid for: the plan was used up, so the refund takes the money back only', async () => {
    const { rig, orders, order, userId, subscriptionId } = await paidPlanOrder();
    rig.clock.advance(31 * DAY);
    expect((await orders.applyNotice('alipay', refund(order.id, 'late', PAY), NOTIFY)).outcome).toBe('reversed');
    expect((await status(rig, subscriptionId))?.history.map((event) => event.kind)).not.toContain('cancelled');
    expect(await userRow(store(), userId)).toEqual({ balance: -PRICE, reserved: 0 });
    expect((await verifyLedger(store())).ok).toBe(true);
  });
});
