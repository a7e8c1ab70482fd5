/**
 * Online backup and restore of the SQLite database (`aihub backup` / `aihub restore`). The backup
 * uses SQLite's backup API (better-sqlite3's `.backup()`), which copies a consistent snapshot while
 * the server keeps writing; the copy is checked (`PRAGMA integrity_check`) before it is given its
 * final name, so a file at the destination is always a whole database.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { SQLITE_SIDE_FILE_SUFFIXES } from './database.js';
import { makeFilePrivate } from './private-files.js';

export interface SqliteCheck {
  ok: boolean;
  /** What integrity_check reported (empty when ok), or why the file is not an AIHub database. */
  problems: string[];
  /** Migrations applied in it (0: not an AIHub database). */
  migrations: number;
}

/** Kysely's migration table: an AIHub database has it. */
const MIGRATION_TABLE = 'kysely_migration';

/** Opens the file read-only and checks it is an intact AIHub database. */
export function checkSqliteFile(file: string): SqliteCheck {
  let db: SQLite.Database;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return { ok: false, problems: [(error as Error).message], migrations: 0 };
  }
  try {
    const rows = db.pragma('integrity_check') as Array<{ integrity_check: string }>;
    const problems = rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
    const table = db.prepare("select name from sqlite_master where type = 'table' and name = ?").get(MIGRATION_TABLE);
    const migrations = table
      ? Number((db.prepare(`select count(*) as n from ${MIGRATION_TABLE}`).get() as { n: number }).n)
      : 0;
    if (!table) problems.push('It is not an AIHub database: it has no migration table.');
    return { ok: problems.length === 0, problems, migrations };
  } catch (error) {
    return { ok: false, problems: [(error as Error).message], migrations: 0 };
  } finally {
    db.close();
  }
}

/** Copies `source` to `destination` (which must not exist) while it may be in use. */
export async function backupSqlite(
  source: string,
  destination: string,
): Promise<{ bytes: number; check: SqliteCheck }> {
  if (!existsSync(source)) throw new Error(`There is no database at ${source}.`);
  if (existsSync(destination)) throw new Error(`${destination} exists; choose another name or remove it.`);
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  const db = new SQLite(source, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial);
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  } finally {
    db.close();
  }
  // The copy holds everything the database does (keys' hashes, encrypted secrets): owner only.
  makeFilePrivate(partial);
  const check = checkSqliteFile(partial);
  if (!check.ok) {
    rmSync(partial, { force: true });
    throw new Error(`The copy failed its integrity check: ${check.problems.join('; ')}`);
  }
  renameSync(partial, destination);
  return { bytes: statSync(destination).size, check };
}

/**
 * Processes whose heartbeat in `instances` is recent: a server using the database. (A SQLite file
 * lock would not tell: in WAL mode an idle server holds none.)
 */
export function liveInstances(file: string, now: number, withinMs: number): number {
  if (!existsSync(file)) return 0;
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("select name from sqlite_master where type = 'table' and name = 'instances'").get();
    if (!table) return 0;
    const row = db.prepare('select count(*) as n from instances where heartbeat_at > ?').get(now - withinMs) as {
      n: number;
    };
    return Number(row.n);
  } finally {
    db.close();
  }
}

/**
 * Replaces the database at `target` with the backup. The backup is checked first and copied beside
 * the target; then the current database (with its WAL) is moved aside, not deleted, and the copy
 * takes its name. Returns where the previous database went.
 */
export async function restoreSqlite(
  backup: string,
  target: string,
  stamp: string,
): Promise<{ check: SqliteCheck; previous?: string }> {
  const check = checkSqliteFile(backup);
  if (!check.ok) throw new Error(`${backup} cannot be restored: ${check.problems.join('; ')}`);
  const incoming = `${target}.restoring`;
  rmSync(incoming, { force: true });
  const source = new SQLite(backup, { readonly: true, fileMustExist: true });
  try {
    await source.backup(incoming);
  } catch (error) {
    rmSync(incoming, { force: true });
    throw error;
  } finally {
    source.close();
  }
  makeFilePrivate(incoming);
  let previous: string | undefined;
  if (existsSync(target)) {
    previous = `${target}.before-restore-${stamp}`;
    renameSync(target, previous);
  }
  for (const suffix of SQLITE_SIDE_FILE_SUFFIXES) {
    // The WAL and shared memory belong to the database moved aside: they go with it.
    if (existsSync(`${target}${suffix}`)) {
      if (previous) renameSync(`${target}${suffix}`, `${previous}${suffix}`);
      else rmSync(`${target}${suffix}`, { force: true });
    }
  }
  renameSync(incoming, target);
  return previous ? { check, previous } : { check };
}
