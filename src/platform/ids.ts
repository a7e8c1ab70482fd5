import { randomBytes, randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/**
 * CSPRNG bytes fetched 4 KB at a time: a request makes several ids, and one randomBytes call per
 * id was 2% of the gateway's CPU under load (bench profile, issue 5). The bytes are the same
 * quality; they are only fetched ahead.
 */
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomByte(): number {
  if (poolOffset === pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  return pool[poolOffset++] as number;
}

/** `length` characters of base62 from the CSPRNG (rejection sampling, so no bias). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    const byte = randomByte();
    if (byte < 248) out += ALPHABET[byte % 62];
  }
  return out;
}

/** A new id such as `usr_4fJ9k2LmQp8xZ1aB`: a type prefix and 16 random base62 characters. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBase62(16)}`;
}

/**
 * Like randomBase62, but from bytes fetched for this call alone and not kept: for secrets (API
 * keys), which should never sit in a buffer before they exist.
 */
export function secretBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}
