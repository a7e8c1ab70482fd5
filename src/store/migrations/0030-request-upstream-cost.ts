import type { Kysely } from 'kysely';

/**
 * What a request cost the operator upstream, in money units, at the serving channel's cost
 * (0029): NULL when it is not known (no price for the route; rows written before). And the
 * hedging overhead: the prompts of hedged attempts that lost their race, at their channels' cost
 * (0 without hedging). The margin report reads both. FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('request_logs').addColumn('upstream_cost', 'bigint').execute();
  await db.schema
    .alterTable('request_logs')
    .addColumn('hedge_overhead', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}
