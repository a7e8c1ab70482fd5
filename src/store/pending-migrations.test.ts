import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { postgresAvailable, TEST_POSTGRES_URL } from '../../test/db-harness.js';
import { openStore, type Store } from './database.js';
import { migrateToLatest, pendingMigrations, schemaMigrator } from './migrate.js';
import { MIGRATIONS } from './migrations/index.js';
import { ownSchemaIntrospection } from './own-schema-introspection.js';

const ALL = Object.keys(MIGRATIONS).sort();

/** A database with no schema at all (not even the migrator's tables). */
async function emptyStore(dialect: 'sqlite' | 'postgres'): Promise<{ store: Store; remove: () => Promise<void> }> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'aihub-pending-'));
    const store = await openStore({ url: `sqlite:${join(dir, 'test.sqlite')}`, dataDir: dir });
    return { store, remove: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const schema = `aihub_pending_${randomBytes(6).toString('hex')}`;
  const store = await openStore({ url: TEST_POSTGRES_URL, dataDir: tmpdir(), schema });
  return {
    store,
    async remove() {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await client.end();
    },
  };
}

for (const dialect of ['sqlite', 'postgres'] as const) {
  describe.skipIf(dialect === 'postgres' && !postgresAvailable)(
    `pendingMigrations (migrate --dry-run) [${dialect}]`,
    () => {
      let opened: { store: Store; remove: () => Promise<void> } | undefined;
      afterEach(async () => {
        await opened?.store.close();
        await opened?.remove();
        opened = undefined;
      });

      it('lists every migration on an empty database, and writes nothing', async () => {
        opened = await emptyStore(dialect);
        const { store } = opened;
        expect(await pendingMigrations(store.db, store.schema)).toEqual(ALL);
        const tables = await ownSchemaIntrospection(store.db, store.schema).getTables({
          withInternalKyselyTables: true,
        });
        expect(tables).toEqual([]);
      });

      it('lists what is left after a partial migration, in order, and nothing once current', async () => {
        opened = await emptyStore(dialect);
        const { store } = opened;
        const halfway = ALL[Math.floor(ALL.length / 2)] as string;
        expect((await schemaMigrator(store.db, store.schema).migrateTo(halfway)).error).toBeUndefined();
        expect(await pendingMigrations(store.db, store.schema)).toEqual(ALL.slice(ALL.indexOf(halfway) + 1));
        await migrateToLatest(store.db, store.schema);
        expect(await pendingMigrations(store.db, store.schema)).toEqual([]);
      });
    },
  );
}
