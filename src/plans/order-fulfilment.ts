/**
 * A paid plan order becomes its plan: the order service has just credited the price as a top-up
 * (payments/order-service.ts), and here, in the same transaction, that credit is spent on the
 * plan (a `plan` ledger entry) and the subscription granted. Going through the balance keeps
 * every payment a top-up in the ledger, so a refund reverses money the same way for plans as for
 * credit. The amount spent is what the order charged, even if the plan's price changed since.
 *
 * A full refund takes the plan back while the period the order paid for runs: the subscription
 * ends and its price returns to the balance (a `plan` entry), which nets the refund's reversal to
 * zero instead of leaving the user both the plan and a debt. After that first period (or after a
 * partial refund) the refund takes back money only, and the balance may go below zero by it.
 */
import { appendLedgerEntry } from '../billing/ledger-write.js';
import type { PlanOrderHooks } from '../payments/order-service.js';
import type { PlanService } from './plan-service.js';

export function planOrderHooks(
  plans: PlanService,
  now: () => number,
  newId: (prefix: string) => string,
): PlanOrderHooks {
  return {
    async fulfil(trx, order) {
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
        reason: { code: 'plan_ordered', params: { orderId: order.id, price: order.amount } },
        reference: `${grant.subscriptionId}:1`,
        createdAt: now(),
      });
    },
    async takeBack(trx, order) {
      const ended = await plans.endPlanOfRefundedOrder(trx, order.id);
      if (!ended) return false;
      await appendLedgerEntry(trx, {
        id: newId('led'),
        userId: order.userId,
        amount: order.amount,
        kind: 'plan',
        reason: { code: 'plan_taken_back', params: { orderId: order.id, price: order.amount } },
        reference: `${ended.subscriptionId}:refund`,
        createdAt: now(),
      });
      return true;
    },
  };
}
