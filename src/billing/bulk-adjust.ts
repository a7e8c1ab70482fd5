import { GatewayError } from '../ir/index.js';
import type { Ledger } from './ledger.js';

export type BulkAdjustResult =
  | { userId: string; ok: true; entryId: string; balance: number }
  | { userId: string; ok: false; code: string; message: string };

export const BULK_ADJUST_MAX_USERS = 200;

/**
 * One balance change for many users: each user gets their own `adjust` ledger entry in their own
 * transaction (atomic per user, never across users, so one missing account cannot undo the
 * others). Input is checked before anything is written; after that every user's outcome is
 * reported, applied or not, so a partly applied batch is always visible to the administrator.
 */
export async function adjustBalances(
  ledger: Pick<Ledger, 'adjustBalance'>,
  adminUserId: string,
  input: { userIds: string[]; amount: number; reason: string },
): Promise<BulkAdjustResult[]> {
  const userIds = [...new Set(input.userIds)];
  if (userIds.length === 0 || userIds.length > BULK_ADJUST_MAX_USERS) {
    throw invalid('userIds', `Select 1-${BULK_ADJUST_MAX_USERS} users.`);
  }
  if (!Number.isSafeInteger(input.amount) || input.amount === 0) {
    throw invalid('amount', 'The amount is a whole, non-zero number of units (1 unit = 1e-6 USD).');
  }
  if (!input.reason.trim()) throw invalid('reason', 'A balance change needs a reason.');
  const results: BulkAdjustResult[] = [];
  for (const userId of userIds) {
    try {
      const done = await ledger.adjustBalance(adminUserId, userId, input.amount, input.reason);
      results.push({ userId, ok: true, entryId: done.entryId, balance: done.balanceAfter });
    } catch (error) {
      // A GatewayError is the user's own problem (no such user); anything else is reported too,
      // with a fixed message, rather than aborting a batch whose earlier users were already changed.
      results.push(
        error instanceof GatewayError
          ? { userId, ok: false, code: error.code ?? error.kind, message: error.message }
          : { userId, ok: false, code: 'internal_error', message: 'The change could not be written.' },
      );
    }
  }
  return results;
}

function invalid(param: string, message: string): GatewayError {
  return new GatewayError({ kind: 'invalid_request', code: 'invalid_value', param, message });
}
