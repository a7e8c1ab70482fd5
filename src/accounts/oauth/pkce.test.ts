import { describe, expect, it } from 'vitest';
import { codeChallengeS256, randomToken, stateHash } from './pkce.js';

describe('PKCE and state', () => {
  it('computes the S256 challenge of RFC 7636 appendix B', () => {
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes unguessable url-safe tokens of 43 characters, each different', () => {
    const tokens = new Set(Array.from({ length: 100 }, randomToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('keys a state by its hash, never the state itself', () => {
    const state = randomToken();
    expect(stateHash(state)).toMatch(/^[0-9a-f]{64}$/);
    expect(stateHash(state)).not.toContain(state);
    expect(stateHash(state)).toBe(stateHash(state));
  });
});
