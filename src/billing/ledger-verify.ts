/**
 * Reconciles the stored balances with the ledger: for every user, balance = Σ ledger amounts and
 * reserved = Σ open reservations; for every API key, reserved = Σ its open reservations. Any
 * difference means money moved outside appendLedgerEntry (a hand edit, a bug) and is listed.
 * Overruns (a vendor billed beyond a hold; money-path.ts) are not mismatches: their ledger entries
 * hold what was charged. They are counted, with what was not collected, for the operator.
 * Subscription windows: every window's reserved = what its subscription's open plan holds hold
 * (plans/plan-verify.ts).
 */
import { findJobHoldProblems, type JobHoldProblem } from '../jobs/job-hold-check.js';
import { findOrderProblems, type OrderProblem } from '../payments/order-ledger-check.js';
import { findPlanWindowMismatches, type PlanWindowMismatch } from '../plans/plan-verify.js';
import type { Store } from '../store/database.js';

export type MismatchKind = 'user_balance' | 'user_reserved' | 'key_reserved';

export interface LedgerMismatch {
  kind: MismatchKind;
  userId: string;
  keyId?: string;
  /** What the row says. */
  stored: number;
  /** What the ledger (or the open reservations) say it should be. */
  expected: number;
}

export interface LedgerReport {
  ok: boolean;
  users: number;
  keys: number;
  ledgerEntries: number;
  openReservations: number;
  /** Settlements whose cost exceeded their hold, and the units of those costs not collected. */
  overruns: number;
  uncollectedUnits: number;
  mismatches: LedgerMismatch[];
  /** Asynchronous jobs whose holds disagree with their state (jobs/job-hold-check.ts). */
  jobHolds: JobHoldProblem[];
  /** Payment orders whose credits or reversals disagree with the ledger (payments/order-ledger-check.ts). */
  orders: OrderProblem[];
  /** Open plan holds (requests drawing from a subscription's windows). */
  openPlanHolds: number;
  /** Subscription windows whose reserved differs from their open plan holds. */
  planWindows: PlanWindowMismatch[];
}

function sums(rows: Array<{ id: string | null; total: unknown }>): Map<string, number> {
  const map = new Map<string, number>();
  // PostgreSQL returns SUM(bigint) as numeric text; exact while below 2^53, as all our money is.
  for (const row of rows) if (row.id !== null) map.set(row.id, Number(row.total));
  return map;
}

export async function verifyLedger(store: Store): Promise<LedgerReport> {
  const { db } = store;
  // Aggregates in one read transaction, so a request settling meanwhile cannot show up in one
  // sum and not in the other (PostgreSQL: repeatable read gives one snapshot to all the queries).
  // SQLite's single connection already gives every statement of a transaction the same view.
  const transaction =
    store.dialect === 'postgres' ? db.transaction().setIsolationLevel('repeatable read') : db.transaction();
  return transaction.execute(async (trx) => {
    const users = await trx.selectFrom('users').select(['id', 'balance', 'reserved']).execute();
    const keys = await trx.selectFrom('api_keys').select(['id', 'user_id', 'reserved']).execute();
    const ledger = sums(
      await trx
        .selectFrom('ledger_entries')
        .select((eb) => ['user_id as id', eb.fn.sum<string>('amount').as('total')])
        .groupBy('user_id')
        .execute(),
    );
    const entryCount = await trx
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const heldByUser = sums(
      await trx
        .selectFrom('reservations')
        .select((eb) => ['user_id as id', eb.fn.sum<string>('amount').as('total')])
        .groupBy('user_id')
        .execute(),
    );
    const heldByKey = sums(
      await trx
        .selectFrom('reservations')
        .select((eb) => ['key_id as id', eb.fn.sum<string>('amount').as('total')])
        .where('key_id', 'is not', null)
        .groupBy('key_id')
        .execute(),
    );
    const reservationCount = await trx
      .selectFrom('reservations')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const overruns = await trx
      .selectFrom('billing_overruns')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<string>(eb('cost', '-', eb.ref('charged'))).as('uncollected'),
      ])
      .executeTakeFirstOrThrow();

    const mismatches: LedgerMismatch[] = [];
    for (const user of users) {
      const balance = Number(user.balance);
      const expectedBalance = ledger.get(user.id) ?? 0;
      if (balance !== expectedBalance) {
        mismatches.push({ kind: 'user_balance', userId: user.id, stored: balance, expected: expectedBalance });
      }
      const reserved = Number(user.reserved);
      const expectedReserved = heldByUser.get(user.id) ?? 0;
      if (reserved !== expectedReserved) {
        mismatches.push({ kind: 'user_reserved', userId: user.id, stored: reserved, expected: expectedReserved });
      }
    }
    for (const key of keys) {
      const reserved = Number(key.reserved);
      const expected = heldByKey.get(key.id) ?? 0;
      if (reserved !== expected) {
        mismatches.push({ kind: 'key_reserved', userId: key.user_id, keyId: key.id, stored: reserved, expected });
      }
    }
    const jobHolds = await findJobHoldProblems(trx);
    const orders = await findOrderProblems(trx);
    const plans = await findPlanWindowMismatches(trx);
    return {
      ok: mismatches.length === 0 && jobHolds.length === 0 && plans.mismatches.length === 0 && orders.length === 0,
      users: users.length,
      keys: keys.length,
      ledgerEntries: Number(entryCount.n),
      openReservations: Number(reservationCount.n),
      overruns: Number(overruns.n),
      uncollectedUnits: Number(overruns.uncollected ?? 0),
      mismatches,
      jobHolds,
      orders,
      openPlanHolds: plans.openPlanHolds,
      planWindows: plans.mismatches,
    };
  });
}
