import { type Kysely, type MigrationResultSet, Migrator } from 'kysely';
import { MIGRATIONS } from './migrations/index.js';

/**
 * Brings the schema to the latest migration. Kysely's migrator takes a lock (an advisory lock on
 * PostgreSQL), so replicas starting together migrate once.
 */
// biome-ignore lint/suspicious/noExplicitAny: the migrator works on whatever schema exists
export async function migrateToLatest(db: Kysely<any>, schema?: string): Promise<string[]> {
  // With a PostgreSQL schema, the migrator's own tables live in it too (otherwise it looks them
  // up across schemas and two isolated stores in one database trip over each other).
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const result: MigrationResultSet = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((entry) => entry.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`Database migration ${failed} failed: ${(result.error as Error).message ?? result.error}`);
  }
  return (result.results ?? []).filter((entry) => entry.status === 'Success').map((entry) => entry.migrationName);
}
