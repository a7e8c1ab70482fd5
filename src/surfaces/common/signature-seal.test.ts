import { describe, expect, it } from 'vitest';
import { openSignature, sealSignature } from './signature-seal.js';

describe('signature seal', () => {
  it('leaves the surface vendor’s own signatures untouched', () => {
    expect(sealSignature('anthropic', 'anthropic', 'EqQBCgIYAh')).toBe('EqQBCgIYAh');
    expect(sealSignature('anthropic', undefined, 'EqQBCgIYAh')).toBe('EqQBCgIYAh');
    expect(openSignature('anthropic', 'EqQBCgIYAh')).toEqual({ signature: 'EqQBCgIYAh', issuer: 'anthropic' });
  });

  it('round-trips a foreign signature with its issuer', () => {
    const sealed = sealSignature('anthropic', 'gemini', 'CiQB+/x.y==');
    expect(sealed).not.toBe('CiQB+/x.y==');
    expect(openSignature('anthropic', sealed)).toEqual({ signature: 'CiQB+/x.y==', issuer: 'gemini' });
  });

  it('treats a malformed seal as the surface vendor’s own opaque string', () => {
    expect(openSignature('gemini', 'aihub.v1.')).toEqual({ signature: 'aihub.v1.', issuer: 'gemini' });
    expect(openSignature('gemini', 'aihub.v1.BAD NAME.x')).toEqual({
      signature: 'aihub.v1.BAD NAME.x',
      issuer: 'gemini',
    });
  });
});
