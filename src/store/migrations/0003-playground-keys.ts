import type { Kysely } from 'kysely';

/**
 * Playground credentials: API keys of kind `playground`, one per console session (`session_id`,
 * unique), hidden from key management; and the kind of key each logged request used, so the
 * request log can tell playground calls apart. FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('api_keys')
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('standard'))
    .execute();
  // No foreign key: revoking a playground key must go through the key cache (and tell the other
  // replicas), so sessions never take their keys away silently in the database.
  await db.schema.alterTable('api_keys').addColumn('session_id', 'text').execute();
  await db.schema.createIndex('api_keys_session').on('api_keys').column('session_id').unique().execute();

  await db.schema.alterTable('request_logs').addColumn('key_kind', 'text').execute();
}
