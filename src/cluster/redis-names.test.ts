import { describe, expect, it } from 'vitest';
import { DEFAULT_REDIS_PREFIX, parseRedisPrefix, redisNames } from './redis-names.js';

describe('redisNames', () => {
  it('keeps the keys AIHub has always used by default', () => {
    expect(redisNames()).toEqual({
      rateLimits: 'aihub:rl',
      ipLimits: 'aihub:ip',
      attempts: 'aihub:attempts',
      responseCache: 'aihub:cache',
      configChannel: 'aihub:config',
      stickyRoutes: 'aihub:sticky',
    });
  });

  it('puts every name under the prefix, verbatim', () => {
    for (const name of Object.values(redisNames('tenant-b/'))) expect(name.startsWith('tenant-b/')).toBe(true);
  });
});

describe('parseRedisPrefix (AIHUB_REDIS_PREFIX)', () => {
  it.each([undefined, ''])('%j → the default', (value) => {
    expect(parseRedisPrefix(value)).toBe(DEFAULT_REDIS_PREFIX);
  });

  it.each(['aihub-prod:', 'a', '{tenant}:', 'x'.repeat(64)])('accepts %j as it is', (value) => {
    expect(parseRedisPrefix(value)).toBe(value);
  });

  it.each([' aihub:', 'aihub :', 'aihub:\n', 'préfixe:', 'x'.repeat(65), '\u200baihub:'])('refuses %j', (value) => {
    expect(() => parseRedisPrefix(value)).toThrow(/AIHUB_REDIS_PREFIX/);
  });
});
