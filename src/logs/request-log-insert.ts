import type SQLite from 'better-sqlite3';
import type { Store } from '../store/database.js';
import type { RequestLogRow } from './request-log-entry.js';

/** Writes a batch of log rows; a row whose id is already there is skipped. */
export type RequestLogInsert = (rows: RequestLogRow[]) => Promise<void>;

/**
 * SQLite: one prepared single-row INSERT run per row in one transaction. better-sqlite3 is
 * synchronous, so a batch blocks the event loop while it runs: a 500-row multi-row INSERT built by
 * Kysely (14,500 bound parameters, compiled each time) took several milliseconds, this takes ~5 µs
 * a row. PostgreSQL: Kysely's multi-row INSERT (one round trip; it does not block the loop).
 */
export function createRequestLogInsert(store: Store): RequestLogInsert {
  if (store.raw.dialect === 'postgres') {
    return async (rows) => {
      await store.db
        .insertInto('request_logs')
        .values(rows)
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    };
  }
  const connection = store.raw.connection;
  // Rows have the same columns in practice (one row builder); keyed anyway so a new shape still works.
  const statements = new Map<string, SQLite.Statement>();
  const statementFor = (row: RequestLogRow): SQLite.Statement => {
    const columns = Object.keys(row);
    const signature = columns.join(',');
    let statement = statements.get(signature);
    if (!statement) {
      statement = connection.prepare(
        `INSERT OR IGNORE INTO request_logs (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      statements.set(signature, statement);
    }
    return statement;
  };
  const insertAll = connection.transaction((rows: RequestLogRow[]) => {
    for (const row of rows) statementFor(row).run(row);
  });
  return (rows) => store.db.connection().execute(async () => insertAll.immediate(rows));
}
