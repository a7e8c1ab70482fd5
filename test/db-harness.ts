/**
 * Runs a suite against every database AIHub supports: a real SQLite file, and the real PostgreSQL
 * (`AIHUB_TEST_DATABASE_URL`, default postgres://postgres@127.0.0.1:5432/test) in a schema of its
 * own that is dropped afterwards. In CI a missing PostgreSQL is an error; elsewhere a visible skip.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { type DialectName, openStore, type Store } from '../src/store/database.js';
import { migrateToLatest } from '../src/store/migrate.js';

export const TEST_POSTGRES_URL = process.env.AIHUB_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Drops a test's PostgreSQL schema and everything in it (its own connection, closed after). */
export async function dropTestSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

let postgresReachable: boolean | undefined;

async function canReachPostgres(): Promise<boolean> {
  if (postgresReachable !== undefined) return postgresReachable;
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    postgresReachable = true;
  } catch {
    postgresReachable = false;
  } finally {
    await client.end().catch(() => {});
  }
  return postgresReachable;
}

export interface TestStore extends Store {
  /** Closes the store and removes its file or schema. */
  destroy(): Promise<void>;
  /** For a second process (or a second store) to open the same database. */
  url: string;
  schema?: string;
}

/** A fresh, migrated database of the given dialect. */
export async function openTestStore(dialect: DialectName): Promise<TestStore> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'aihub-db-'));
    const url = `sqlite:${join(dir, 'test.sqlite')}`;
    const store = await openStore({ url, dataDir: dir });
    await migrateToLatest(store.db);
    return {
      ...store,
      url,
      async destroy() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (!(await canReachPostgres())) {
    throw new Error(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL}`);
  }
  const schema = `aihub_test_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ url: TEST_POSTGRES_URL, dataDir: tmpdir(), schema, poolSize: 30 });
  await migrateToLatest(store.db, schema);
  return {
    ...store,
    url: TEST_POSTGRES_URL,
    schema,
    async destroy() {
      await store.close();
      await dropTestSchema(schema);
    },
  };
}

export const postgresAvailable = await canReachPostgres();

/**
 * `describe` once per dialect, with a fresh migrated store for the whole block (`store()` inside
 * tests). PostgreSQL absent: an error in CI, a skip with the reason elsewhere.
 */
export function describeEachDialect(name: string, body: (store: () => TestStore, dialect: DialectName) => void): void {
  for (const dialect of ['sqlite', 'postgres'] as const) {
    const title = `${name} [${dialect}]`;
    if (dialect === 'postgres' && !postgresAvailable) {
      if (process.env.CI) throw new Error(`PostgreSQL is required in CI but not reachable at ${TEST_POSTGRES_URL}`);
      describe.skip(`${title} [SKIPPED: PostgreSQL not reachable at ${TEST_POSTGRES_URL}]`, () =>
        body(() => undefined as never, dialect));
      continue;
    }
    describe(title, () => {
      let current: TestStore | undefined;
      beforeAll(async () => {
        current = await openTestStore(dialect);
      });
      afterAll(async () => {
        await current?.destroy();
      });
      body(() => {
        if (!current) throw new Error('store not ready');
        return current;
      }, dialect);
    });
  }
}

/** How many rows a table holds now (a test's before/after). */
export async function countRows(store: Store, table: 'oauth_flows'): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
