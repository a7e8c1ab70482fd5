/**
 * Sets a balance to an exact amount (the operator's `aihub users set-balance`), through the ledger:
 * one `adjust` entry for the difference, with the operator's note, exactly as an administrator's
 * correction in the console (Ledger.adjustBalance). The balance is read and changed in one
 * transaction (the row locked on PostgreSQL; SQLite refuses a write on a stale snapshot), so a
 * request settling at the same moment cannot make the result miss the target.
 */
import { userNotFound } from '../accounts/account-errors.js';
import { GatewayError } from '../ir/index.js';
import type { Store } from '../store/database.js';
import { appendLedgerEntry } from './ledger-write.js';

export interface SetBalanceInput {
  userId: string;
  /** The balance wanted, in units. */
  target: number;
  /** Why, as the user will read it. */
  note: string;
  /** Who did it. */
  by: string;
}

export interface SetBalanceResult {
  before: number;
  after: number;
  /** Absent when the balance already had that value (nothing is written). */
  entryId?: string;
}

export async function setBalance(
  store: Store,
  input: SetBalanceInput,
  clock: { now: () => number; newId: (prefix: string) => string },
): Promise<SetBalanceResult> {
  if (!Number.isSafeInteger(input.target)) {
    throw new GatewayError({
      kind: 'invalid_request',
      code: 'invalid_value',
      param: 'target',
      message: 'The balance is a whole number of units (1 unit = 1e-6 USD).',
    });
  }
  const note = input.note.trim();
  if (!note) {
    throw new GatewayError({
      kind: 'invalid_request',
      code: 'invalid_value',
      param: 'reason',
      message: 'A balance change needs a reason.',
    });
  }
  return store.db.transaction().execute(async (trx) => {
    let query = trx.selectFrom('users').select('balance').where('id', '=', input.userId);
    if (store.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row) throw userNotFound();
    const before = Number(row.balance);
    const difference = input.target - before;
    if (difference === 0) return { before, after: before };
    const entryId = clock.newId('led');
    const after = await appendLedgerEntry(trx, {
      id: entryId,
      userId: input.userId,
      amount: difference,
      kind: 'adjust',
      reason: { code: 'admin_adjust', params: { note, by: input.by } },
      reference: clock.newId('adj'),
      createdAt: clock.now(),
    });
    return { before, after, entryId };
  });
}
