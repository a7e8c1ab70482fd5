import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/database.js';
import { csrfTokenFor, csrfTokenMatches, hashCsrfToken } from './session-csrf.js';
import { toUser, type User } from './user-record.js';

export const SESSION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface SessionServiceOptions {
  now: () => number;
  /** Sliding lifetime: a session expires this long after it was last seen (default 7 days). */
  ttlMs?: number;
  /** last_seen_at / expires_at are written at most this often per session (default 1 minute). */
  touchIntervalMs?: number;
  /** How long a verified session is trusted from memory (default 30 s). */
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
  /** Random token source (32 bytes of CSPRNG, base64url); injectable for tests. */
  randomToken?: () => string;
}

export interface SessionInfo {
  /** SHA-256 (hex) of the token: what the database stores. */
  id: string;
  userId: string;
  /** Derived from the session token (session-csrf.ts); the database holds only its hash. */
  csrfToken: string;
  createdAt: number;
  expiresAt: number;
  lastSeenAt: number;
}

export interface NewSession {
  /** The cookie value. Returned once; only its hash is stored. */
  token: string;
  sessionId: string;
  csrfToken: string;
  expiresAt: number;
}

export interface VerifiedSession {
  user: User;
  session: SessionInfo;
}

/** Sessions that ended: one, or every session of a user but `exceptSessionId`. */
export type SessionRevocation = { sessionId: string } | { userId: string; exceptSessionId?: string };

interface CacheEntry extends VerifiedSession {
  cachedAt: number;
}

// A token we issue is 43 characters; anything much longer is not ours and is not worth hashing.
const MAX_TOKEN_LENGTH = 128;

/**
 * Console login sessions. The cookie holds a random token; the database holds only its SHA-256,
 * so a leaked database (or backup) cannot be replayed as cookies. The CSRF token is derived from
 * the cookie's token and only its hash is stored too (session-csrf.ts). Verified sessions are kept in
 * memory for a few seconds so the console's many small requests do not each hit the database;
 * user changes (disable, role, password) drop the user's entries at once through `forgetUser`.
 */
export class SessionService {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly revokeListeners = new Set<(revocation: SessionRevocation) => void | Promise<void>>();
  private readonly ttlMs: number;
  private readonly touchIntervalMs: number;
  private readonly cacheTtlMs: number;
  private readonly cacheMaxEntries: number;
  private readonly randomToken: () => string;

  constructor(
    private readonly store: Store,
    private readonly options: SessionServiceOptions,
  ) {
    this.ttlMs = options.ttlMs ?? SESSION_TTL_MS;
    this.touchIntervalMs = options.touchIntervalMs ?? 60_000;
    this.cacheTtlMs = options.cacheTtlMs ?? 30_000;
    this.cacheMaxEntries = options.cacheMaxEntries ?? 10_000;
    this.randomToken = options.randomToken ?? (() => randomBytes(32).toString('base64url'));
  }

