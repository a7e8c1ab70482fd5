import { DEFAULT_MIGRATION_TABLE, type Kysely, type MigrationResultSet, Migrator } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';
import { ownSchemaIntrospection, withOwnSchemaIntrospection } from './own-schema-introspection.js';

/**
 * Kysely's migrator over this build's migrations, confined to the store's own schema: its tables
 * live there, and it looks for them there only (own-schema-introspection.ts says why that matters
 * when other stores in the same database drop their schemas).
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on whatever schema exists
export function schemaMigrator(db: Kysely<any>, schema?: string): Migrator {
  return new Migrator({
    db: withOwnSchemaIntrospection(db, schema),
    provider: { getMigrations: async () => MIGRATIONS },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
}

/**
 * Brings the schema to the latest migration. Kysely's migrator takes a lock (an advisory lock on
 * PostgreSQL), so replicas starting together migrate once.
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on whatever schema exists
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  const result: MigrationResultSet = await schemaMigrator(db, schema).migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((entry) => entry.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${(result.error as Error).message ?? result.error}`);
  }
  return (result.results ?? []).filter((entry) => entry.status === 'Success').map((entry) => entry.migrationName);
}

/**
 * The migrations this build knows that the database has not applied, in the order they would
 * run; nothing is written (not even the migrator's own tables on a fresh database).
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on whatever schema exists
export async function pendingMigrations(db: Kysely<any>, schema?: string): Promise<string[]> {
  const applied = await appliedMigrations(db, schema);
  return Object.keys(MIGRATIONS)
    .sort()
    .filter((name) => !applied.has(name));
}

// biome-ignore lint/suspicious/noExplicitAny: the migrator works on whatever schema exists
async function appliedMigrations(db: Kysely<any>, schema?: string): Promise<Set<string>> {
  const tables = await ownSchemaIntrospection(db, schema).getTables({ withInternalKyselyTables: true });
  if (!tables.some((table) => table.name === DEFAULT_MIGRATION_TABLE)) return new Set();
  const rows = await (schema ? db.withSchema(schema) : db).selectFrom(DEFAULT_MIGRATION_TABLE).select('name').execute();
  return new Set(rows.map((row: { name: string }) => row.name));
}
