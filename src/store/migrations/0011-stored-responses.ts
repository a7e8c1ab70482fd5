import type { Kysely } from 'kysely';

/**
 * Responses the OpenAI Responses API stored (`store` not false), so `previous_response_id`,
 * `GET /v1/responses/{id}` and `DELETE` find them. Each row is owned by one user (another user's
 * id is "not found"); `request_items` and `output` are the conversation a follow-up continues
 * (JSON arrays of Responses items), `response` the response object as its client received it.
 * Rows past `expires_at` are swept (the operator's `responseRetentionDays`). FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stored_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text')
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('request_items', 'text', (c) => c.notNull())
    .addColumn('output', 'text', (c) => c.notNull())
    .addColumn('response', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('stored_responses_expires_at').on('stored_responses').column('expires_at').execute();
}
