/**
 * The money path of subscriptions: hold a request's worst case against EVERY window of one
 * subscription, then settle to what was delivered or release.
 *
 * Atomicity: each window is one conditional UPDATE whose WHERE is the rule
 * `used_now + reserved + hold <= limit` (used_now = 0 when the window has closed, which the same
 * statement resets), all of a subscription's windows in one transaction, in one order (by name),
 * after a first UPDATE on the subscription row that checks it is active and in its period. On
 * PostgreSQL the row locks make a concurrent hold wait and re-check the WHERE against the
 * committed row (READ COMMITTED re-evaluation); on SQLite transactions are serialized. A window
 * that refuses rolls the whole transaction back: nothing is held anywhere.
 *
 * Settling is like the balance's: deleting the `plan_holds` row is what makes finishing happen
 * once; `reserved` gives the hold back and `used` takes what was delivered (0 on release). A
 * request that straddles a window's reset counts in the new window. A cost above the hold (an
 * odd vendor) is counted whole: the window may end above its limit, and refuses until it resets.
 */
import { sql, type Transaction } from 'kysely';
import type { Store } from '../store/database.js';
import type { Database } from '../store/schema.js';
import type { WindowName } from './plan-types.js';
import { windowClosesAt } from './window-clock.js';
import { amountFor, type Draw, type WindowRow } from './window-state.js';

export interface HoldTarget {
  subscriptionId: string;
  periodEnd: number;
  windows: readonly Pick<WindowRow, 'name' | 'unit'>[];
}

export interface PlanHoldInput {
  requestId: string;
  userId: string;
  /** Worst-case units (money windows) and tokens (token windows). */
  money: number;
  tokens: number;
  instanceId: string;
  now: number;
  timeZone: string;
}

export type PlanHoldOutcome =
  | { status: 'held' }
  /** A window could not take it (its name), or the subscription is no longer active. */
  | { status: 'refused'; window: WindowName | null };

class Refused extends Error {
  constructor(readonly window: WindowName | null) {
    super('refused');
  }
}

function byName<T extends { name: string }>(windows: readonly T[]): T[] {
  return [...windows].sort((a, b) => a.name.localeCompare(b.name));
}

export async function holdOnSubscription(
  store: Store,
  target: HoldTarget,
  input: PlanHoldInput,
): Promise<PlanHoldOutcome> {
  const draw: Draw = { money: input.money, tokens: input.tokens, requests: 1 };
  try {
    await store.db.transaction().execute(async (trx) => {
      const active = await sql`UPDATE subscriptions SET updated_at = updated_at
        WHERE id = ${target.subscriptionId} AND status = 'active' AND period_end > CAST(${input.now} AS bigint)`.execute(
        trx,
      );
      if (Number(active.numAffectedRows ?? 0) === 0) throw new Refused(null);
      for (const window of byName(target.windows)) {
        const amount = amountFor(window.unit, draw);
        const closesAt = windowClosesAt(window.name, input.now, input.timeZone, target.periodEnd);
        const now = sql`CAST(${input.now} AS bigint)`;
        const held = sql`CAST(${amount} AS bigint)`;
        const result = await sql`UPDATE subscription_windows SET
            used = CASE WHEN resets_at <= ${now} THEN 0 ELSE used END,
            resets_at = CASE WHEN resets_at <= ${now} THEN CAST(${closesAt} AS bigint) ELSE resets_at END,
            reserved = reserved + ${held}
          WHERE subscription_id = ${target.subscriptionId} AND window_name = ${window.name}
            AND (CASE WHEN resets_at <= ${now} THEN 0 ELSE used END) + reserved + ${held} <= limit_amount`.execute(trx);
        if (Number(result.numAffectedRows ?? 0) === 0) throw new Refused(window.name);
      }
      const hasTokenWindow = target.windows.some((window) => window.unit === 'tokens');
      await trx
        .insertInto('plan_holds')
        .values({
          request_id: input.requestId,
          subscription_id: target.subscriptionId,
          user_id: input.userId,
          money: input.money,
          tokens: hasTokenWindow ? input.tokens : 0,
          instance_id: input.instanceId,
          created_at: input.now,
        })
        .execute();
    });
    return { status: 'held' };
  } catch (error) {
    if (error instanceof Refused) return { status: 'refused', window: error.window };
    throw error;
  }
}

/** What a finished request delivered; null releases (nothing delivered, nothing counted). */
export interface Delivered {
  money: number;
  /** Tokens billed (input + output); absent: the held worst case is counted. */
  tokens?: number;
}

export type PlanFinishOutcome = { status: 'finished'; subscriptionId: string; money: number } | { status: 'gone' };

export async function finishPlanHold(
  store: Store | { db: Store['db'] },
  requestId: string,
  delivered: Delivered | null,
  onlyInstance?: string,
): Promise<PlanFinishOutcome> {
  return store.db.transaction().execute((trx) => finishInTransaction(trx, requestId, delivered, onlyInstance));
}

async function finishInTransaction(
  trx: Transaction<Database>,
  requestId: string,
  delivered: Delivered | null,
  onlyInstance: string | undefined,
): Promise<PlanFinishOutcome> {
  let take = trx.deleteFrom('plan_holds').where('request_id', '=', requestId);
  if (onlyInstance !== undefined) take = take.where('instance_id', '=', onlyInstance);
  const hold = await take.returningAll().executeTakeFirst();
  if (!hold) return { status: 'gone' };
  const held: Draw = { money: Number(hold.money), tokens: Number(hold.tokens), requests: 1 };
  const spent: Draw = delivered
    ? { money: delivered.money, tokens: delivered.tokens ?? held.tokens, requests: 1 }
    : { money: 0, tokens: 0, requests: 0 };
  // The subscription's row first, as a hold takes it: whatever touches a subscription's windows
  // queues on that one row, so no two transactions can lock its windows in opposite orders.
  await sql`UPDATE subscriptions SET updated_at = updated_at WHERE id = ${hold.subscription_id}`.execute(trx);
  // Then every window in one statement, each by its unit.
  const perUnit = (draw: Draw) =>
    sql`CASE unit WHEN 'money' THEN CAST(${draw.money} AS bigint) WHEN 'tokens' THEN CAST(${draw.tokens} AS bigint)
      ELSE CAST(${draw.requests} AS bigint) END`;
  await sql`UPDATE subscription_windows
    SET reserved = reserved - ${perUnit(held)}, used = used + ${perUnit(spent)}
    WHERE subscription_id = ${hold.subscription_id}`.execute(trx);
  return { status: 'finished', subscriptionId: hold.subscription_id, money: spent.money };
}
