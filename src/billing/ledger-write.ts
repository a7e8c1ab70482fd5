import type { Kysely, Transaction } from 'kysely';
import type { Database, LedgerKind } from '../store/schema.js';
import { type LedgerReason, reasonColumns } from './ledger-reason.js';

export interface LedgerEntryInput {
  id: string;
  userId: string;
  /** Signed units: positive credits, negative charges. */
  amount: number;
  kind: LedgerKind;
  /** Why, as a code and parameters the console translates (the English is derived from it). */
  reason: LedgerReason;
  /** What it belongs to (request id, code, adjustment id). (kind, reference) is unique. */
  reference: string;
  keyId?: string | null;
  createdAt: number;
}

/**
 * The one way money moves: inside the caller's transaction, add `amount` to the user's balance
 * and append the ledger entry that explains it, with the balance after. Because both happen in
 * one transaction, balance = sum of the ledger always holds. A second entry with the same
 * (kind, reference) violates a unique index and aborts the transaction: nothing is charged or
 * credited twice. Returns the balance after the entry.
 */
export async function appendLedgerEntry(
  trx: Transaction<Database> | Kysely<Database>,
  entry: LedgerEntryInput,
): Promise<number> {
  const updated = await trx
    .updateTable('users')
    .set((eb) => ({ balance: eb('balance', '+', entry.amount), updated_at: entry.createdAt }))
    .where('id', '=', entry.userId)
    .returning('balance')
    .executeTakeFirst();
  if (!updated) throw new Error(`No user ${entry.userId} to post a ledger entry to.`);
  await trx
    .insertInto('ledger_entries')
    .values({
      id: entry.id,
      user_id: entry.userId,
      amount: entry.amount,
      kind: entry.kind,
      ...reasonColumns(entry.reason),
      reference: entry.reference,
      key_id: entry.keyId ?? null,
      balance_after: updated.balance,
      created_at: entry.createdAt,
    })
    .execute();
  return updated.balance;
}
