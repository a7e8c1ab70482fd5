import type { Kysely } from 'kysely';

/**
 * Web searches the vendor ran for a request (Anthropic's web search server tool, OpenAI's
 * Responses `web_search`, Gemini grounding), billed per call on top of tokens: the log keeps the
 * count the charge was computed from. Existing rows hold 0: before this migration no search was
 * billed. The price needs no change here (`perWebSearch` lives in the catalog file or JSON and in
 * `price_rules.fixed_prices`). FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('request_logs')
    .addColumn('web_search_calls', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}
