import type { Kysely } from 'kysely';

/**
 * What a channel costs the operator (issue 18), as JSON `{ multiplierPpm?, models? }`: a
 * multiplier on the catalog's official price, and/or fixed prices per upstream model id
 * (billing/channel-cost.ts). NULL = the official list price. FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('channels').addColumn('cost', 'text').execute();
}
