import { describe, expect, it } from 'vitest';
import { normalizeEmail } from './email.js';

describe('normalizeEmail', () => {
  it('trims and lower-cases', () => {
    expect(normalizeEmail('  Alice@Example.COM ')).toBe('alice@example.com');
  });

  it('rejects malformed or over-long addresses with a 400', () => {
    for (const bad of [
      '',
      'alice',
      'alice@',
      '@example.com',
      'a b@example.com',
      'alice@example',
      `${'a'.repeat(250)}@x.io`,
    ]) {
      expect(() => normalizeEmail(bad), bad).toThrow(expect.objectContaining({ status: 400, code: 'invalid_email' }));
    }
  });
});
