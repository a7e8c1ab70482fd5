import { type Kysely, sql } from 'kysely';

/**
 * Email verification and password reset (issue 15). FROZEN once released.
 *
 * - `users.email_verified_at`: when the user proved they read mail at their address; null:
 *   not yet. Existing users are counted as verified (backfilled with their creation time): they
 *   signed up when nobody was asked to verify.
 * - `email_tokens`: the links sent by mail. Only a SHA-256 of each token is stored; a token is
 *   single use (`used_at`) and expires (`expires_at`). `kind` is 'verify' | 'reset'.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('email_verified_at', 'bigint').execute();
  await sql`update users set email_verified_at = created_at`.execute(db);

  await db.schema
    .createTable('email_tokens')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('email_tokens_user').on('email_tokens').columns(['user_id', 'kind']).execute();
}
