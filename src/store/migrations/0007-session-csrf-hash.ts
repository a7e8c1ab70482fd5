import type { Kysely } from 'kysely';

/**
 * Console sessions keep only a hash of their CSRF token (`csrf_token` becomes `csrf_token_hash`,
 * the SHA-256 in hex); the token itself is derived from the session's cookie when it is needed
 * (accounts/session-service.ts).
 *
 * Existing sessions are ended rather than converted: their tokens were random, not derived from
 * the cookie, so after hashing them the server could no longer tell a reloaded console its token
 * and every such session would fail its CSRF check until its owner logged in again anyway; and
 * plain tokens may already sit in backups. Each user logs in once more. The playground
 * credentials belong to those sessions and end with them (deleted, as revoking one does).
 * FROZEN once released.
 */
// biome-ignore lint/suspicious/noExplicitAny: migrations take Kysely<any> by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('api_keys').where('kind', '=', 'playground').execute();
  await db.deleteFrom('sessions').execute();
  await db.schema.alterTable('sessions').renameColumn('csrf_token', 'csrf_token_hash').execute();
}
