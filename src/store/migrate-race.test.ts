import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { dropTestSchema, postgresAvailable, TEST_POSTGRES_URL } from '../../test/db-harness.js';
import { openStore } from './database.js';
import { migrateToLatest, pendingMigrations } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';

/**
 * Test files running in parallel each migrate a schema of their own in the one test database and
 * drop it when done. Migrating must only ever look at its own schema: a catalog query that walks
 * every schema (Kysely's introspector resolves each schema and table by name) fails with "schema …
 * does not exist" when another store's schema is dropped under it. Here stores are migrated while
 * churn lanes create and drop small schemas as fast as they can, as neighbouring test files do.
 */
const MIGRATING_LANES = 3;
const CYCLES_PER_LANE = 3;
const CHURN_LANES = 3;

async function migrateAndDrop(): Promise<void> {
  const schema = `aihub_race_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ url: TEST_POSTGRES_URL, dataDir: tmpdir(), schema, poolSize: 4 });
  try {
    expect(await pendingMigrations(store.db, schema)).toEqual(Object.keys(MIGRATIONS).sort());
    await migrateToLatest(store.db, schema);
    expect(await pendingMigrations(store.db, schema)).toEqual([]);
  } finally {
    await store.close();
    await dropTestSchema(schema);
  }
}

async function migratingLane(): Promise<void> {
  for (let cycle = 0; cycle < CYCLES_PER_LANE; cycle++) await migrateAndDrop();
}

/** Creates and drops a schema with a table (and its sequence) in it, over and over, until told to stop. */
async function churnLane(stop: { done: boolean }): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    while (!stop.done) {
      const schema = `aihub_churn_${randomBytes(6).toString('hex')}`;
      await client.query(`CREATE SCHEMA "${schema}"`);
      await client.query(`CREATE TABLE "${schema}".t (id serial primary key, v text)`);
      await client.query(`DROP SCHEMA "${schema}" CASCADE`);
    }
  } finally {
    await client.end();
  }
}

describe.skipIf(!postgresAvailable)('migrating beside schemas that are being dropped [postgres]', () => {
  it('never sees another store’s schema vanish', { timeout: 120_000 }, async () => {
    const stop = { done: false };
    const churning = Promise.all(Array.from({ length: CHURN_LANES }, () => churnLane(stop)));
    const outcomes = await Promise.allSettled(Array.from({ length: MIGRATING_LANES }, migratingLane));
    stop.done = true;
    await churning;
    const failures = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [String(outcome.reason)] : []));
    expect(failures).toEqual([]);
  });
});
