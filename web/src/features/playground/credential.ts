/**
 * The playground's `/v1` key: `POST /api/playground/credential` gives this console session a
 * short-lived key (the same one while it has 15 minutes or more left). It is asked once and kept
 * in memory only (never stored, never shown), renewed shortly before it expires, and renewed at
 * once when /v1 refuses it (401: revoked at logout or a password change). Kept per user, so a
 * different login in the same tab never reuses it.
 */
import { api } from '../../lib/api';
import type { PlaygroundCredential } from '../../lib/types';
import { isCredentialRejected } from './chat-stream';

type Credential = PlaygroundCredential;

/** Renew when less than this is left (requests may stream for minutes). */
const RENEW_BEFORE_MS = 5 * 60_000;

let cached: { userId: string; credential: Credential } | null = null;
let pending: { userId: string; promise: Promise<Credential> } | null = null;

export async function playgroundKey(userId: string, options: { renew?: boolean } = {}): Promise<string> {
  const now = Date.now();
  if (!options.renew && cached?.userId === userId && cached.credential.expiresAt - now > RENEW_BEFORE_MS) {
    return cached.credential.key;
  }
  if (pending?.userId !== userId) {
    const promise = api.post<Credential>('/api/playground/credential').then(
      (credential) => {
        cached = { userId, credential };
        pending = null;
        return credential;
      },
      (error: unknown) => {
        pending = null;
        throw error;
      },
    );
    pending = { userId, promise };
  }
  return (await pending.promise).key;
}

/** Forget the key (its holder logged out). */
export function forgetPlaygroundKey(): void {
  cached = null;
  pending = null;
}

/**
 * Runs `call` with the key; when /v1 answers 401 (the key was revoked or expired), gets a new one
 * and runs it once more.
 */
export async function withPlaygroundKey<T>(userId: string, call: (key: string) => Promise<T>): Promise<T> {
  const key = await playgroundKey(userId);
  try {
    return await call(key);
  } catch (error) {
    if (!isCredentialRejected(error)) throw error;
    if (cached?.credential.key === key) cached = null;
    return call(await playgroundKey(userId, { renew: true }));
  }
}
