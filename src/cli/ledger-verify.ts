/**
 * `aihub ledger verify`: prints the reconciliation of balances against the ledger and returns the
 * process exit code (0 when everything reconciles, 1 on any mismatch). The CLI opens the store
 * and calls this; it is a function so tests can run it against a real database.
 */

import { type LedgerMismatch, verifyLedger } from '../billing/ledger-verify.js';
import { formatUsd } from '../billing/money.js';
import type { OrderProblem } from '../payments/order-ledger-check.js';
import type { Store } from '../store/database.js';

export interface TextOut {
  write(text: string): unknown;
}

const LABELS: Record<LedgerMismatch['kind'], string> = {
  user_balance: 'balance ≠ sum of ledger',
  user_reserved: 'reserved ≠ open reservations',
  key_reserved: 'key reserved ≠ its open reservations',
};

const ORDER_LABELS: Record<OrderProblem['kind'], string> = {
  credited_without_entry: 'credited but no top-up entry',
  credit_mismatch: 'top-up entries differ from the credit',
  entry_without_credit: 'top-up entry for an order never credited',
  reversal_mismatch: 'refund entries differ from the reversed amount',
};

export async function runLedgerVerify(store: Store, out: TextOut): Promise<number> {
  const report = await verifyLedger(store);
  out.write(
    `Checked ${report.users} users, ${report.keys} API keys, ${report.ledgerEntries} ledger entries, ` +
      `${report.openReservations} open reservations, ${report.openPlanHolds} open plan holds (${store.location}).\n`,
  );
  if (report.overruns > 0) {
    out.write(
      `${report.overruns} overrun(s): a vendor billed beyond the hold; ${report.uncollectedUnits} units ` +
        `(${formatUsd(report.uncollectedUnits)}) were not collected (GET /api/admin/billing/overruns).\n`,
    );
  }
  if (report.ok) {
    out.write(
      'OK: every balance equals the sum of its ledger entries, and every hold matches its reservations, and every payment order matches its credits.\n',
    );
    return 0;
  }
  out.write(
    `MISMATCH: ${report.mismatches.length + report.jobHolds.length + report.planWindows.length + report.orders.length} problem(s):\n`,
  );
  for (const m of report.mismatches) {
    const who = m.keyId ? `user ${m.userId} key ${m.keyId}` : `user ${m.userId}`;
    out.write(
      `  ${who}: ${LABELS[m.kind]}: stored ${m.stored} (${formatUsd(m.stored)}), expected ${m.expected} ` +
        `(${formatUsd(m.expected)}), difference ${m.stored - m.expected}\n`,
    );
  }
  for (const job of report.jobHolds) {
    out.write(
      job.kind === 'hold_of_finished_job'
        ? `  job ${job.jobId} (user ${job.userId}, request ${job.requestId}) is ${job.status} but still holds ` +
            `${job.held} (${formatUsd(job.held)})\n`
        : `  durable hold ${job.requestId} (user ${job.userId}) of ${job.held} (${formatUsd(job.held)}) ` +
            `belongs to no unfinished job\n`,
    );
  }
  for (const order of report.orders) {
    out.write(
      `  order ${order.orderId} (user ${order.userId}, ${order.status}): ${ORDER_LABELS[order.kind]}: ledger holds ` +
        `${order.found} (${formatUsd(order.found)}), the order says ${order.expected} (${formatUsd(order.expected)})\n`,
    );
  }
  for (const w of report.planWindows) {
    out.write(
      `  subscription ${w.subscriptionId} (user ${w.userId}) window ${w.window}: reserved ${w.stored} ≠ its open ` +
        `plan holds ${w.expected}\n`,
    );
  }
  return 1;
}
