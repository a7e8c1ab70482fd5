import type { Kysely } from 'kysely';
import type { Database } from '../store/schema.js';

/** A payment order whose money in the ledger disagrees with its state. */
export interface OrderProblem {
  kind: 'credited_without_entry' | 'credit_mismatch' | 'entry_without_credit' | 'reversal_mismatch';
  orderId: string;
  userId: string;
  status: string;
  /** What the order says the ledger should hold, in units. */
  expected: number;
  /** What the ledger holds for it. */
  found: number;
}

/**
 * Orders against the ledger (part of `aihub ledger verify`): a credited order (or one refunded
 * after its credit) has exactly its `credit_amount` in `topup` entries referencing it; an order
 * never credited has none; its `refund` entries (reference `<order id>:<reversal id>`) add up to
 * minus its `reversed_amount`. Runs in the ledger check's transaction, on the same snapshot.
 */
export async function findOrderProblems(db: Kysely<Database>): Promise<OrderProblem[]> {
  const orders = await db
    .selectFrom('payment_orders')
    .select(['id', 'user_id', 'status', 'credit_amount', 'reversed_amount', 'credited_at'])
    .execute();
  if (orders.length === 0) return [];
  const credits = new Map<string, { total: number; count: number }>();
  for (const row of await db
    .selectFrom('ledger_entries')
    .innerJoin('payment_orders', 'payment_orders.id', 'ledger_entries.reference')
    .select(['ledger_entries.reference as id', 'ledger_entries.amount as amount'])
    .where('ledger_entries.kind', '=', 'topup')
    .execute()) {
    const seen = credits.get(row.id) ?? { total: 0, count: 0 };
    credits.set(row.id, { total: seen.total + Number(row.amount), count: seen.count + 1 });
  }
  const reversals = new Map<string, number>();
  for (const row of await db
    .selectFrom('ledger_entries')
    .select(['reference', 'amount'])
    .where('kind', '=', 'refund')
    .execute()) {
    const orderId = row.reference.slice(0, row.reference.indexOf(':'));
    reversals.set(orderId, (reversals.get(orderId) ?? 0) - Number(row.amount));
  }

  const problems: OrderProblem[] = [];
  for (const order of orders) {
    const base = { orderId: order.id, userId: order.user_id, status: order.status };
    const credit = credits.get(order.id);
    const found = credit?.total ?? 0;
    if (order.credited_at !== null) {
      if (!credit)
        problems.push({ ...base, kind: 'credited_without_entry', expected: Number(order.credit_amount), found });
      else if (credit.count !== 1 || found !== Number(order.credit_amount)) {
        problems.push({ ...base, kind: 'credit_mismatch', expected: Number(order.credit_amount), found });
      }
    } else if (credit) {
      problems.push({ ...base, kind: 'entry_without_credit', expected: 0, found });
    }
    const reversed = reversals.get(order.id) ?? 0;
    if (reversed !== Number(order.reversed_amount)) {
      problems.push({ ...base, kind: 'reversal_mismatch', expected: Number(order.reversed_amount), found: reversed });
    }
  }
  return problems;
}
