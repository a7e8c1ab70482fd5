import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { postgresAvailable, TEST_POSTGRES_URL } from '../../../test/db-harness.js';
import { type DialectName, openStore, type Store } from '../database.js';
import { migrateToLatest, schemaMigrator } from '../migrate.js';
import { ownSchemaIntrospection } from '../own-schema-introspection.js';

/** A store migrated up to `last` only, and how to remove it. */
async function storeAt(dialect: DialectName, last: string): Promise<{ store: Store; destroy: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'aihub-0007-'));
  const schema = dialect === 'postgres' ? `aihub_0007_${randomBytes(6).toString('hex')}` : undefined;
  const store = await openStore(
    schema
      ? { url: TEST_POSTGRES_URL, schema, dataDir: dir }
      : { url: `sqlite:${join(dir, 'db.sqlite')}`, dataDir: dir },
  );
  const result = await schemaMigrator(store.db, schema).migrateTo(last);
  if (result.error) throw result.error;
  return {
    store,
    async destroy() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
      if (!schema) return;
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

describe.each(['sqlite', 'postgres'] as const)('migration 0007 (session CSRF hashes) [%s]', (dialect) => {
  it.skipIf(dialect === 'postgres' && !postgresAvailable && !process.env.CI)(
    'ends the sessions that stored a plain CSRF token, with their playground keys, and renames the column',
    async () => {
      const { store, destroy } = await storeAt(dialect, '0005-money-batch');
      // biome-ignore lint/suspicious/noExplicitAny: the schema before 0007 is not the typed one
      const db = store.db as any;
      try {
        const user = { role: 'user', group_name: 'default', status: 'active', balance: 0, reserved: 0 };
        await db
          .insertInto('users')
          .values({ id: 'u1', email: 'a@example.com', ...user, created_at: 1, updated_at: 1 })
          .execute();
        await db
          .insertInto('sessions')
          .values({
            id: 'sid',
            user_id: 'u1',
            csrf_token: 'plain-csrf',
            created_at: 1,
            expires_at: 9e12,
            last_seen_at: 1,
          })
          .execute();
        const key = { user_id: 'u1', name: 'k', used: 0, reserved: 0, status: 'enabled', created_at: 1, updated_at: 1 };
        await db
          .insertInto('api_keys')
          .values([
            { ...key, id: 'standard', key_hash: 'h1', key_hint: 'sk-…1', kind: 'standard', session_id: null },
            { ...key, id: 'playground', key_hash: 'h2', key_hint: 'sk-…2', kind: 'playground', session_id: 'sid' },
          ])
          .execute();

        await migrateToLatest(store.db, store.schema);

        expect(await store.db.selectFrom('sessions').selectAll().execute()).toEqual([]);
        const keys = await store.db.selectFrom('api_keys').select('id').execute();
        expect(keys.map((row) => row.id)).toEqual(['standard']);
        const columns = (await ownSchemaIntrospection(store.db, store.schema).getTables())
          .filter((table) => table.name === 'sessions')
          .flatMap((table) => table.columns.map((column) => column.name));
        expect(columns).toContain('csrf_token_hash');
        expect(columns).not.toContain('csrf_token');
      } finally {
        await destroy();
      }
    },
  );
});
