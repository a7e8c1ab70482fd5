import type { Kysely } from 'kysely';

/**
 * What a request was billed by the unit (images by size, seconds of video or audio, characters
 * spoken, rerank searches, Midjourney actions), as JSON `{ "<unit key>": count }`: the log keeps
 * the counts the charge was computed from, beside the token columns. NULL for calls billed by
 * tokens alone, as every row before this migration was. FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('request_logs').addColumn('units', 'text').execute();
}
