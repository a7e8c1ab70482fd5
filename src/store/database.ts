import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { createPrivateFile, makeFilePrivate, type PermissionReport, PRIVATE_DIRECTORY_MODE } from './private-files.js';
import type { Database } from './schema.js';
import { startCheckpointer, WAL_RESTART_FRAMES } from './sqlite-checkpointer.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: DialectName;
  /** Human-readable location, without credentials. */
  location: string;
  /** The PostgreSQL schema in use, when one was chosen. */
  schema?: string;
  /**
   * The raw connection under Kysely, for the few hot paths that run prepared statements directly
   * (the money path, billing/money-path-*.ts). SQLite: the one better-sqlite3 connection; use it
   * only inside `db.connection().execute()`, which holds Kysely's connection mutex, so a raw
   * statement can never slip into a Kysely transaction that is waiting on an await.
   */
  raw: { dialect: 'sqlite'; connection: SQLite.Database } | { dialect: 'postgres'; pool: pg.Pool };
  close(): Promise<void>;
}

export interface StoreOptions {
  /** `postgres://…` / `postgresql://…` for PostgreSQL; `sqlite:PATH` or unset for SQLite. */
  url?: string;
  /** Where the default SQLite file goes (`<dataDir>/aihub.sqlite`). */
  dataDir: string;
  /** PostgreSQL schema to use (tests isolate themselves this way); created when missing. */
  schema?: string;
  /** Connection pool size for PostgreSQL. */
  poolSize?: number;
  /**
   * SQLite: checkpoint the WAL in a worker thread instead of inside commits (sqlite-checkpointer.ts).
   * The server turns it on; short-lived stores (CLI, tests) keep SQLite's default.
   */
  backgroundCheckpoints?: boolean;
  /** SQLite: where permissions tightened on the database's files are reported (for the log). */
  onPermissionNote?: PermissionReport;
}

/** The SQLite database's file name under the data directory. */
export const SQLITE_FILE = 'aihub.sqlite';
/** Files SQLite keeps beside the database (WAL mode uses the first two), with the same contents' secrecy. */
export const SQLITE_SIDE_FILE_SUFFIXES = ['-wal', '-shm', '-journal'] as const;

// PostgreSQL returns int8 as text to protect precision; our money and times fit in 2^53
// (9e15 micro-dollars is $9 billion), so numbers are safe and far handier.
pg.types.setTypeParser(20, (value) => Number(value));

/** Where the store lives, without opening it (the backup command copies the SQLite file itself). */
export type StoreTarget = { dialect: 'postgres'; url: string } | { dialect: 'sqlite'; file: string };

export function resolveStoreTarget(options: Pick<StoreOptions, 'url' | 'dataDir'>): StoreTarget {
  const url = options.url?.trim();
  if (url && /^postgres(ql)?:\/\//i.test(url)) return { dialect: 'postgres', url };
  const file = url?.startsWith('sqlite:') ? url.slice('sqlite:'.length) : resolve(options.dataDir, SQLITE_FILE);
  return { dialect: 'sqlite', file };
}

/**
 * PostgreSQL connections of one AIHub process. `aihub serve --workers N` gives each worker a share
 * of it (at least MIN_WORKER_POOL_SIZE), so a machine opens about as many as one process would and
 * several machines stay under the server's max_connections (100 by default).
 */
export const DEFAULT_POOL_SIZE = 20;
export const MIN_WORKER_POOL_SIZE = 5;

export async function openStore(options: StoreOptions): Promise<Store> {
  const target = resolveStoreTarget(options);
  if (target.dialect === 'postgres') return openPostgres(target.url, options);
  const { file } = target;
  if (isPlainPath(file)) prepareSqliteFiles(file, options.onPermissionNote);
  return openSqlite(file, options.backgroundCheckpoints === true);
}

/** Not SQLite's in-memory (`:memory:`), temporary (``) or URI (`file:…`) forms. */
export function isPlainPath(file: string): boolean {
  return file !== '' && file !== ':memory:' && !file.startsWith('file:');
}

/**
 * SQLite creates its database 0644 (less the umask) and gives the WAL and shared-memory files the
 * database's own mode, so creating the database 0600 first keeps all three private. Files an older
 * version left readable are tightened. A missing folder is created 0700; an existing one is the
 * data directory's business (config/data-directory.ts), or the operator's when the path is theirs.
 */
function prepareSqliteFiles(file: string, report: PermissionReport | undefined): void {
  mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  createPrivateFile(file, report);
  for (const suffix of SQLITE_SIDE_FILE_SUFFIXES) makeFilePrivate(`${file}${suffix}`, report);
}

function openSqlite(file: string, backgroundCheckpoints: boolean): Store {
  const connection = new SQLite(file);
  // WAL lets readers run beside the writer; NORMAL sync is durable across process crashes
  // (kill -9), which is the failure the ledger must survive; busy_timeout waits out other writers.
  connection.pragma('journal_mode = WAL');
  connection.pragma('synchronous = NORMAL');
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');
  const checkpointer = backgroundCheckpoints && isPlainPath(file) ? startCheckpointer(file) : undefined;
  if (checkpointer) {
    connection.pragma('wal_autocheckpoint = 0');
    // When a commit rewinds the WAL, the file is cut back to the size the checkpointer lets it reach.
    const pageSize = connection.pragma('page_size', { simple: true }) as number;
    connection.pragma(`journal_size_limit = ${WAL_RESTART_FRAMES * pageSize}`);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: connection }) });
  return {
    db,
    dialect: 'sqlite',
    location: file,
    raw: { dialect: 'sqlite', connection },
    close: async () => {
      await db.destroy();
      await checkpointer?.stop();
    },
  };
}

async function openPostgres(url: string, options: StoreOptions): Promise<Store> {
  const schema = options.schema;
  if (schema && !/^[a-z_][a-z0-9_]*$/i.test(schema)) throw new Error(`Invalid PostgreSQL schema name '${schema}'.`);
  if (schema) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    try {
      await admin.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    } finally {
      await admin.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? DEFAULT_POOL_SIZE,
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  const parsed = new URL(url);
  return {
    db,
    dialect: 'postgres',
    raw: { dialect: 'postgres', pool },
    ...(schema ? { schema } : {}),
    location: `postgres://${parsed.host}${parsed.pathname}${schema ? ` (schema ${schema})` : ''}`,
    close: () => db.destroy(),
  };
}
