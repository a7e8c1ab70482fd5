import { describe, expect, it } from 'vitest';
import { hashBackupCode, looksLikeBackupCode, newBackupCodes, normaliseBackupCode } from './backup-codes.js';

describe('backup codes', () => {
  it('makes ten distinct xxxxx-xxxxx codes without look-alike characters', () => {
    const codes = newBackupCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/);
  });

  it('matches a code typed back with other case, spaces or no dash', () => {
    const [code] = newBackupCodes(1) as [string];
    const typed = ` ${code.toUpperCase().replace('-', ' ')} `;
    expect(normaliseBackupCode(typed)).toBe(code.replace('-', ''));
    expect(hashBackupCode(typed)).toBe(hashBackupCode(code));
    expect(hashBackupCode(code)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('tells backup codes from 6-digit app codes', () => {
    expect(looksLikeBackupCode('abcde-fghjk')).toBe(true);
    expect(looksLikeBackupCode('123456')).toBe(false);
  });
});
