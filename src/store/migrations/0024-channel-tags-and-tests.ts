import type { Kysely } from 'kysely';

/**
 * Channel tags (JSON array; NULL = none) for filtering and bulk actions in the console, and the
 * last channel test of each channel (one row per channel id; env/config channels included, so no
 * foreign key), so the console's latency column survives a reload. FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('channels').addColumn('tags', 'text').execute();
  await db.schema
    .createTable('channel_test_results')
    .addColumn('channel_id', 'text', (c) => c.primaryKey())
    .addColumn('tested_at', 'bigint', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('latency_ms', 'integer', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('error_kind', 'text')
    .addColumn('error_message', 'text')
    .execute();
}
