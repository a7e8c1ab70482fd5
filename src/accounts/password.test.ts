import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './password.js';

describe('password', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(stored, 'correct horse battery')).toBe(true);
    expect(await verifyPassword(stored, 'correct horse batterY')).toBe(false);
  });

  it('salts every hash', async () => {
    expect(await hashPassword('same password')).not.toBe(await hashPassword('same password'));
  });

  it('rejects passwords shorter than 8 or longer than 256 characters with a 400', async () => {
    for (const bad of ['short', '1234567', 'x'.repeat(257)]) {
      const error = await hashPassword(bad).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(GatewayError);
      expect(error).toMatchObject({ status: 400, code: 'invalid_password', param: 'password' });
    }
    expect(() => checkPasswordPolicy('12345678')).not.toThrow();
    expect(() => checkPasswordPolicy('x'.repeat(256))).not.toThrow();
    // Code points, not UTF-16 units: eight emoji are eight characters.
    expect(() => checkPasswordPolicy('😀'.repeat(8))).not.toThrow();
  });

  it('answers false (never throws) for a missing or malformed stored hash', async () => {
    expect(await verifyPassword(null, 'whatever1')).toBe(false);
    expect(await verifyPassword(undefined, 'whatever1')).toBe(false);
    expect(await verifyPassword('not-a-phc-string', 'whatever1')).toBe(false);
  });
});
