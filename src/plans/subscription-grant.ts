/**
 * Starting a subscription, inside the caller's transaction, however it was paid for: with the
 * balance (a `plan` ledger entry, reference = subscription id + ":" + period number), by a
 * redemption code, by an administrator, or by a paid payment order (grantPlanFromOrder).
 *
 * A new subscription's rolling and calendar windows start closed (resets_at = 0): the first
 * covered request opens them, so no time zone is needed here; the period window closes at the
 * period's end.
 */

import type { Transaction } from 'kysely';
import { insufficientBalanceError } from '../billing/billing-errors.js';
import type { LedgerReason } from '../billing/ledger-reason.js';
import { appendLedgerEntry } from '../billing/ledger-write.js';
import { formatUsd } from '../billing/money.js';
import { newId as defaultNewId } from '../platform/ids.js';
import type { Database, SubscriptionSource } from '../store/schema.js';
import { planNotForSaleError, planNotFoundError } from './plan-errors.js';
import { planFromRow } from './plan-rows.js';
import { type Plan, windowLimitsOf } from './plan-types.js';
import { periodEnd } from './window-clock.js';

export interface GrantContext {
  now: number;
  newId: (prefix: string) => string;
}

export interface GrantInput {
  userId: string;
  plan: Plan;
  source: SubscriptionSource;
  sourceRef?: string | null;
  autoRenew: boolean;
  /** Units this period cost the user (0 for grants and codes). */
  price: number;
  /** Who or what granted it, for the history. */
  note: string;
}

export async function loadPlan(trx: Transaction<Database>, planId: string): Promise<Plan> {
  const row = await trx.selectFrom('plans').selectAll().where('id', '=', planId).executeTakeFirst();
  if (!row) throw planNotFoundError(planId);
  return planFromRow(row);
}

/** Inserts the subscription, its windows and its first history event. Returns the subscription id. */
export async function grantSubscription(
  trx: Transaction<Database>,
  context: GrantContext,
  input: GrantInput,
  id: string = context.newId('sub'),
): Promise<string> {
  const start = context.now;
  const end = periodEnd(start, input.plan.period);
  await trx
    .insertInto('subscriptions')
    .values({
      id,
      user_id: input.userId,
      plan_id: input.plan.id,
      plan_name: input.plan.name,
      status: 'active',
      models: JSON.stringify(input.plan.models),
      overflow_to_balance: input.plan.overflowToBalance ? 1 : 0,
      price: input.price,
      auto_renew: input.autoRenew ? 1 : 0,
      period_number: 1,
      period_start: start,
      period_end: end,
      source: input.source,
      source_ref: input.sourceRef ?? null,
      created_at: start,
      updated_at: start,
    })
    .execute();
  const windows = windowLimitsOf(input.plan);
  if (windows.length > 0) {
    await trx
      .insertInto('subscription_windows')
      .values(
        windows.map((window) => ({
          subscription_id: id,
          window_name: window.name,
          unit: window.unit,
          limit_amount: window.limit,
          used: 0,
          reserved: 0,
          resets_at: window.name === 'period' ? end : 0,
        })),
      )
      .execute();
  }
  await recordEvent(trx, context, id, 'granted', input.note);
  return id;
}

export async function recordEvent(
  trx: Transaction<Database>,
  context: GrantContext,
  subscriptionId: string,
  kind: string,
  detail: string,
): Promise<void> {
  await trx
    .insertInto('subscription_events')
    .values({ id: context.newId('sev'), subscription_id: subscriptionId, kind, detail, created_at: context.now })
    .execute();
}

/**
 * Takes `price` from the balance for a plan period, or throws 402 `insufficient_balance`. No
 * overdraft: a subscription is bought with money the user has, net of what requests hold. The
 * first UPDATE locks the user's row (PostgreSQL), so two purchases cannot both pass the check.
 */
export async function chargeForPeriod(
  trx: Transaction<Database>,
  context: GrantContext,
  input: { userId: string; price: number; subscriptionId: string; periodNumber: number; reason: LedgerReason },
): Promise<boolean> {
  if (input.price === 0) return true;
  const covered = await trx
    .updateTable('users')
    .set((eb) => ({ reserved: eb.ref('reserved') }))
    .where('id', '=', input.userId)
    .where('status', '=', 'active')
    .where((eb) => eb(eb('balance', '-', eb.ref('reserved')), '>=', input.price))
    .executeTakeFirst();
  if (Number(covered.numUpdatedRows) === 0) return false;
  await appendLedgerEntry(trx, {
    id: context.newId('led'),
    userId: input.userId,
    amount: -input.price,
    kind: 'plan',
    reason: input.reason,
    reference: `${input.subscriptionId}:${input.periodNumber}`,
    createdAt: context.now,
  });
  return true;
}

