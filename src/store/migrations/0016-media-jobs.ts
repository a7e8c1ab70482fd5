import type { Kysely } from 'kysely';

/**
 * Asynchronous media jobs (video, Midjourney, ...): one row per job a caller submitted, owned by
 * one user (another user's id is "not found"). `request_id` is both the billing hold's id (a
 * durable hold: the job settles or releases it, whichever replica finishes it) and the request-log
 * row's id. Pollers claim due rows with a lease (`lease_owner`, `lease_until`): exactly one
 * replica polls a job at a time, and a dead replica's lease simply expires. Results, errors and
 * billed units are JSON text. FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('media_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text')
    .addColumn('request_id', 'text', (c) => c.notNull().unique())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('vendor', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('upstream_model', 'text', (c) => c.notNull())
    .addColumn('upstream_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('request', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('error', 'text')
    .addColumn('units', 'text')
    .addColumn('cost', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('next_poll_at', 'bigint', (c) => c.notNull())
    .addColumn('poll_failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_owner', 'text')
    .addColumn('lease_until', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('deadline_at', 'bigint', (c) => c.notNull())
    .execute();
  // Listing: a caller's own jobs of one kind, newest or oldest first, paged by (created_at, id).
  await db.schema
    .createIndex('media_jobs_owner')
    .on('media_jobs')
    .columns(['user_id', 'kind', 'created_at', 'id'])
    .execute();
  // Claiming: unfinished jobs whose next poll is due.
  await db.schema.createIndex('media_jobs_due').on('media_jobs').columns(['status', 'next_poll_at']).execute();
}
