/**
 * Reading a user's ledger, newest first, a page at a time. Keyset pagination on
 * (created_at, id): pages stay stable while new entries arrive, and deep pages cost the same.
 */
import type { Store } from '../store/database.js';
import type { LedgerKind } from '../store/schema.js';
import { decodeTimeCursor, encodeTimeCursor } from '../store/time-cursor.js';
import { parseReasonParams } from './ledger-reason.js';

export const MAX_LEDGER_PAGE = 200;

export interface LedgerEntryView {
  id: string;
  userId: string;
  amount: number;
  kind: LedgerKind;
  /** In English; the console shows `reasonCode` with `reasonParams` in the reader's language. */
  reason: string;
  /** Null on entries older than the codes (migration 0026). */
  reasonCode: string | null;
  reasonParams: Record<string, unknown> | null;
  reference: string;
  keyId: string | null;
  balanceAfter: number;
  createdAt: number;
}

export interface LedgerPage {
  entries: LedgerEntryView[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface LedgerQueryInput {
  userId: string;
  kind?: LedgerKind;
  cursor?: string;
  limit?: number;
}

export async function listLedgerEntries(store: Store, input: LedgerQueryInput): Promise<LedgerPage> {
  const limit = Math.min(Math.max(1, input.limit ?? 50), MAX_LEDGER_PAGE);
  let query = store.db
    .selectFrom('ledger_entries')
    .selectAll()
    .where('user_id', '=', input.userId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit + 1);
  if (input.kind) query = query.where('kind', '=', input.kind);
  if (input.cursor) {
    const after = decodeTimeCursor(input.cursor);
    query = query.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  const rows = await query.execute();
  const entries = rows.slice(0, limit).map(
    (row): LedgerEntryView => ({
      id: row.id,
      userId: row.user_id,
      amount: Number(row.amount),
      kind: row.kind,
      reason: row.reason,
      reasonCode: row.reason_code,
      reasonParams: parseReasonParams(row.reason_params),
      reference: row.reference,
      keyId: row.key_id,
      balanceAfter: Number(row.balance_after),
      createdAt: Number(row.created_at),
    }),
  );
  const last = entries[entries.length - 1];
  return { entries, nextCursor: rows.length > limit && last ? encodeTimeCursor(last) : null };
}

export interface BalanceView {
  balance: number;
  reserved: number;
  /** balance − reserved: what new requests can still hold (plus the overdraft). */
  available: number;
}

/** The user's balance row, or undefined when there is no such user. */
export async function readBalance(store: Store, userId: string): Promise<BalanceView | undefined> {
  const row = await store.db
    .selectFrom('users')
    .select(['balance', 'reserved'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  const balance = Number(row.balance);
  const reserved = Number(row.reserved);
  return { balance, reserved, available: balance - reserved };
}

export interface KeySpendView {
  id: string;
  quota: number | null;
  used: number;
  reserved: number;
  /** quota − used − reserved; null when the key has no quota. */
  remaining: number | null;
}

export async function readKeySpend(store: Store, keyId: string, userId: string): Promise<KeySpendView | undefined> {
  const row = await store.db
    .selectFrom('api_keys')
    .select(['id', 'quota', 'used', 'reserved'])
    .where('id', '=', keyId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  const quota = row.quota === null ? null : Number(row.quota);
  const used = Number(row.used);
  const reserved = Number(row.reserved);
  return { id: row.id, quota, used, reserved, remaining: quota === null ? null : quota - used - reserved };
}
