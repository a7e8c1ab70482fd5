import type { Kysely } from 'kysely';

/**
 * Which inbound API each logged request came in on (`openai-chat`, `anthropic-messages`,
 * `openai-responses`, `gemini`): rows from before are Chat Completions, the only API then.
 * FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('request_logs')
    .addColumn('surface', 'text', (c) => c.notNull().defaultTo('openai-chat'))
    .execute();
}
