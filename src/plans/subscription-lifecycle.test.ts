import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { createUser, userRow } from '../../test/billing/billing-fixtures.js';
import { testCharge } from '../../test/billing/reason-fixture.js';
import { describeEachDialect } from '../../test/db-harness.js';
import { type PlanRig, planInput, startPlanRig, windowRow } from '../../test/plans/plan-fixtures.js';
import { verifyLedger } from '../billing/ledger-verify.js';
import { RedemptionService } from '../billing/redemption-service.js';
import { GatewayError } from '../ir/index.js';
import { newId } from '../platform/ids.js';
import { grantPlanFromOrder } from './subscription-grant.js';

const DAY = 24 * 60 * 60 * 1000;

describeEachDialect('subscriptions: purchase, grants, renewal, sweep and verify', (store) => {
  const rigs: PlanRig[] = [];
  const rig = async (options: Parameters<typeof startPlanRig>[1] = {}): Promise<PlanRig> => {
    const started = await startPlanRig(store(), options);
    rigs.push(started);
    return started;
  };
  afterAll(async () => {
    for (const r of rigs) await r.stop();
  });

  async function planEntries(userId: string) {
    return store()
      .db.selectFrom('ledger_entries')
      .select(['amount', 'reference'])
      .where('user_id', '=', userId)
      .where('kind', '=', 'plan')
      .orderBy('created_at')
      .execute();
  }

  it('buys a plan with the balance (a plan ledger entry) and refuses when the balance does not cover it', async () => {
    const r = await rig();
    const plan = await r.plans.catalog.create(planInput({ price: 3_000, period: { kind: 'days', days: 7 } }));
    const poor = await createUser(store(), { balance: 2_999 });
    const refusal = await r.plans.purchase(poor, plan.id, true).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(GatewayError);
    expect((refusal as GatewayError).code).toBe('insufficient_balance');
    expect(await userRow(store(), poor)).toEqual({ balance: 2_999, reserved: 0 });

    const user = await createUser(store(), { balance: 5_000 });
    const bought = await r.plans.purchase(user, plan.id, true);
    expect(bought).toMatchObject({ status: 'active', periodNumber: 1, autoRenew: true, price: 3_000 });
    expect(bought.periodEnd - bought.periodStart).toBe(7 * DAY);
    expect(await userRow(store(), user)).toEqual({ balance: 2_000, reserved: 0 });
    const entries = await planEntries(user);
    expect(entries.map((e) => [Number(e.amount), e.reference])).toEqual([[-3_000, `${bought.id}:1`]]);
    expect(bought.history.map((event) => event.kind)).toEqual(['granted']);

    await r.plans.catalog.update(plan.id, { status: 'archived' });
    const archived = await r.plans.purchase(user, plan.id, false).catch((error: unknown) => error);
    expect((archived as GatewayError).code).toBe('plan_archived');
    expect((await r.plans.catalog.list({ includeArchived: false })).map((p) => p.id)).not.toContain(plan.id);
  });

  it('renews from the balance at period end, then expires when the balance no longer covers it', async () => {
    const r = await rig();
    const plan = await r.plans.catalog.create(
      planInput({ price: 1_000, period: { kind: 'week' }, allowances: { five_hour: { unit: 'money', limit: 500 } } }),
    );
    const user = await createUser(store(), { balance: 2_500 });
    const sub = await r.plans.purchase(user, plan.id, true);
    const id = newId('req');
    await r.ledger.reserve({ requestId: id, userId: user, keyId: null, amount: 400, model: 'gpt-4o' });
    await r.ledger.settle({ requestId: id, cost: 400, reason: testCharge() });

    r.clock.advance(7 * DAY);
    const outcomes = await r.plans.sweep();
    expect(outcomes).toContainEqual(expect.objectContaining({ status: 'renewed', subscriptionId: sub.id }));
    const [renewed] = await r.plans.list({ id: sub.id });
    expect(renewed).toMatchObject({ status: 'active', periodNumber: 2, periodStart: sub.periodEnd });
    expect(renewed?.periodEnd).toBe(sub.periodEnd + 7 * DAY);
    expect(await windowRow(store(), sub.id, 'five_hour')).toMatchObject({ used: 0, resetsAt: 0 });
    expect(await userRow(store(), user)).toEqual({ balance: 500, reserved: 0 });
    expect((await planEntries(user)).map((e) => e.reference)).toEqual([`${sub.id}:1`, `${sub.id}:2`]);

    // A request at the next period end renews (or expires) inline: here the balance is short.
    r.clock.advance(7 * DAY);
    const after = newId('req');
    await expect(
      r.ledger.reserve({ requestId: after, userId: user, keyId: null, amount: 100, model: 'gpt-4o' }),
    ).resolves.toBeUndefined();
    const [expired] = await r.plans.list({ id: sub.id });
    expect(expired?.status).toBe('expired');
    expect(expired?.history.map((event) => event.kind)).toEqual(['expired', 'renewed', 'granted']);
    // No longer covered: the balance took the request.
    expect(await userRow(store(), user)).toEqual({ balance: 500, reserved: 100 });
    await r.ledger.release(after);
  });

  it('expires a subscription without auto-renew and stops covering at once when cancelled', async () => {
    const r = await rig();
    const plan = await r.plans.catalog.create(planInput({ period: { kind: 'days', days: 1 } }));
    const user = await createUser(store(), { balance: 1_000 });
    const granted = await r.plans.grant('usr_admin', { userId: user, planId: plan.id });
    expect(granted).toMatchObject({ source: 'admin', price: 0, autoRenew: false });
    const second = await r.plans.grant('usr_admin', { userId: user, planId: plan.id });
    await r.plans.update(second.id, { status: 'cancelled' }, { userId: 'usr_admin', ownerOnly: false });
    const other = await createUser(store());
    await expect(
      r.plans.update(granted.id, { autoRenew: true }, { userId: other, ownerOnly: true }),
    ).rejects.toMatchObject({ code: 'subscription_not_found' });

    r.clock.advance(DAY);
    await r.plans.sweep();
    const views = await r.plans.list({ userId: user });
    expect(views.map((view) => view.status).sort()).toEqual(['cancelled', 'expired']);
    expect(r.plans.subscribers.has(user)).toBe(false);
  });

  it('grants a plan from a paid order once, however often the order service calls', async () => {
    const r = await rig();
    const plan = await r.plans.catalog.create(planInput());
    const user = await createUser(store());
    const orderId = newId('ord');
    const first = await store()
      .db.transaction()
      .execute((trx) => r.plans.grantPlanFromOrder(trx, { userId: user, planId: plan.id, orderId }));
    const again = await store()
      .db.transaction()
      .execute((trx) => grantPlanFromOrder(trx, { userId: user, planId: plan.id, orderId }));
    expect(first.status).toBe('granted');
    expect(again).toEqual({ status: 'duplicate', subscriptionId: first.subscriptionId });
    expect(await r.plans.list({ userId: user })).toHaveLength(1);
    expect(r.plans.subscribers.has(user)).toBe(true);
  });

  it('redeems a code that grants a plan instead of credit', async () => {
    const r = await rig();
    const plan = await r.plans.catalog.create(planInput({ name: 'Gift' }));
    const redemptions = new RedemptionService(store(), { now: r.clock.now, newId, plans: r.plans });
    const { batch, codes } = await redemptions.createBatch('usr_admin', {
      name: 'gift',
      amountUnits: 0,
      planId: plan.id,
      count: 1,
    });
    expect(batch.planId).toBe(plan.id);
    const user = await createUser(store(), { balance: 7 });
    const result = await redemptions.redeem(user, codes[0] as string);
    expect(result).toMatchObject({ amount: 0, balanceAfter: 7 });
    const [subscription] = await r.plans.list({ userId: user });
    expect(subscription).toMatchObject({ id: result.subscriptionId, planName: 'Gift', source: 'redemption' });
    expect(r.plans.subscribers.has(user)).toBe(true);
  });

  it('sweeps the plan holds of a dead instance and verifies windows against open holds', async () => {
    const dead = await rig({ instanceId: newId('ins') });
    const plan = await dead.plans.catalog.create(planInput({ allowances: { week: { unit: 'money', limit: 10_000 } } }));
    const user = await createUser(store());
    const sub = await dead.plans.grant('usr_admin', { userId: user, planId: plan.id });
    const orphan = newId('req');
    await dead.ledger.reserve({ requestId: orphan, userId: user, keyId: null, amount: 3_000, model: 'gpt-4o' });
    expect((await verifyLedger(store())).planWindows).toEqual([]);
    expect((await verifyLedger(store())).openPlanHolds).toBeGreaterThanOrEqual(1);

    // Its instance stops heart-beating (its row stays: it holds something); a live instance sweeps
    // a minute later.
    await dead.stop();
    const live = await rig({ clock: dead.clock, orphanAfterMs: 60_000 });
    expect(await windowRow(store(), sub.id, 'week')).toMatchObject({ reserved: 3_000 });
    dead.clock.advance(61_000);
    await live.ledger.heartbeat();
    const swept = await live.ledger.sweepOrphans();
    expect(swept.released).toContain(orphan);
    expect(await windowRow(store(), sub.id, 'week')).toMatchObject({ used: 0, reserved: 0 });
    expect(await live.ledger.settle({ requestId: orphan, cost: 10, reason: testCharge() })).toEqual({
      status: 'already-settled',
    });

    // A window changed by hand no longer matches its holds: verify lists it.
    await sql`UPDATE subscription_windows SET reserved = 77 WHERE subscription_id = ${sub.id}`.execute(store().db);
    const report = await verifyLedger(store());
    expect(report.ok).toBe(false);
    expect(report.planWindows).toContainEqual(
      expect.objectContaining({ subscriptionId: sub.id, window: 'week', stored: 77, expected: 0 }),
    );
    await sql`UPDATE subscription_windows SET reserved = 0 WHERE subscription_id = ${sub.id}`.execute(store().db);
  });
});
