import { createHash } from 'node:crypto';
import { randomBase62 } from '../platform/ids.js';

export const API_KEY_PREFIX = 'sk-';
const API_KEY_BODY_LENGTH = 48; // 48 base62 characters ≈ 285 bits of entropy

/** A new key: `sk-` and 48 base62 characters from the CSPRNG. Shown once, never stored. */
export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${randomBase62(API_KEY_BODY_LENGTH)}`;
}

/**
 * What we store and look keys up by: SHA-256, hex. A fast hash is right here (unlike passwords):
 * the key is long and random, so there is nothing to brute-force, and the hot path needs speed.
 */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** What the console shows so a user can tell keys apart: `sk-AbCd…WxYz`. */
export function apiKeyHint(key: string): string {
  const body = key.startsWith(API_KEY_PREFIX) ? key.slice(API_KEY_PREFIX.length) : key;
  return `${API_KEY_PREFIX}${body.slice(0, 4)}…${body.slice(-4)}`;
}
