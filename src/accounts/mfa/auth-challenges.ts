import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../../store/database.js';
import type { AuthChallengeKind } from '../../store/schema.js';

export interface AuthChallenge {
  kind: AuthChallengeKind;
  userId: string | null;
  attempts: number;
  expiresAt: number;
}

/**
 * Short-lived, single-use challenges: the token between a password and its second factor, and
 * WebAuthn's registration and sign-in challenges. Only the SHA-256 of what the client holds is
 * stored, so a database reader cannot finish someone's sign-in. Taking a challenge deletes it:
 * of two concurrent uses, exactly one wins.
 */
export class AuthChallenges {
  constructor(
    private readonly store: Store,
    private readonly now: () => number,
  ) {}

  /** Stores a challenge; returns the token (a new random one unless given, as WebAuthn's own challenge is). */
  async issue(kind: AuthChallengeKind, userId: string | null, ttlMs: number, token?: string): Promise<string> {
    const value = token ?? randomBytes(32).toString('base64url');
    const at = this.now();
    // Expired challenges go as new ones come: the table holds only live ones, without a timer.
    await this.store.db.deleteFrom('auth_challenges').where('expires_at', '<=', at).execute();
    await this.store.db
      .insertInto('auth_challenges')
      .values({ id: hashOf(value), kind, user_id: userId, attempts: 0, expires_at: at + ttlMs, created_at: at })
      .execute();
    return value;
  }

  /** The live challenge behind a token, without using it up. */
  async peek(kind: AuthChallengeKind, token: string): Promise<AuthChallenge | undefined> {
    if (token.length > 200) return undefined;
    const row = await this.store.db
      .selectFrom('auth_challenges')
      .selectAll()
      .where('id', '=', hashOf(token))
      .where('kind', '=', kind)
      .executeTakeFirst();
    if (!row || Number(row.expires_at) <= this.now()) return undefined;
    return { kind: row.kind, userId: row.user_id, attempts: row.attempts, expiresAt: Number(row.expires_at) };
  }

  /** Uses the challenge up: the challenge when it was live and this call took it, else undefined. */
  async take(kind: AuthChallengeKind, token: string): Promise<AuthChallenge | undefined> {
    const challenge = await this.peek(kind, token);
    if (!challenge) return undefined;
    const deleted = await this.store.db
      .deleteFrom('auth_challenges')
      .where('id', '=', hashOf(token))
      .where('kind', '=', kind)
      .executeTakeFirst();
    return Number(deleted.numDeletedRows) === 1 ? challenge : undefined;
  }

  /** Counts a wrong answer; at `maxAttempts` the challenge is gone (the sign-in starts over). */
  async recordFailure(kind: AuthChallengeKind, token: string, maxAttempts: number): Promise<void> {
    const id = hashOf(token);
    await this.store.db
      .updateTable('auth_challenges')
      .set((eb) => ({ attempts: eb('attempts', '+', 1) }))
      .where('id', '=', id)
      .where('kind', '=', kind)
      .execute();
    await this.store.db
      .deleteFrom('auth_challenges')
      .where('id', '=', id)
      .where('attempts', '>=', maxAttempts)
      .execute();
  }

  async purgeExpired(): Promise<void> {
    await this.store.db.deleteFrom('auth_challenges').where('expires_at', '<=', this.now()).execute();
  }
}

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
