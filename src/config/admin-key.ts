import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sha256 } from '../http/auth.js';

export interface AdminKeyResult {
  hash: Buffer;
  /** Set only when a key was generated just now: it must be shown once, then it is gone. */
  generated?: string;
}

/**
 * The bootstrap administrator's key. From `AIHUB_ADMIN_KEY` when set; otherwise generated on
 * first start, with only its hash stored under the data directory.
 */
export function resolveAdminKey(adminKey: string | undefined, dataDir: string): AdminKeyResult {
  if (adminKey) return { hash: sha256(adminKey) };
  const file = join(dataDir, 'admin-key.sha256');
  if (existsSync(file)) return { hash: Buffer.from(readFileSync(file, 'utf8').trim(), 'hex') };
  const generated = `sk-aihub-admin-${randomBytes(24).toString('base64url')}`;
  const hash = sha256(generated);
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, `${hash.toString('hex')}\n`, { mode: 0o600 });
  return { hash, generated };
}
