import type { Kysely } from 'kysely';

/**
 * The public face (issue 15): operators' announcements, and invitations.
 *
 * `announcements`: a notice in both languages (Markdown body), live from `starts_at` until
 * `ends_at` (null: no end), optionally pinned (a banner in the console).
 *
 * `invite_codes`: each user's invite code, made the first time they look at it; unique.
 * `invitations`: one row per invited user (the invitee is the key, so a user has one inviter);
 * `rewarded_at` is set by the first credited payment of the invitee, in the same transaction as
 * the inviter's `invite_reward` ledger entry (whose reference is the invitee's id: unique too).
 * FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('announcements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title_en', 'text', (c) => c.notNull())
    .addColumn('title_zh', 'text', (c) => c.notNull())
    .addColumn('body_en', 'text', (c) => c.notNull())
    .addColumn('body_zh', 'text', (c) => c.notNull())
    .addColumn('starts_at', 'bigint', (c) => c.notNull())
    .addColumn('ends_at', 'bigint')
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('announcements_starts').on('announcements').columns(['starts_at']).execute();

  await db.schema
    .createTable('invite_codes')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('invite_codes_code').on('invite_codes').columns(['code']).unique().execute();

  await db.schema
    .createTable('invitations')
    .addColumn('invitee_id', 'text', (c) => c.primaryKey())
    .addColumn('inviter_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('rewarded_at', 'bigint')
    .addColumn('reward_amount', 'bigint')
    .execute();
  await db.schema.createIndex('invitations_inviter').on('invitations').columns(['inviter_id', 'created_at']).execute();
}
