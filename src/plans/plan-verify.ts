/**
 * For `aihub ledger verify`: every window's `reserved` must equal what the subscription's open
 * plan holds hold in its unit (money: Σ money; tokens: Σ tokens; requests: their count). A
 * difference means a hold was counted outside plan-holds.ts. Run inside the verifier's snapshot.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema.js';

export interface PlanWindowMismatch {
  kind: 'plan_window_reserved';
  userId: string;
  subscriptionId: string;
  window: string;
  stored: number;
  expected: number;
}

export async function findPlanWindowMismatches(
  trx: Transaction<Database> | Kysely<Database>,
): Promise<{ openPlanHolds: number; mismatches: PlanWindowMismatch[] }> {
  const holds = await trx
    .selectFrom('plan_holds')
    .select((eb) => [
      'subscription_id',
      eb.fn.sum<string>('money').as('money'),
      eb.fn.sum<string>('tokens').as('tokens'),
      eb.fn.countAll<string>().as('requests'),
    ])
    .groupBy('subscription_id')
    .execute();
  const bySubscription = new Map(
    holds.map((row) => [
      row.subscription_id,
      { money: Number(row.money), tokens: Number(row.tokens), requests: Number(row.requests) },
    ]),
  );
  const windows = await trx
    .selectFrom('subscription_windows as w')
    .innerJoin('subscriptions as s', 's.id', 'w.subscription_id')
    .select(['w.subscription_id', 'w.window_name', 'w.unit', 'w.reserved', 's.user_id'])
    .execute();
  const mismatches: PlanWindowMismatch[] = [];
  let openPlanHolds = 0;
  for (const held of bySubscription.values()) openPlanHolds += held.requests;
  for (const window of windows) {
    const held = bySubscription.get(window.subscription_id);
    const unit = window.unit as 'money' | 'tokens' | 'requests';
    const expected = held ? held[unit] : 0;
    const stored = Number(window.reserved);
    if (stored !== expected) {
      mismatches.push({
        kind: 'plan_window_reserved',
        userId: window.user_id,
        subscriptionId: window.subscription_id,
        window: window.window_name,
        stored,
        expected,
      });
    }
  }
  return { openPlanHolds, mismatches };
}
