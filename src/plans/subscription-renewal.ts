/**
 * What happens at a period's end (run by PlanService's sweep, and inline by a request that finds
 * its subscription's period over, so coverage never lapses waiting for the sweep):
 *
 * - `autoRenew` on, the plan still sold (not archived), and the balance covers the plan's CURRENT
 *   price net of what requests hold (no overdraft): a `plan` ledger entry (reference = id:period
 *   number) and a new period with the plan's current terms (models, allowances, overflow);
 *   every window's usage starts at 0 (in-flight holds stay reserved). The new period starts where
 *   the old ended, unless that end is already a whole period ago (the server was down): then now.
 * - Otherwise the subscription expires (kept, with its history).
 * Claimed by a conditional UPDATE, so two replicas never renew one subscription twice.
 */
import type { Transaction } from 'kysely';
import { formatUsd } from '../billing/money.js';
import type { Store } from '../store/database.js';
import type { Database } from '../store/schema.js';
import { planFromRow } from './plan-rows.js';
import { windowLimitsOf } from './plan-types.js';
import { chargeForPeriod, type GrantContext, recordEvent } from './subscription-grant.js';
import { periodEnd } from './window-clock.js';

export type RenewalOutcome =
  | { status: 'renewed'; subscriptionId: string; userId: string; periodEnd: number }
  | { status: 'expired'; subscriptionId: string; userId: string; reason: string }
  | { status: 'not-due' };

export async function renewOrExpire(
  store: Store,
  context: GrantContext,
  subscriptionId: string,
): Promise<RenewalOutcome> {
  return store.db.transaction().execute((trx) => renewInTransaction(trx, context, subscriptionId));
}

async function renewInTransaction(
  trx: Transaction<Database>,
  context: GrantContext,
  subscriptionId: string,
): Promise<RenewalOutcome> {
  const claimed = await trx
    .updateTable('subscriptions')
    .set({ updated_at: context.now })
    .where('id', '=', subscriptionId)
    .where('status', '=', 'active')
    .where('period_end', '<=', context.now)
    .returning(['user_id', 'plan_id', 'auto_renew', 'period_number', 'period_end'])
    .executeTakeFirst();
  if (!claimed) return { status: 'not-due' };
  const userId = claimed.user_id;
  const planRow = await trx.selectFrom('plans').selectAll().where('id', '=', claimed.plan_id).executeTakeFirst();
  const plan = planRow ? planFromRow(planRow) : undefined;
  const expire = async (reason: string): Promise<RenewalOutcome> => {
    await trx.updateTable('subscriptions').set({ status: 'expired' }).where('id', '=', subscriptionId).execute();
    await recordEvent(trx, context, subscriptionId, 'expired', reason);
    return { status: 'expired', subscriptionId, userId, reason };
  };
  if (Number(claimed.auto_renew) !== 1) return expire('The period ended (auto-renew off).');
  if (plan?.status !== 'active') return expire('The period ended; the plan is no longer sold.');

  const periodNumber = Number(claimed.period_number) + 1;
  const paid = await chargeForPeriod(trx, context, {
    userId,
    price: plan.price,
    subscriptionId,
    periodNumber,
    reason: { code: 'plan_renewed', params: { plan: plan.name, period: periodNumber, price: plan.price } },
  });
  if (!paid) return expire(`The balance did not cover the renewal (${formatUsd(plan.price)}).`);

  const oldEnd = Number(claimed.period_end);
  const start = periodEnd(oldEnd, plan.period) > context.now ? oldEnd : context.now;
  const end = periodEnd(start, plan.period);
  await trx
    .updateTable('subscriptions')
    .set({
      plan_name: plan.name,
      models: JSON.stringify(plan.models),
      overflow_to_balance: plan.overflowToBalance ? 1 : 0,
      price: plan.price,
      period_number: periodNumber,
      period_start: start,
      period_end: end,
    })
    .where('id', '=', subscriptionId)
    .execute();
  const limits = windowLimitsOf(plan);
  await trx
    .deleteFrom('subscription_windows')
    .where('subscription_id', '=', subscriptionId)
    // '' keeps the list non-empty (a plan with no windows left): `not in ()` is not SQL.
    .where('window_name', 'not in', ['', ...limits.map((window) => window.name)])
    .execute();
  for (const window of limits) {
    const resetsAt = window.name === 'period' ? end : 0;
    const updated = await trx
      .updateTable('subscription_windows')
      .set({ unit: window.unit, limit_amount: window.limit, used: 0, resets_at: resetsAt })
      .where('subscription_id', '=', subscriptionId)
      .where('window_name', '=', window.name)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) {
      await trx
        .insertInto('subscription_windows')
        .values({
          subscription_id: subscriptionId,
          window_name: window.name,
          unit: window.unit,
          limit_amount: window.limit,
          used: 0,
          reserved: 0,
          resets_at: resetsAt,
        })
        .execute();
    }
  }
  await recordEvent(
    trx,
    context,
    subscriptionId,
    'renewed',
    `Renewed for period ${periodNumber} (${formatUsd(plan.price)}).`,
  );
  return { status: 'renewed', subscriptionId, userId, periodEnd: end };
}

/** Every subscription whose period has ended, renewed or expired; returns the outcomes. */
export async function renewDue(store: Store, context: GrantContext, limit = 500): Promise<RenewalOutcome[]> {
  const due = await store.db
    .selectFrom('subscriptions')
    .select('id')
    .where('status', '=', 'active')
    .where('period_end', '<=', context.now)
    .orderBy('period_end')
    .limit(limit)
    .execute();
  const outcomes: RenewalOutcome[] = [];
  for (const { id } of due) outcomes.push(await renewOrExpire(store, context, id));
  return outcomes;
}
