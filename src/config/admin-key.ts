import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashApiKey } from '../accounts/api-key-format.js';
import { PRIVATE_DIRECTORY_MODE, PRIVATE_FILE_MODE } from '../store/private-files.js';

/** The generated admin key's hash, under the data directory. */
export const ADMIN_KEY_HASH_FILE = 'admin-key.sha256';

export interface AdminKeyResult {
  /** SHA-256, hex: the same hash as every API key's (api-key-format.ts). */
  hash: string;
  /** Set only when a key was generated just now: it must be shown once, then it is gone. */
  generated?: string;
}

/**
 * The bootstrap administrator's key. From `AIHUB_ADMIN_KEY` when set; otherwise generated on
 * first start, with only its hash stored under the data directory.
 */
export function resolveAdminKey(adminKey: string | undefined, dataDir: string): AdminKeyResult {
  if (adminKey) return { hash: hashApiKey(adminKey) };
  const file = join(dataDir, ADMIN_KEY_HASH_FILE);
  if (existsSync(file)) return { hash: readFileSync(file, 'utf8').trim().toLowerCase() };
  const generated = `sk-aihub-admin-${randomBytes(24).toString('base64url')}`;
  const hash = hashApiKey(generated);
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  writeFileSync(file, `${hash}\n`, { mode: PRIVATE_FILE_MODE });
  return { hash, generated };
}
