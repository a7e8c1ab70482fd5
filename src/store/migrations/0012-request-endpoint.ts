import type { Kysely } from 'kysely';

/**
 * Which endpoint of its surface each logged request called: `generate` or `count_tokens`
 * (Anthropic's count_tokens and Gemini's countTokens are rate-limited and logged like any call,
 * at no cost). A column of its own rather than a made-up surface id or a reused field: the surface
 * stays the API the client spoke (its filter keeps working), and counts can be filtered out of
 * request views without guessing from a zero cost. Rows from before are generations: counts were
 * not logged then. FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('request_logs')
    .addColumn('endpoint', 'text', (c) => c.notNull().defaultTo('generate'))
    .execute();
}
