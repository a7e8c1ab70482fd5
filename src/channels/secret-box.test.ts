import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadSecretBox, parseSecretKey, SecretBox, SecretBoxError } from './secret-box.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'aihub-secret-'));
  dirs.push(dir);
  return dir;
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SecretBox', () => {
  const box = new SecretBox(randomBytes(32));

  it('round-trips strings, unicode included, in the v1 text format', () => {
    for (const plain of ['sk-test-1234567890', '', 'ключ 🔑 with spaces', 'x'.repeat(10_000)]) {
      const sealed = box.encrypt(plain);
      expect(sealed).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]*$/);
      expect(box.decrypt(sealed)).toBe(plain);
    }
  });

  it('uses a fresh IV per value, so equal keys do not look equal at rest', () => {
    const a = box.encrypt('sk-same');
    const b = box.encrypt('sk-same');
    expect(a).not.toBe(b);
    expect(a.split(':')[1]).not.toBe(b.split(':')[1]);
    expect(Buffer.from(a.split(':')[1], 'base64')).toHaveLength(12);
  });

  it('refuses a tampered ciphertext, tag or IV instead of returning garbage', () => {
    const sealed = box.encrypt('sk-secret-value');
    const [version, iv, tag, data] = sealed.split(':');
    const flip = (b64: string) => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] ^= 1;
      return bytes.toString('base64');
    };
    for (const bad of [
      [version, iv, tag, flip(data)],
      [version, iv, flip(tag), data],
      [version, flip(iv), tag, data],
    ]) {
      expect(() => box.decrypt(bad.join(':'))).toThrow(SecretBoxError);
    }
    expect(() => box.decrypt('v2:a:b:c')).toThrow(/v1 format/);
    expect(() => box.decrypt('plaintext-key')).toThrow(SecretBoxError);
  });

  it('refuses a value sealed under another key, with a message that says so', () => {
    const other = new SecretBox(randomBytes(32));
    expect(() => other.decrypt(box.encrypt('sk-abc'))).toThrow(/secret key differs/);
  });

  it('needs exactly 32 key bytes', () => {
    expect(() => new SecretBox(randomBytes(16))).toThrow(SecretBoxError);
  });
});

describe('parseSecretKey', () => {
  it('accepts 64 hex characters and 32-byte base64 (standard or url-safe)', () => {
    const key = randomBytes(32);
    expect(parseSecretKey(key.toString('hex'))).toEqual(key);
    expect(parseSecretKey(key.toString('base64'))).toEqual(key);
    expect(parseSecretKey(key.toString('base64url'))).toEqual(key);
  });

  it('refuses anything else rather than stretching it', () => {
    expect(() => parseSecretKey('hunter2')).toThrow(/AIHUB_SECRET_KEY/);
    expect(() => parseSecretKey(randomBytes(16).toString('base64'))).toThrow(SecretBoxError);
  });
});

describe('loadSecretBox', () => {
  it('uses AIHUB_SECRET_KEY when set and writes no key file', () => {
    const dir = tempDir();
    const key = randomBytes(32);
    const box = loadSecretBox({ env: { AIHUB_SECRET_KEY: key.toString('base64') }, dataDir: dir });
    expect(new SecretBox(key).decrypt(box.encrypt('sk-env'))).toBe('sk-env');
    expect(() => statSync(join(dir, 'secret.key'))).toThrow();
  });

  it('generates <dataDir>/secret.key (mode 0600) on first use and reuses it after', () => {
    const dir = join(tempDir(), 'nested', 'data');
    const first = loadSecretBox({ env: {}, dataDir: dir });
    const file = join(dir, 'secret.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    const sealed = first.encrypt('sk-persisted');
    const second = loadSecretBox({ env: {}, dataDir: dir });
    expect(second.decrypt(sealed)).toBe('sk-persisted');
  });

  it('refuses a key file that does not hold a 32-byte key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'secret.key'), 'not a key\n');
    expect(() => loadSecretBox({ env: {}, dataDir: dir })).toThrow(/does not hold a 32-byte key/);
  });

  it('a box from another key file cannot read values (clear error, not garbage)', () => {
    const a = loadSecretBox({ env: {}, dataDir: tempDir() });
    const b = loadSecretBox({ env: {}, dataDir: tempDir() });
    expect(() => b.decrypt(a.encrypt('sk-x'))).toThrow(SecretBoxError);
  });
});
