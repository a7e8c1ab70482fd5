import type { DeleteQueryBuilder, DeleteResult } from 'kysely';
import { GatewayError } from '../ir/index.js';
import type { Store } from '../store/database.js';
import type { Database } from '../store/schema.js';
import { apiKeyHint, deriveApiKey, hashApiKey } from './api-key-format.js';
import { isUniqueViolation } from './db-errors.js';
import type { KeyCache } from './key-cache.js';
import { SessionService } from './session-service.js';

/** The longest a playground credential lives (it also never outlives its session). */
export const PLAYGROUND_KEY_TTL_MS = 12 * 60 * 60 * 1000;
/** A credential with less than this left is replaced rather than handed out again. */
export const PLAYGROUND_KEY_RENEW_BEFORE_MS = 15 * 60 * 1000;
export const PLAYGROUND_KEY_NAME = 'Playground';

export interface PlaygroundKeysOptions {
  now: () => number;
  newId: (prefix: string) => string;
  ttlMs?: number;
  renewBeforeMs?: number;
}

export interface PlaygroundCredential {
  /** An `sk-…` key for `/v1`, tied to the console session that asked for it. */
  key: string;
  keyId: string;
  /** Epoch ms; ask again before then (the same key comes back while it has time left). */
  expiresAt: number;
}

type PlaygroundKeyDelete = DeleteQueryBuilder<Database, 'api_keys', DeleteResult>;

/**
 * The console playground's credential: an API key of kind `playground`, owned by the session's
 * user (no quota of its own, every model the user may use, billed to the user's balance under the
 * user's limits), at most one per session, living at most 12 hours and never beyond the session.
 *
 * The key is not stored, only its hash, like any key: it is derived from the session token (which
 * only the session's cookie holds) and the key's id, so every tab and every replica asked by the
 * same session hands out the same key without keeping it anywhere. It authenticates through the
 * KeyCache like any key (memory only on the hot path, other replicas told through the config
 * bus), and it is revoked through it too: on logout, when sessions are revoked, on a password
 * change. Expired ones are purged with the sessions.
 */
export class PlaygroundKeys {
  private readonly ttlMs: number;
  private readonly renewBeforeMs: number;

  constructor(
    private readonly store: Store,
    private readonly cache: KeyCache,
    private readonly options: PlaygroundKeysOptions,
  ) {
    this.ttlMs = options.ttlMs ?? PLAYGROUND_KEY_TTL_MS;
    this.renewBeforeMs = options.renewBeforeMs ?? PLAYGROUND_KEY_RENEW_BEFORE_MS;
  }

  /**
   * The credential of the session whose cookie holds `sessionToken`: the current one while it has
   * time left, otherwise a new one replacing it. The session is read from the database (not a
   * cache), so a session revoked on another replica cannot mint a credential. 401 when it is gone.
   */
  async issue(sessionToken: string): Promise<PlaygroundCredential> {
    const sessionId = SessionService.idFor(sessionToken);
    // A second attempt only after losing a race with another request issuing for the same session.
    for (let attempt = 0; attempt < 3; attempt++) {
      const at = this.options.now();
      const session = await this.store.db
        .selectFrom('sessions')
        .select(['user_id', 'expires_at'])
        .where('id', '=', sessionId)
        .executeTakeFirst();
      if (!session || Number(session.expires_at) <= at) throw sessionGone();
      const expiresAt = Math.min(at + this.ttlMs, Number(session.expires_at));
      const current = await this.store.db
        .selectFrom('api_keys')
        .select(['id', 'user_id', 'key_hash', 'status', 'expires_at'])
        .where('session_id', '=', sessionId)
        .executeTakeFirst();
      if (current) {
        const key = deriveApiKey(sessionToken, current.id);
        const currentExpiry = Number(current.expires_at);
        const usable =
          current.user_id === session.user_id &&
          current.status === 'enabled' &&
          current.key_hash === hashApiKey(key) &&
          currentExpiry > at &&
          // Renewing could not make it last longer when it already runs to the session's end.
          (currentExpiry - at > this.renewBeforeMs || currentExpiry >= expiresAt);
        if (usable) return { key, keyId: current.id, expiresAt: currentExpiry };
      }
      const id = this.options.newId('key');
      const key = deriveApiKey(sessionToken, id);
      try {
        await this.store.db.transaction().execute(async (trx) => {
          if (current) await trx.deleteFrom('api_keys').where('id', '=', current.id).execute();
          await trx
            .insertInto('api_keys')
            .values({
              id,
              user_id: session.user_id,
              kind: 'playground',
              session_id: sessionId,
              name: PLAYGROUND_KEY_NAME,
              key_hash: hashApiKey(key),
              key_hint: apiKeyHint(key),
              quota: null,
              used: 0,
              reserved: 0,
              expires_at: expiresAt,
              allowed_models: null,
              allowed_ips: null,
              rpm_limit: null,
              tpm_limit: null,
              concurrency_limit: null,
              status: 'enabled',
              last_used_at: null,
              created_at: at,
              updated_at: at,
            })
            .execute();
        });
      } catch (error) {
        if (isUniqueViolation(error)) continue;
        throw error;
      }
      if (current) await this.cache.reloadKey(current.id);
      await this.cache.reloadKey(id);
      return { key, keyId: id, expiresAt };
    }
    throw new GatewayError({
      kind: 'overloaded',
      message: 'The playground credential is being issued by another request; try again.',
      code: 'playground_key_busy',
    });
  }

  /** Revokes the credential of one session (at logout). */
  revokeForSession(sessionId: string): Promise<number> {
    return this.revoke(this.playgroundKeys().where('session_id', '=', sessionId));
  }

  /** Revokes every credential of a user but the one of `exceptSessionId` (password change, sessions revoked). */
  revokeForUser(userId: string, exceptSessionId?: string): Promise<number> {
    let query = this.playgroundKeys().where('user_id', '=', userId);
    if (exceptSessionId) query = query.where('session_id', '!=', exceptSessionId);
    return this.revoke(query);
  }

  /** Deletes expired credentials (they already fail authentication; this keeps the table and cache small). */
  purgeExpired(): Promise<number> {
    return this.revoke(this.playgroundKeys().where('expires_at', '<=', this.options.now()));
  }

  private playgroundKeys(): PlaygroundKeyDelete {
    return this.store.db.deleteFrom('api_keys').where('kind', '=', 'playground');
  }

  /** Deletes the rows and drops each key from this replica's cache, which tells the other replicas. */
  private async revoke(query: PlaygroundKeyDelete): Promise<number> {
    const rows = await query.returning('id').execute();
    for (const row of rows) await this.cache.reloadKey(row.id);
    return rows.length;
  }
}

function sessionGone(): GatewayError {
  return new GatewayError({
    kind: 'authentication',
    message: 'Your console session has ended; log in again.',
    code: 'session_expired',
  });
}
