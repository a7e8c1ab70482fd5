import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` characters of base62 from the CSPRNG (rejection sampling, so no bias). */
export function randomBase62(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 248) out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

/** A new id such as `usr_4fJ9k2LmQp8xZ1aB`: a type prefix and 16 random base62 characters. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBase62(16)}`;
}
