import { createHash, createHmac } from 'node:crypto';
import { secretBase62 } from '../platform/ids.js';

export const API_KEY_PREFIX = 'sk-';
const API_KEY_BODY_LENGTH = 48; // 48 base62 characters ≈ 285 bits of entropy

/** A new key: `sk-` and 48 base62 characters from the CSPRNG. Shown once, never stored. */
export function generateApiKey(): string {
  return `${API_KEY_PREFIX}${secretBase62(API_KEY_BODY_LENGTH)}`;
}

const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * A key in the same format, derived rather than drawn: HMAC-SHA256 keyed by `secret` over
 * `context` and a block counter, bytes mapped to base62 by rejection sampling (no bias). The same
 * secret and context always give the same key, so a credential can be handed out again without
 * being stored; without the secret it is as unpredictable as a random key.
 */
export function deriveApiKey(secret: string, context: string): string {
  let body = '';
  for (let block = 0; body.length < API_KEY_BODY_LENGTH; block++) {
    const bytes = createHmac('sha256', secret).update(`${context}\u0000${block}`).digest();
    for (const byte of bytes) {
      if (byte < 248) body += BASE62[byte % 62];
      if (body.length === API_KEY_BODY_LENGTH) break;
    }
  }
  return `${API_KEY_PREFIX}${body}`;
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
