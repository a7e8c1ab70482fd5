/**
 * The three money moves every metered request makes (hold, then settle or release), as one
 * database operation each, on prepared statements run straight on the driver.
 *
 * Why not Kysely here: the benchmark's CPU profile (bench/, issue 5) put 52% of AIHub's time on
 * SQLite in Kysely and better-sqlite3 re-preparing and re-compiling ~10 statements a request in
 * two async transactions; on PostgreSQL each of those statements and BEGIN/COMMIT was a round
 * trip, all queued on the user's balance row. The rules are the same as reservations.ts (which
 * the orphan sweep and the rare paths still use): every check is part of its UPDATE's WHERE, rows
 * are locked in one order (user, key), and deleting the reservation row is what makes finishing a
 * request happen once.
 *
 * Overruns: a cost above what the request held (a vendor billed beyond the hold's bound) is
 * charged only as far as the user's free headroom (balance − reserved + overdraft, besides this
 * hold) and the key's remaining quota allow, decided in the same transaction as the charge, so
 * overruns of concurrent requests cannot compound: a balance never goes below −overdraft and a
 * key never spends beyond its quota. Each overrun is recorded in `billing_overruns` (migration
 * 0006) and the ledger entry says what was not charged; the entry's amount is what was charged,
 * so the ledger still reconciles.
 */
import type { Store } from '../store/database.js';
import { MoneyPathPostgres } from './money-path-postgres.js';
import { MoneyPathSqlite } from './money-path-sqlite.js';
import type { MoneyPath } from './money-path-types.js';

export type { FinishOutcome, FinishRequest, HoldRequest, MoneyPath } from './money-path-types.js';

export function createMoneyPath(store: Store): MoneyPath {
  return store.raw.dialect === 'sqlite'
    ? new MoneyPathSqlite(store.db, store.raw.connection)
    : new MoneyPathPostgres(store.raw.pool);
}