/** Buys a plan with the balance: the ledger entry and the subscription, in one transaction. */
export async function purchaseWithBalance(
  trx: Transaction<Database>,
  context: GrantContext,
  input: { userId: string; planId: string; autoRenew: boolean },
): Promise<string> {
  const plan = await loadPlan(trx, input.planId);
  if (plan.status !== 'active') throw planNotForSaleError(plan.id);
  const id = context.newId('sub');
  const paid = await chargeForPeriod(trx, context, {
    userId: input.userId,
    price: plan.price,
    subscriptionId: id,
    periodNumber: 1,
    reason: { code: 'plan_bought', params: { plan: plan.name, price: plan.price } },
  });
  if (!paid) {
    const user = await trx
      .selectFrom('users')
      .select(['balance', 'reserved'])
      .where('id', '=', input.userId)
      .executeTakeFirst();
    throw insufficientBalanceError(Number(user?.balance ?? 0), Number(user?.reserved ?? 0), 0, plan.price);
  }
  return grantSubscription(
    trx,
    context,
    {
      userId: input.userId,
      plan,
      source: 'purchase',
      autoRenew: input.autoRenew,
      price: plan.price,
      note: `Bought with the balance for ${formatUsd(plan.price)}`,
    },
    id,
  );
}

export interface OrderGrant {
  userId: string;
  planId: string;
  orderId: string;
}

export type OrderGrantResult = { status: 'granted' | 'duplicate'; subscriptionId: string };

/**
 * For the payment order service: call inside the transaction that marks a paid order credited,
 * when the order's purpose is a plan. Idempotent by orderId: a second call for the same order
 * returns the first subscription ('duplicate') and grants nothing. (The unique index on
 * (source, source_ref) backs this; two concurrent calls for one order would have the second's
 * transaction fail, which the order state machine's own once-only claim already prevents.)
 * A paid order is honoured even when the plan was archived since; it does not auto-renew from
 * the balance (the user paid by card, not from the balance). `options` default to the wall
 * clock and the platform's ids; the service passes its own (PlanService.grantPlanFromOrder).
 */
export async function grantPlanFromOrder(
  trx: Transaction<Database>,
  input: OrderGrant,
  options: Partial<GrantContext> & { onGranted?: (userId: string) => void } = {},
): Promise<OrderGrantResult> {
  const existing = await trx
    .selectFrom('subscriptions')
    .select('id')
    .where('source', '=', 'order')
    .where('source_ref', '=', input.orderId)
    .executeTakeFirst();
  if (existing) return { status: 'duplicate', subscriptionId: existing.id };
  const context: GrantContext = { now: options.now ?? Date.now(), newId: options.newId ?? defaultNewId };
  const plan = await loadPlan(trx, input.planId);
  const subscriptionId = await grantSubscription(trx, context, {
    userId: input.userId,
    plan,
    source: 'order',
    sourceRef: input.orderId,
    autoRenew: false,
    price: plan.price,
    note: `Paid by order ${input.orderId}`,
  });
  options.onGranted?.(input.userId);
  return { status: 'granted', subscriptionId };
}

/**
 * For the payment order service, inside the transaction that applies a full refund of a plan
 * order: ends the subscription the order granted, if the period it paid for is still running
 * (coverage stops now; requests in flight finish on it). A subscription already renewed from the
 * balance, or whose first period is over, stays: the refund then only takes the money back.
 * Resolves the subscription ended, or null.
 */
export async function endPlanOfRefundedOrder(
  trx: Transaction<Database>,
  orderId: string,
  context: GrantContext,
): Promise<{ subscriptionId: string; userId: string } | null> {
  const row = await trx
    .selectFrom('subscriptions')
    .select(['id', 'user_id', 'status', 'period_number', 'period_end'])
    .where('source', '=', 'order')
    .where('source_ref', '=', orderId)
    .executeTakeFirst();
  if (!row) return null;
  if (row.status !== 'active' || Number(row.period_number) !== 1 || Number(row.period_end) <= context.now) return null;
  const ended = await trx
    .updateTable('subscriptions')
    .set({ status: 'cancelled', updated_at: context.now })
    .where('id', '=', row.id)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (Number(ended.numUpdatedRows) !== 1) return null;
  await recordEvent(
    trx,
    context,
    row.id,
    'cancelled',
    `Ended: order ${orderId}, which paid for it, was refunded in full.`,
  );
  return { subscriptionId: row.id, userId: row.user_id };
}
