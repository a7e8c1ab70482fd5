/**
 * Redemption code text: `AIHUB-XXXX-XXXX-XXXX-XXXX`, 16 characters from the CSPRNG over an
 * alphabet without look-alikes (no 0/O, 1/I/L), ~79 bits: unguessable, and easy to read aloud
 * or type from a printed card.
 */
import { randomBytes } from 'node:crypto';

export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const PREFIX = 'AIHUB';
const GROUPS = 4;
const GROUP_LENGTH = 4;
// Largest multiple of the alphabet size below 256: bytes above it are rejected (no modulo bias).
const LIMIT = 256 - (256 % CODE_ALPHABET.length);

function randomChars(count: number): string {
  let out = '';
  while (out.length < count) {
    for (const byte of randomBytes(count * 2)) {
      if (byte >= LIMIT) continue;
      out += CODE_ALPHABET[byte % CODE_ALPHABET.length];
      if (out.length === count) break;
    }
  }
  return out;
}

export function generateRedemptionCode(): string {
  const body = randomChars(GROUPS * GROUP_LENGTH);
  const groups = Array.from({ length: GROUPS }, (_, i) => body.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH));
  return [PREFIX, ...groups].join('-');
}

/**
 * What a user typed, in canonical form: case, spaces and dashes do not matter (`aihub abcd…`
 * and `AIHUBABCD…` find the same code). Text that cannot be a code is returned trimmed as is.
 */
export function normalizeRedemptionCode(input: string): string {
  const compact = input.toUpperCase().replace(/[\s-]/g, '');
  const length = PREFIX.length + GROUPS * GROUP_LENGTH;
  if (compact.length !== length || !compact.startsWith(PREFIX)) return input.trim();
  const body = compact.slice(PREFIX.length);
  const groups = Array.from({ length: GROUPS }, (_, i) => body.slice(i * GROUP_LENGTH, (i + 1) * GROUP_LENGTH));
  return [PREFIX, ...groups].join('-');
}
