import { createHash, randomInt } from 'node:crypto';

/**
 * One-time backup codes: ten of them, each 10 characters (about 50 bits) from an alphabet without
 * look-alikes, shown as `xxxxx-xxxxx`. Stored as SHA-256 only: the codes are random enough that a
 * fast hash is safe, and guesses are rate-limited anyway.
 */
export const BACKUP_CODE_COUNT = 10;
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 10;

export function newBackupCodes(count = BACKUP_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const raw = Array.from({ length: LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
    return `${raw.slice(0, 5)}-${raw.slice(5)}`;
  });
}

/** Case, spaces and dashes do not matter when a code is typed back. */
export function normaliseBackupCode(code: string): string {
  return code.toLowerCase().replace(/[\s-]+/g, '');
}

/** True when the input has the shape of a backup code (not a 6-digit app code). */
export function looksLikeBackupCode(code: string): boolean {
  return normaliseBackupCode(code).length === LENGTH;
}

export function hashBackupCode(code: string): string {
  return createHash('sha256').update(normaliseBackupCode(code)).digest('hex');
}
