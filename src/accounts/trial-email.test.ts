import { describe, expect, it } from 'vitest';
import { trialEmailKey } from './trial-email.js';
import { trialGrantKeys } from './trial-grants.js';

describe('trialEmailKey: one person however the email is spelled', () => {
  it.each([
    ['John.Smith@Gmail.com', 'johnsmith@gmail.com'],
    ['j.o.h.n.smith+ai@googlemail.com', 'johnsmith@gmail.com'],
    ['  Ada+work@Example.com ', 'ada@example.com'],
    // Dots only matter outside Gmail: other providers deliver a.b@ and ab@ to different people.
    ['a.b@example.com', 'a.b@example.com'],
    ['plain@example.org', 'plain@example.org'],
  ])('%s → %s', (email, key) => {
    expect(trialEmailKey(email)).toBe(key);
  });
});

describe('trialGrantKeys', () => {
  it('keys a claimant by normalized email and by provider identity', () => {
    expect(trialGrantKeys({ email: 'X+1@gmail.com', identity: { provider: 'github', subject: '42' } })).toEqual([
      'email:x@gmail.com',
      'identity:github:42',
    ]);
    expect(trialGrantKeys({ email: null, identity: { provider: 'linuxdo', subject: '7' } })).toEqual([
      'identity:linuxdo:7',
    ]);
  });
});
