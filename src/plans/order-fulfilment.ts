/**
 * A paid plan order becomes its plan: the order service has just credited the price as a top-up
 * (payments/order-service.ts), and here, in the same transaction, that credit is spent on the
 * plan (a `plan` ledger entry) and the subscription granted. Going through the balance keeps
 * every payment a top-up in the ledger, so a refund reverses money the same way for plans as for
 * credit (the balance may go below zero by it; an operator may also cancel the subscription).
 * The amount spent is what the order charged, even if the plan's price changed since.
 */
import { appendLedgerEntry } from '../billing/ledger-write.js';
import { formatUsd } from '../billing/money.js';
import type { PlanFulfilment } from '../payments/order-service.js';
import type { PlanService } from './plan-service.js';

export function planOrderFulfilment(
  plans: PlanService,
  now: () => number,
  newId: (prefix: string) => string,
): PlanFulfilment {
  return async (trx, order) => {
    const grant = await plans.grantPlanFromOrder(trx, {
      userId: order.userId,
      planId: order.planId,
      orderId: order.id,
    });
    if (grant.status === 'duplicate') return;
    await appendLedgerEntry(trx, {
      id: newId('led'),
      userId: order.userId,
      amount: -order.amount,
      kind: 'plan',
      reason: `Plan bought by order ${order.id} (${formatUsd(order.amount)}), period 1`,
      reference: `${grant.subscriptionId}:1`,
      createdAt: now(),
    });
  };
}
