/**
 * A ledger with subscription plans over a real database, for plan tests: an injected clock, a
 * mutable time zone, and helpers to read windows back.
 */
import { Ledger } from '../../src/billing/ledger.js';
import { PlanService } from '../../src/plans/plan-service.js';
import type { PlanInput } from '../../src/plans/plan-types.js';
import { newId } from '../../src/platform/ids.js';
import type { Store } from '../../src/store/database.js';
import { type TestClock, testClock } from '../billing/billing-fixtures.js';

export interface PlanRig {
  clock: TestClock;
  settings: { value: { overdraft: number; planTimezone: string } };
  plans: PlanService;
  ledger: Ledger;
  stop(): Promise<void>;
}

export async function startPlanRig(
  store: Store,
  options: { start?: number; instanceId?: string; orphanAfterMs?: number; clock?: TestClock } = {},
): Promise<PlanRig> {
  const clock = options.clock ?? testClock(options.start ?? Date.UTC(2026, 0, 5, 10, 0, 0));
  const settings = { value: { overdraft: 0, planTimezone: 'UTC' } };
  const plans = new PlanService({ store, now: clock.now, newId, settings, sweepEveryMs: 3_600_000 });
  const ledger = new Ledger(store, {
    now: clock.now,
    newId,
    instanceId: options.instanceId ?? newId('ins'),
    settings,
    plans: plans.meter,
    ...(options.orphanAfterMs !== undefined ? { orphanAfterMs: options.orphanAfterMs } : {}),
  });
  await ledger.start();
  await plans.start();
  return {
    clock,
    settings,
    plans,
    ledger,
    async stop() {
      plans.stop();
      await ledger.stop();
    },
  };
}

export function planInput(overrides: Partial<PlanInput> = {}): PlanInput {
  return {
    name: 'Coder',
    price: 20_000_000,
    period: { kind: 'month' },
    models: ['gpt-*'],
    allowances: { five_hour: { unit: 'money', limit: 10_000 } },
    ...overrides,
  };
}

export async function windowRow(
  store: Store,
  subscriptionId: string,
  name: string,
): Promise<{ used: number; reserved: number; limit: number; resetsAt: number }> {
  const row = await store.db
    .selectFrom('subscription_windows')
    .selectAll()
    .where('subscription_id', '=', subscriptionId)
    .where('window_name', '=', name)
    .executeTakeFirstOrThrow();
  return {
    used: Number(row.used),
    reserved: Number(row.reserved),
    limit: Number(row.limit_amount),
    resetsAt: Number(row.resets_at),
  };
}
