import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** Domain separation: this HMAC of the session token means "CSRF token" and nothing else. */
const CSRF_LABEL = 'aihub console CSRF token v1';

/**
 * A console session's CSRF token: HMAC-SHA256 of a fixed label keyed by the session token (the
 * cookie's value). Being derived, it is never stored: the server can hand it back at login and
 * from `GET /api/auth/me` after a reload, every tab gets the same one, and a copy of the database
 * (which holds only hashes of both) yields neither the cookie nor the token.
 */
export function csrfTokenFor(sessionToken: string): string {
  return createHmac('sha256', sessionToken).update(CSRF_LABEL).digest('base64url');
}

/** What the sessions table stores: SHA-256 of the CSRF token, hex. */
export function hashCsrfToken(csrfToken: string): string {
  return createHash('sha256').update(csrfToken).digest('hex');
}

/** Whether `csrfToken` hashes to `storedHash`, compared in constant time. */
export function csrfTokenMatches(csrfToken: string, storedHash: string): boolean {
  const expected = Buffer.from(storedHash, 'hex');
  const actual = createHash('sha256').update(csrfToken).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
