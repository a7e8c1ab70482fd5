import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { apiKeyHint, generateApiKey, hashApiKey } from './api-key-format.js';

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
});