  /** The stored id of a token (its SHA-256, hex). */
  static idFor(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  async create(userId: string, ip: string | null, userAgent: string | null): Promise<NewSession> {
    const token = this.randomToken();
    const csrfToken = csrfTokenFor(token);
    const at = this.options.now();
    const session = { token, sessionId: SessionService.idFor(token), csrfToken, expiresAt: at + this.ttlMs };
    await this.store.db
      .insertInto('sessions')
      .values({
        id: session.sessionId,
        user_id: userId,
        csrf_token_hash: hashCsrfToken(csrfToken),
        created_at: at,
        expires_at: session.expiresAt,
        last_seen_at: at,
        ip: ip?.slice(0, 64) ?? null,
        user_agent: userAgent?.slice(0, 512) ?? null,
      })
      .execute();
    return session;
  }

  /** The live session and its (active) user, or undefined for an unknown, expired or disabled one. */
  async verify(token: string): Promise<VerifiedSession | undefined> {
    if (!token || token.length > MAX_TOKEN_LENGTH) return undefined;
    const id = SessionService.idFor(token);
    const now = this.options.now();
    let entry = this.cache.get(id);
    if (entry && now - entry.cachedAt >= this.cacheTtlMs) {
      this.cache.delete(id);
      entry = undefined;
    }
    entry ??= await this.load(id, token, now);
    if (!entry) return undefined;
    if (entry.session.expiresAt <= now) {
      this.cache.delete(id);
      await this.store.db.deleteFrom('sessions').where('id', '=', id).execute();
      return undefined;
    }
    if (now - entry.session.lastSeenAt >= this.touchIntervalMs) await this.touch(entry, now);
    return { user: entry.user, session: entry.session };
  }

  async revoke(token: string): Promise<void> {
    await this.revokeById(SessionService.idFor(token));
  }

  async revokeById(sessionId: string): Promise<void> {
    this.cache.delete(sessionId);
    await this.store.db.deleteFrom('sessions').where('id', '=', sessionId).execute();
    await this.emitRevoke({ sessionId });
  }

  /** Ends every session of the user but `exceptSessionId` (the one asking, when it stays). */
  async revokeAllForUser(userId: string, exceptSessionId?: string): Promise<void> {
    this.forgetUser(userId);
    let query = this.store.db.deleteFrom('sessions').where('user_id', '=', userId);
    if (exceptSessionId) query = query.where('id', '!=', exceptSessionId);
    await query.execute();
    await this.emitRevoke(exceptSessionId ? { userId, exceptSessionId } : { userId });
  }

  /**
   * Called (and awaited) after sessions are revoked here, so what belongs to them (the playground
   * credential) ends before the call returns. Sessions that merely expire are not announced.
   */
  onRevoke(listener: (revocation: SessionRevocation) => void | Promise<void>): () => void {
    this.revokeListeners.add(listener);
    return () => this.revokeListeners.delete(listener);
  }

  /** Drops the user's cached sessions (not the sessions): the next request re-reads the database. */
  forgetUser(userId: string): void {
    for (const [id, entry] of this.cache) if (entry.user.id === userId) this.cache.delete(id);
  }

  /** Deletes expired sessions; run now and then (sessions nobody presents again never expire by use). */
  async purgeExpired(): Promise<number> {
    const result = await this.store.db
      .deleteFrom('sessions')
      .where('expires_at', '<=', this.options.now())
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  private async emitRevoke(revocation: SessionRevocation): Promise<void> {
    for (const listener of this.revokeListeners) await listener(revocation);
  }

  private async load(id: string, token: string, now: number): Promise<CacheEntry | undefined> {
    const row = await this.store.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.user_id')
      .selectAll('users')
      .select([
        'sessions.id as session_id',
        'sessions.csrf_token_hash',
        'sessions.created_at as session_created_at',
        'sessions.expires_at',
        'sessions.last_seen_at',
      ])
      .where('sessions.id', '=', id)
      .executeTakeFirst();
    // A disabled user's sessions stay in the table (re-enabling restores them) but never verify.
    if (row?.status !== 'active') return undefined;
    // The row must hold the hash of this cookie's token: a row written any other way (by a
    // replica still on the plain-token scheme during an upgrade) does not verify.
    const csrfToken = csrfTokenFor(token);
    if (!csrfTokenMatches(csrfToken, row.csrf_token_hash)) return undefined;
    const entry: CacheEntry = {
      user: toUser(row),
      session: {
        id: row.session_id,
        userId: row.id,
        csrfToken,
        createdAt: Number(row.session_created_at),
        expiresAt: Number(row.expires_at),
        lastSeenAt: Number(row.last_seen_at),
      },
      cachedAt: now,
    };
    if (this.cache.size >= this.cacheMaxEntries) {
      // Maps iterate in insertion order: the first key is the oldest entry.
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(id, entry);
    return entry;
  }

  private async touch(entry: CacheEntry, now: number): Promise<void> {
    const expiresAt = now + this.ttlMs;
    await this.store.db
      .updateTable('sessions')
      .set({ last_seen_at: now, expires_at: expiresAt })
      .where('id', '=', entry.session.id)
      .execute();
    entry.session = { ...entry.session, lastSeenAt: now, expiresAt };
  }
}
