import type { Kysely } from 'kysely';

/**
 * Where each item of a stored response is, so an `item_reference` in a Responses request finds the
 * item by id alone: one row per item id (input and output items) per stored response holding it,
 * with the response's owner, so the lookup is owner-checked in the index itself, and the size of
 * the response's stored JSON (`request_items` + `output`), so a lookup loads the smallest holder and
 * can bound what one request makes it load before loading anything. The same item carried from
 * response to response (`previous_response_id`) has a row for each, so it stays reachable while
 * any of them lives. Rows go with their response (DELETE, the expiry sweeper).
 * Responses stored before this migration have no rows: their items can be listed but not
 * referenced. FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('stored_response_items')
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('item_id', 'text', (c) => c.notNull())
    .addColumn('response_id', 'text', (c) => c.notNull())
    .addColumn('response_chars', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('stored_response_items_pk', ['user_id', 'item_id', 'response_id'])
    .execute();
  await db.schema
    .createIndex('stored_response_items_response_id')
    .on('stored_response_items')
    .column('response_id')
    .execute();
}
