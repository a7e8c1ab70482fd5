import type { Kysely } from 'kysely';

/**
 * What a request drew from a subscription plan's windows, in money units, when a plan covered it
 * (its `cost`, the balance charge, is then 0): the request log shows plan usage beside spend.
 * Existing rows hold 0. FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('request_logs')
    .addColumn('plan_drawn', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
}
