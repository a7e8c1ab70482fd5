import type { Kysely } from 'kysely';

/**
 * Upstream channels managed at run time (with their key pools, encrypted at rest), per-key and
 * per-user rate limits, and the per-attempt story of each request in the log. FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('channels')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text')
    .addColumn('models', 'text')
    .addColumn('model_mapping', 'text')
    .addColumn('priority', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('weight', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('groups', 'text')
    .addColumn('headers_encrypted', 'text')
    .addColumn('proxy_url', 'text')
    .addColumn('timeouts', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('enabled'))
    .addColumn('status_reason', 'text')
    .addColumn('status_changed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('channel_keys')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('channel_id', 'text', (c) => c.notNull().references('channels.id').onDelete('cascade'))
    .addColumn('key_encrypted', 'text', (c) => c.notNull())
    .addColumn('key_hint', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('enabled'))
    .addColumn('status_reason', 'text')
    .addColumn('status_changed_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('channel_keys_channel').on('channel_keys').column('channel_id').execute();

  for (const table of ['api_keys', 'users']) {
    await db.schema.alterTable(table).addColumn('rpm_limit', 'integer').execute();
    await db.schema.alterTable(table).addColumn('tpm_limit', 'integer').execute();
    await db.schema.alterTable(table).addColumn('concurrency_limit', 'integer').execute();
  }

  await db.schema.alterTable('request_logs').addColumn('attempts_detail', 'text').execute();
  await db.schema.alterTable('request_logs').addColumn('cached_response', 'integer').execute();
}
