import { afterAll, expect, it } from 'vitest';
import { createUser, userRow } from '../../test/billing/billing-fixtures.js';
import { testCharge } from '../../test/billing/reason-fixture.js';
import { describeEachDialect } from '../../test/db-harness.js';
import { type PlanRig, planInput, startPlanRig, windowRow } from '../../test/plans/plan-fixtures.js';
import { verifyLedger } from '../billing/ledger-verify.js';
import { GatewayError } from '../ir/index.js';
import { RateLimitError } from '../limits/rate-limit-error.js';
import { FIVE_HOURS_MS } from './window-clock.js';

let nextRequest = 0;
const requestId = () => `req_plan_${++nextRequest}`;

describeEachDialect('plan holds: windows drawn before the balance', (store) => {
  const rigs: PlanRig[] = [];
  const rig = async (): Promise<PlanRig> => {
    const started = await startPlanRig(store());
    rigs.push(started);
    return started;
  };
  afterAll(async () => {
    for (const r of rigs) await r.stop();
  });

  async function subscribe(r: PlanRig, overrides: Parameters<typeof planInput>[0] = {}, balance = 0) {
    const user = await createUser(store(), { balance });
    const plan = await r.plans.catalog.create(planInput(overrides));
    const subscription = await r.plans.grant('usr_admin', { userId: user, planId: plan.id });
    return { user, plan, subscriptionId: subscription.id };
  }

  it('200 concurrent holds against a nearly exhausted 5-hour window never overdraw it', async () => {
    const r = await rig();
    const { user, subscriptionId } = await subscribe(r, {
      allowances: { five_hour: { unit: 'money', limit: 10_000 } },
    });
    const first = requestId();
    await r.ledger.reserve({ requestId: first, userId: user, keyId: null, amount: 9_000, model: 'gpt-4o' });
    await r.ledger.settle({ requestId: first, cost: 9_000, reason: testCharge() });
    expect(await windowRow(store(), subscriptionId, 'five_hour')).toMatchObject({ used: 9_000, reserved: 0 });

    const ids = Array.from({ length: 200 }, requestId);
    const outcomes = await Promise.allSettled(
      ids.map((id) => r.ledger.reserve({ requestId: id, userId: user, keyId: null, amount: 100, model: 'gpt-4o' })),
    );
    const held = ids.filter((_, i) => outcomes[i]?.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    expect(held).toHaveLength(10);
    for (const refusal of refused) {
      const error = (refusal as PromiseRejectedResult).reason;
      expect(error).toBeInstanceOf(RateLimitError);
      expect((error as RateLimitError).code).toBe('plan_window_exhausted');
    }
    const during = await windowRow(store(), subscriptionId, 'five_hour');
    expect(during.used + during.reserved).toBe(10_000);
    await Promise.all(held.map((id) => r.ledger.settle({ requestId: id, cost: 100, reason: testCharge() })));
    expect(await windowRow(store(), subscriptionId, 'five_hour')).toMatchObject({ used: 10_000, reserved: 0 });
    // The balance was never touched, and the books reconcile.
    expect(await userRow(store(), user)).toEqual({ balance: 0, reserved: 0 });
    const report = await verifyLedger(store());
    expect(report.planWindows).toEqual([]);
  });

  it('opens the 5-hour window at the first request and reopens it 5 hours later; the 429 says when', async () => {
    const r = await rig();
    const { user, subscriptionId } = await subscribe(r, { allowances: { five_hour: { unit: 'money', limit: 1_000 } } });
    const opened = r.clock.now();
    expect((await windowRow(store(), subscriptionId, 'five_hour')).resetsAt).toBe(0);
    const a = requestId();
    await r.ledger.reserve({ requestId: a, userId: user, keyId: null, amount: 1_000, model: 'gpt-4o' });
    expect((await windowRow(store(), subscriptionId, 'five_hour')).resetsAt).toBe(opened + FIVE_HOURS_MS);
    await r.ledger.settle({ requestId: a, cost: 800, reason: testCharge() });

    r.clock.advance(2 * 60 * 60 * 1000);
    const refusal = await r.ledger
      .reserve({ requestId: requestId(), userId: user, keyId: null, amount: 300, model: 'gpt-4o' })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refusal).toBeInstanceOf(RateLimitError);
    const error = refusal as RateLimitError;
    expect(error.status).toBe(429);
    expect(error.retryAfterMs).toBe(3 * 60 * 60 * 1000);
    expect(error.headers['retry-after']).toBe(String(3 * 60 * 60));
    // What fits still goes through.
    const small = requestId();
    await r.ledger.reserve({ requestId: small, userId: user, keyId: null, amount: 200, model: 'gpt-4o' });
    await r.ledger.release(small);

    // Five hours after it opened, the window has closed: the next request opens a fresh one.
    r.clock.advance(3 * 60 * 60 * 1000);
    const b = requestId();
    await r.ledger.reserve({ requestId: b, userId: user, keyId: null, amount: 1_000, model: 'gpt-4o' });
    expect(await windowRow(store(), subscriptionId, 'five_hour')).toMatchObject({
      used: 0,
      reserved: 1_000,
      resetsAt: r.clock.now() + FIVE_HOURS_MS,
    });
    await r.ledger.release(b);
  });

  it('overflows to the balance when the plan allows it, and refuses without touching the balance when not', async () => {
    const r = await rig();
    const overflow = await subscribe(
      r,
      { overflowToBalance: true, allowances: { day: { unit: 'money', limit: 500 } } },
      10_000,
    );
    const id = requestId();
    await r.ledger.reserve({ requestId: id, userId: overflow.user, keyId: null, amount: 600, model: 'gpt-4o' });
    expect(await userRow(store(), overflow.user)).toEqual({ balance: 10_000, reserved: 600 });
    const settled = await r.ledger.settle({ requestId: id, cost: 250, reason: testCharge() });
    expect(settled).toMatchObject({ status: 'settled', charged: 250 });
    expect(await userRow(store(), overflow.user)).toEqual({ balance: 9_750, reserved: 0 });
    expect(await windowRow(store(), overflow.subscriptionId, 'day')).toMatchObject({ used: 0, reserved: 0 });

    const strict = await subscribe(r, { allowances: { day: { unit: 'money', limit: 500 } } }, 10_000);
    const refusal = await r.ledger
      .reserve({ requestId: requestId(), userId: strict.user, keyId: null, amount: 600, model: 'gpt-4o' })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refusal).toBeInstanceOf(RateLimitError);
    // The request alone exceeds the day's allowance: the answer is the next midnight (14 h away), not "now".
    expect((refusal as RateLimitError).retryAfterMs).toBe(14 * 60 * 60 * 1000);
    expect(await userRow(store(), strict.user)).toEqual({ balance: 10_000, reserved: 0 });
  });

  it('settles to the exact cost and tokens, releases to nothing, and leaves uncovered models to the balance', async () => {
    const r = await rig();
    const { user, subscriptionId } = await subscribe(
      r,
      { allowances: { week: { unit: 'money', limit: 100_000 }, day: { unit: 'tokens', limit: 50_000 } } },
      5_000,
    );
    const a = requestId();
    await r.ledger.reserve({
      requestId: a,
      userId: user,
      keyId: null,
      amount: 4_000,
      model: 'GPT-4o-mini',
      tokens: 9_000,
    });
    expect(await windowRow(store(), subscriptionId, 'week')).toMatchObject({ used: 0, reserved: 4_000 });
    expect(await windowRow(store(), subscriptionId, 'day')).toMatchObject({ used: 0, reserved: 9_000 });
    const result = await r.ledger.settle({ requestId: a, cost: 1_234, tokens: 2_345, reason: testCharge() });
    expect(result).toEqual({ status: 'settled', charged: 0, plan: { subscriptionId, drawn: 1_234 } });
    expect(await windowRow(store(), subscriptionId, 'week')).toMatchObject({ used: 1_234, reserved: 0 });
    expect(await windowRow(store(), subscriptionId, 'day')).toMatchObject({ used: 2_345, reserved: 0 });
    expect(await r.ledger.settle({ requestId: a, cost: 1_234, tokens: 2_345, reason: testCharge() })).toEqual({
      status: 'already-settled',
    });

    const b = requestId();
    await r.ledger.reserve({ requestId: b, userId: user, keyId: null, amount: 4_000, model: 'gpt-4o', tokens: 9_000 });
    expect(await r.ledger.release(b)).toEqual({ status: 'released' });
    expect(await windowRow(store(), subscriptionId, 'week')).toMatchObject({ used: 1_234, reserved: 0 });

    // Not covered: a model outside the plan, and a call not measured in tokens (a token window).
    const c = requestId();
    await r.ledger.reserve({ requestId: c, userId: user, keyId: null, amount: 1_000, model: 'claude-sonnet-4' });
    expect(await userRow(store(), user)).toEqual({ balance: 5_000, reserved: 1_000 });
    await r.ledger.release(c);
    const d = requestId();
    await r.ledger.reserve({ requestId: d, userId: user, keyId: null, amount: 1_000, model: 'gpt-image-1' });
    expect(await userRow(store(), user)).toEqual({ balance: 5_000, reserved: 1_000 });
    await r.ledger.release(d);
  });

  it('resets a day window at the operator time zone midnight', async () => {
    const r = await rig();
    r.settings.value.planTimezone = 'Asia/Shanghai';
    const { user, subscriptionId } = await subscribe(r, { allowances: { day: { unit: 'money', limit: 1_000 } } });
    const a = requestId();
    await r.ledger.reserve({ requestId: a, userId: user, keyId: null, amount: 1_000, model: 'gpt-4o' });
    await r.ledger.settle({ requestId: a, cost: 1_000, reason: testCharge() });
    // 10:00Z is 18:00 in Shanghai: the day closes at 16:00Z.
    expect((await windowRow(store(), subscriptionId, 'day')).resetsAt).toBe(Date.UTC(2026, 0, 5, 16));
    r.clock.advance(5 * 60 * 60 * 1000 + 59 * 60 * 1000);
    await expect(
      r.ledger.reserve({ requestId: requestId(), userId: user, keyId: null, amount: 1, model: 'gpt-4o' }),
    ).rejects.toBeInstanceOf(RateLimitError);
    r.clock.advance(60 * 1000);
    const b = requestId();
    await r.ledger.reserve({ requestId: b, userId: user, keyId: null, amount: 1_000, model: 'gpt-4o' });
    expect((await windowRow(store(), subscriptionId, 'day')).resetsAt).toBe(Date.UTC(2026, 0, 6, 16));
    await r.ledger.release(b);
    r.settings.value.planTimezone = 'UTC';
  });

  it('applies the plan requests-per-minute as a window of requests', async () => {
    const r = await rig();
    const { user } = await subscribe(r, { allowances: {}, requestsPerMinute: 2 });
    const ids = [requestId(), requestId()];
    for (const id of ids)
      await r.ledger.reserve({ requestId: id, userId: user, keyId: null, amount: 10, model: 'gpt-4o' });
    const refusal = await r.ledger
      .reserve({ requestId: requestId(), userId: user, keyId: null, amount: 10, model: 'gpt-4o' })
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    expect(refusal).toBeInstanceOf(GatewayError);
    expect((refusal as RateLimitError).retryAfterMs).toBe(60_000);
    for (const id of ids) await r.ledger.settle({ requestId: id, cost: 10, reason: testCharge() });
  });
});
