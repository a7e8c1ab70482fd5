import { describe, expect, it } from 'vitest';
import { matchTotpStep, newTotpSecret, totpCode, totpStep, totpUri } from './totp.js';

// RFC 6238 appendix B: the SHA-1 seed is the ASCII "12345678901234567890"; its 8-digit codes end in
// the 6-digit codes (the truncation is the same number modulo 10^6).
const RFC_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const RFC_VECTORS: Array<[seconds: number, eightDigits: string]> = [
  [59, '94287082'],
  [1111111109, '07081804'],
  [1111111111, '14050471'],
  [1234567890, '89005924'],
  [2000000000, '69279037'],
  [20000000000, '65353130'],
];

describe('TOTP (RFC 6238, SHA-1, 6 digits, 30 s)', () => {
  it.each(RFC_VECTORS)('at %i s the code is the last 6 digits of %s', (seconds, eight) => {
    expect(totpCode(RFC_SECRET, seconds * 1000)).toBe(eight.slice(2));
    expect(matchTotpStep(RFC_SECRET, eight.slice(2), seconds * 1000)).toBe(Math.floor(seconds / 30));
  });

  it('accepts one step either side and nothing further', () => {
    const now = 1_700_000_000_000;
    const at = (steps: number) => totpCode(RFC_SECRET, now + steps * 30_000);
    expect(matchTotpStep(RFC_SECRET, at(-1), now)).toBe(totpStep(now) - 1);
    expect(matchTotpStep(RFC_SECRET, at(1), now)).toBe(totpStep(now) + 1);
    expect(matchTotpStep(RFC_SECRET, at(-2), now)).toBeUndefined();
    expect(matchTotpStep(RFC_SECRET, at(2), now)).toBeUndefined();
  });

  it('ignores spaces and refuses anything but six digits', () => {
    const now = 1_700_000_000_000;
    const code = totpCode(RFC_SECRET, now);
    expect(matchTotpStep(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, now)).toBe(totpStep(now));
    expect(matchTotpStep(RFC_SECRET, `${code}0`, now)).toBeUndefined();
    expect(matchTotpStep(RFC_SECRET, 'abcdef', now)).toBeUndefined();
    expect(matchTotpStep(RFC_SECRET, '', now)).toBeUndefined();
  });

  it('makes 160-bit base32 secrets and an otpauth URI apps read', () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
    const uri = new URL(totpUri(secret, 'a@example.com', 'AIHub'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('AIHub');
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });
});
