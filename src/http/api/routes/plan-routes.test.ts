import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiHarness, headerPrincipals } from '../../../../test/api-harness.js';
import { createUser, userRow } from '../../../../test/billing/billing-fixtures.js';
import { describeEachDialect } from '../../../../test/db-harness.js';
import { type PlanRig, startPlanRig } from '../../../../test/plans/plan-fixtures.js';
import { registerPlanRoutes } from './plan-routes.js';

describeEachDialect('plan routes', (store) => {
  let rig: PlanRig;
  let harness: ReturnType<typeof createApiHarness>;
  const admin = { 'x-test-user': 'usr_root', 'x-test-role': 'admin' };
  const as = (user: string) => ({ 'x-test-user': user });

  beforeAll(async () => {
    rig = await startPlanRig(store());
    harness = createApiHarness(headerPrincipals, (api) => registerPlanRoutes(api, { plans: rig.plans }));
  });
  afterAll(async () => {
    await harness.app.close();
    await rig.stop();
  });

  it('lets an admin define a plan, a user buy it, see its windows, and an admin archive it', async () => {
    const created = await harness.app.inject({
      method: 'POST',
      url: '/api/admin/plans',
      headers: admin,
      payload: {
        name: 'Coder Pro',
        price: 5_000,
        period: { kind: 'days', days: 30 },
        models: ['gpt-*', 'claude-*'],
        allowances: { five_hour: { unit: 'money', limit: 1_000 }, week: { unit: 'tokens', limit: 2_000_000 } },
        requestsPerMinute: 60,
      },
    });
    expect(created.statusCode).toBe(201);
    const plan = created.json();
    expect(plan).toMatchObject({
      name: 'Coder Pro',
      status: 'active',
      overflowToBalance: false,
      priceUsd: '$0.005000',
    });

    const forbidden = await harness.app.inject({
      method: 'POST',
      url: '/api/admin/plans',
      headers: as('usr_x'),
      payload: {},
    });
    expect(forbidden.statusCode).toBe(403);
    const invalid = await harness.app.inject({
      method: 'POST',
      url: '/api/admin/plans',
      headers: admin,
      payload: { name: 'x', price: -1, period: { kind: 'year' }, models: [], allowances: {} },
    });
    expect(invalid.statusCode).toBe(400);

    const user = await createUser(store(), { balance: 6_000 });
    const listed = await harness.app.inject({ method: 'GET', url: '/api/plans', headers: as(user) });
    expect(listed.json().plans.map((p: { id: string }) => p.id)).toContain(plan.id);

    const bought = await harness.app.inject({
      method: 'POST',
      url: `/api/plans/${plan.id}/purchase`,
      headers: as(user),
      payload: { autoRenew: true },
    });
    expect(bought.statusCode).toBe(201);
    expect(bought.json()).toMatchObject({ planId: plan.id, status: 'active', autoRenew: true, source: 'purchase' });
    expect(await userRow(store(), user)).toEqual({ balance: 1_000, reserved: 0 });
    const again = await harness.app.inject({
      method: 'POST',
      url: `/api/plans/${plan.id}/purchase`,
      headers: as(user),
      payload: {},
    });
    expect(again.statusCode).toBe(402);

    const mine = await harness.app.inject({ method: 'GET', url: '/api/subscriptions', headers: as(user) });
    const [subscription] = mine.json().subscriptions;
    expect(subscription.windows).toEqual([
      { name: 'five_hour', unit: 'money', limit: 1_000, used: 0, reserved: 0, resetsAt: null },
      { name: 'minute', unit: 'requests', limit: 60, used: 0, reserved: 0, resetsAt: null },
      { name: 'week', unit: 'tokens', limit: 2_000_000, used: 0, reserved: 0, resetsAt: Date.UTC(2026, 0, 12) },
    ]);
    expect(subscription.history).toEqual([expect.objectContaining({ kind: 'granted' })]);

    const other = await createUser(store());
    const stranger = await harness.app.inject({
      method: 'PATCH',
      url: `/api/subscriptions/${subscription.id}`,
      headers: as(other),
      payload: { autoRenew: false },
    });
    expect(stranger.statusCode).toBe(404);
    const off = await harness.app.inject({
      method: 'PATCH',
      url: `/api/subscriptions/${subscription.id}`,
      headers: as(user),
      payload: { autoRenew: false },
    });
    expect(off.json()).toMatchObject({ autoRenew: false });

    const archived = await harness.app.inject({
      method: 'PATCH',
      url: `/api/admin/plans/${plan.id}`,
      headers: admin,
      payload: { status: 'archived' },
    });
    expect(archived.json()).toMatchObject({ status: 'archived' });
    const forSale = await harness.app.inject({ method: 'GET', url: '/api/plans', headers: as(user) });
    expect(forSale.json().plans.map((p: { id: string }) => p.id)).not.toContain(plan.id);
    const all = await harness.app.inject({ method: 'GET', url: '/api/admin/plans', headers: admin });
    expect(all.json().plans.map((p: { id: string }) => p.id)).toContain(plan.id);
  });

  it('lets an admin grant, list by user and cancel subscriptions', async () => {
    const plan = (
      await harness.app.inject({
        method: 'POST',
        url: '/api/admin/plans',
        headers: admin,
        payload: { name: 'Trial', price: 0, period: { kind: 'week' }, models: ['*'], allowances: {} },
      })
    ).json();
    const user = await createUser(store());
    const granted = await harness.app.inject({
      method: 'POST',
      url: '/api/admin/subscriptions',
      headers: admin,
      payload: { userId: user, planId: plan.id, note: 'welcome' },
    });
    expect(granted.statusCode).toBe(201);
    expect(granted.json()).toMatchObject({ source: 'admin', price: 0 });
    const missing = await harness.app.inject({
      method: 'POST',
      url: '/api/admin/subscriptions',
      headers: admin,
      payload: { userId: 'usr_nobody', planId: plan.id },
    });
    expect(missing.statusCode).toBe(404);

    const listed = await harness.app.inject({
      method: 'GET',
      url: `/api/admin/subscriptions?userId=${user}`,
      headers: admin,
    });
    expect(listed.json().subscriptions).toHaveLength(1);
    rig.clock.advance(1000);
    const cancelled = await harness.app.inject({
      method: 'PATCH',
      url: `/api/admin/subscriptions/${granted.json().id}`,
      headers: admin,
      payload: { status: 'cancelled' },
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled' });
    expect(cancelled.json().history.map((e: { kind: string }) => e.kind)).toEqual(['cancelled', 'granted']);
    expect(rig.plans.subscribers.has(user)).toBe(false);
  });
});
