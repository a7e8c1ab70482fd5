import type { Kysely } from 'kysely';

/**
 * Cache writes by lifetime (issue 12): `cache_write_1h_tokens` is the part of `cache_write_tokens`
 * written with a one-hour lifetime (Anthropic `ttl: "1h"`, priced at 2× input against 1.25× for
 * five minutes), so the log shows what each request was billed for. Existing rows hold 0: before
 * this migration every write was billed as a five-minute one. Prices need no change here: the
 * operator's fixed prices are JSON (`price_rules.fixed_prices`) and the catalog is a file or JSON.
 * FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('request_logs')
    .addColumn('cache_write_1h_tokens', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}
