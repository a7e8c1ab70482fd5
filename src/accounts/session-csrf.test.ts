import { describe, expect, it } from 'vitest';
import { csrfTokenFor, csrfTokenMatches, hashCsrfToken } from './session-csrf.js';

describe('session CSRF tokens', () => {
  it('are derived from the session token: the same for the same session, different for another', () => {
    const token = csrfTokenFor('session-token-a');
    expect(token).toBe(csrfTokenFor('session-token-a'));
    expect(token).not.toBe(csrfTokenFor('session-token-b'));
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(token).not.toContain('session-token-a');
  });

  it('match only the hash of themselves', () => {
    const token = csrfTokenFor('session-token-a');
    const stored = hashCsrfToken(token);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(token);
    expect(csrfTokenMatches(token, stored)).toBe(true);
    expect(csrfTokenMatches(csrfTokenFor('session-token-b'), stored)).toBe(false);
    expect(csrfTokenMatches(token, 'not hex')).toBe(false);
    expect(csrfTokenMatches(token, '')).toBe(false);
  });
});
