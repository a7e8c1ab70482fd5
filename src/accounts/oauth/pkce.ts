import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: a `state`, a PKCE verifier (43 characters, RFC 7636 §4.1) or a nonce. */
export function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** The PKCE S256 challenge of a verifier: BASE64URL(SHA256(verifier)) (RFC 7636 §4.2). */
export function codeChallengeS256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/** What the flow store keys a state by: its hash, so a database read does not reveal live states. */
export function stateHash(state: string): string {
  return createHash('sha256').update(state).digest('hex');
}
