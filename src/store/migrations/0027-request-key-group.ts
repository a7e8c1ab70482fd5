import type { Kysely } from 'kysely';

/**
 * The key group (令牌分组) a request was routed and priced in: its key's group, or its owner's
 * group when the key names none (RelayCaller.group). The request log shows it and admins filter
 * by it. Rows written before hold null (unknown). FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('request_logs').addColumn('key_group', 'varchar(64)').execute();
}
