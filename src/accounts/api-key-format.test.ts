import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiKeyHint, deriveApiKey, generateApiKey, hashApiKey } from './api-key-format.js';

describe('API key format', () => {
  it('is sk- and 48 base62 characters, different every time', () => {
    const a = generateApiKey();
    expect(a).toMatch(/^sk-[0-9A-Za-z]{48}$/);
    expect(generateApiKey()).not.toBe(a);
  });

  it('hashes with SHA-256 hex and hints with the first and last four characters', () => {
    const key = `sk-AbCd${'x'.repeat(40)}WxYz`;
    expect(hashApiKey(key)).toBe(createHash('sha256').update(key).digest('hex'));
    expect(apiKeyHint(key)).toBe('sk-AbCd…WxYz');
  });

  it('derives the same key from the same secret and context, and a different one otherwise', () => {
    const key = deriveApiKey('session-token', 'key_1');
    expect(key).toMatch(/^sk-[0-9A-Za-z]{48}$/);
    expect(deriveApiKey('session-token', 'key_1')).toBe(key);
    expect(deriveApiKey('session-token', 'key_2')).not.toBe(key);
    expect(deriveApiKey('session-tokem', 'key_1')).not.toBe(key);
  });
});
