import type { Kysely } from 'kysely';

/**
 * Sign-in security (issue 11). `login_addresses`: the addresses (IPv4, or an IPv6 /64) each
 * account signed in from successfully, and when last; a pause of sign-ins to an account under
 * password guessing does not apply to them, so guessing cannot lock the owner out.
 * `login_lockouts`: each such pause, kept so the owner is told at their next sign-in, until they
 * acknowledge it. FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('login_addresses')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('last_login_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('login_addresses_pk', ['user_id', 'address'])
    .execute();

  await db.schema
    .createTable('login_lockouts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint', (c) => c.notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull())
    .addColumn('acknowledged_at', 'bigint')
    .execute();
  await db.schema.createIndex('login_lockouts_user').on('login_lockouts').columns(['user_id', 'started_at']).execute();
}
