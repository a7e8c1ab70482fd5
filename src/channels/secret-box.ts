import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_DIRECTORY_MODE, PRIVATE_FILE_MODE } from '../store/private-files.js';

/**
 * Encryption at rest for upstream secrets (channel keys, extra headers): AES-256-GCM, a fresh
 * random 12-byte IV per value and the 16-byte auth tag, stored as text
 * `v1:<iv b64>:<tag b64>:<ciphertext b64>`. The version prefix lets a later format (or key
 * rotation) coexist with values already in the database. GCM authenticates: a wrong key or a
 * tampered value fails loudly with SecretBoxError instead of decrypting to garbage.
 */

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const SECRET_KEY_BYTES = 32;
export const SECRET_KEY_FILE = 'secret.key';

export class SecretBoxError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SecretBoxError';
  }
}

export class SecretBox {
  private readonly key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== SECRET_KEY_BYTES) {
      throw new SecretBoxError(`The secret key must be ${SECRET_KEY_BYTES} bytes, got ${key.length}.`);
    }
    // A private copy: the caller's buffer may be reused or zeroed.
    this.key = Buffer.from(key);
  }

  /**
   * A key for another purpose (signing links...), derived from this one with HKDF: replicas that
   * share the secret key share it, and it reveals nothing of the key itself.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), purpose, SECRET_KEY_BYTES));
  }

  encrypt(plaintext: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [VERSION, iv.toString('base64'), tag.toString('base64'), ciphertext.toString('base64')].join(':');
  }

  decrypt(text: string): string {
    const parts = text.split(':');
    if (parts.length !== 4 || parts[0] !== VERSION) {
      throw new SecretBoxError('The encrypted value is not in the v1 format (corrupted or from another tool).');
    }
    const iv = Buffer.from(parts[1], 'base64');
    const tag = Buffer.from(parts[2], 'base64');
    const ciphertext = Buffer.from(parts[3], 'base64');
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new SecretBoxError('The encrypted value is malformed (bad IV or tag length).');
    }
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch (cause) {
      throw new SecretBoxError(
        'Cannot decrypt a stored secret: the secret key differs from the one it was encrypted with ' +
          '(AIHUB_SECRET_KEY or <dataDir>/secret.key changed), or the value was tampered with.',
        { cause },
      );
    }
  }
}

/**
 * Parses AIHUB_SECRET_KEY: 64 hex characters or base64 (standard or url-safe) of exactly 32
 * bytes. Anything else is refused rather than stretched, so a typo cannot silently pick a new key.
 */
export function parseSecretKey(value: string): Buffer {
  const text = value.trim();
  if (/^[0-9a-f]{64}$/i.test(text)) return Buffer.from(text, 'hex');
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    const bytes = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === SECRET_KEY_BYTES) return bytes;
  }
  throw new SecretBoxError(
    `AIHUB_SECRET_KEY must be ${SECRET_KEY_BYTES} bytes as 64 hex characters or base64 ` +
      '(generate one with `openssl rand -base64 32`).',
  );
}

export interface SecretBoxSource {
  env: NodeJS.ProcessEnv;
  dataDir: string;
}

/**
 * The box under AIHUB_SECRET_KEY when set; otherwise under `<dataDir>/secret.key`, generated on
 * first use (mode 0600). Replicas that do not share the data directory (PostgreSQL deployments on
 * several hosts) must all set the same AIHUB_SECRET_KEY, or they cannot read each other's keys.
 */
export function loadSecretBox({ env, dataDir }: SecretBoxSource): SecretBox {
  const fromEnv = env.AIHUB_SECRET_KEY?.trim();
  if (fromEnv) return new SecretBox(parseSecretKey(fromEnv));
  return new SecretBox(readOrCreateKeyFile(join(dataDir, SECRET_KEY_FILE), dataDir));
}

function readOrCreateKeyFile(file: string, dataDir: string): Buffer {
  const existing = readKeyFile(file);
  if (existing) return existing;
  mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIRECTORY_MODE });
  const key = randomBytes(SECRET_KEY_BYTES);
  try {
    // `wx` fails if another process created the file meanwhile: then its key is the one to use.
    writeFileSync(file, `${key.toString('base64')}\n`, { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = readKeyFile(file);
    if (!raced) throw new SecretBoxError(`The key file ${file} is empty.`);
    return raced;
  }
}

function readKeyFile(file: string): Buffer | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  if (text.trim() === '') return undefined;
  try {
    return parseSecretKey(text);
  } catch (cause) {
    throw new SecretBoxError(`The key file ${file} does not hold a ${SECRET_KEY_BYTES}-byte key.`, { cause });
  }
}
