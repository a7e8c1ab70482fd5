import type { Kysely } from 'kysely';

/**
 * Key groups (令牌分组): a key may name the group its requests route and are priced in, instead
 * of its owner's. Null (every existing key) = the owner's group. The groups a user may pick are
 * operator settings (`keyGroups`); the multipliers are the group price rules. FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_keys').addColumn('group_name', 'varchar(64)').execute();
}
