/**
 * Which ledger entries an order wrote (the ledger has no order column): its credit (kind topup,
 * reference = the order id), its refunds (kind refund, `<order id>:<refund id>`) and, for a plan
 * order, the plan's purchase (kind plan, named in its reason). Pure.
 */
import type { LedgerEntry, LedgerKind } from '../../../lib/types';
import type { PaymentOrder } from './types';

/** The kinds worth asking the ledger for, given what happened to the order. */
export function orderLedgerKinds(order: PaymentOrder): LedgerKind[] {
  const kinds: LedgerKind[] = [];
  if (order.creditedAt !== null) kinds.push('topup');
  if (order.reversedAmount > 0) kinds.push('refund');
  if (order.purpose === 'plan' && order.creditedAt !== null) kinds.push('plan');
  return kinds;
}

export function belongsToOrder(
  entry: Pick<LedgerEntry, 'kind' | 'reference' | 'reason'> & Partial<Pick<LedgerEntry, 'reasonParams'>>,
  orderId: string,
): boolean {
  if (entry.reference === orderId || entry.reference.startsWith(`${orderId}:`)) return true;
  if (entry.kind !== 'plan') return false;
  // Entries since the reason codes name the order in their parameters; older ones in their English.
  return entry.reasonParams?.orderId === orderId || entry.reason.includes(`order ${orderId} `);
}
