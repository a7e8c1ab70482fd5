import type { Kysely } from 'kysely';

/**
 * Sign-in with GitHub, Google, OIDC and LinuxDO: `user_identities` links a provider's account
 * (provider, subject) to a user; `oauth_flows` holds each sign-in under way (its state's hash,
 * PKCE verifier and OIDC nonce) until the callback consumes it, once; `trial_grants` records who
 * already received the trial credit, by normalized email and by provider identity, so neither an
 * email alias nor a second provider gets a second one. Existing users count as having had theirs.
 * FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('user_identities')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('email', 'text')
    .addColumn('display_name', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('user_identities_provider_subject', ['provider', 'subject'])
    .execute();
  await db.schema.createIndex('user_identities_user').on('user_identities').column('user_id').execute();

  await db.schema
    .createTable('oauth_flows')
    .addColumn('state_hash', 'text', (c) => c.primaryKey())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('code_verifier', 'text', (c) => c.notNull())
    .addColumn('nonce', 'text', (c) => c.notNull())
    .addColumn('link_user_id', 'text')
    .addColumn('redirect_uri', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('trial_grants')
    .addColumn('grant_key', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  const users = await db.selectFrom('users').select(['id', 'email', 'created_at']).execute();
  for (const user of users) {
    await db
      .insertInto('trial_grants')
      .values({
        grant_key: `email:${trialEmailKey(String(user.email))}`,
        user_id: user.id,
        created_at: user.created_at,
      })
      .onConflict((oc) => oc.column('grant_key').doNothing())
      .execute();
  }
}

/** A frozen copy of accounts/trial-email.ts as it was when this migration was written. */
function trialEmailKey(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  if (at < 0) return lower;
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  const plus = local.indexOf('+');
  if (plus >= 0) local = local.slice(0, plus);
  if (domain === 'googlemail.com') domain = 'gmail.com';
  if (domain === 'gmail.com') local = local.replaceAll('.', '');
  return `${local}@${domain}`;
}
