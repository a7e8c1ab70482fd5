import { describe, expect, it } from 'vitest';
import { compileIpMatcher, compileModelMatcher, normalizeAllowedIps, normalizeAllowedModels } from './key-rules.js';

describe('model rules', () => {
  it('matches exact ids and * globs, case-insensitively, and nothing else', () => {
    const allows = compileModelMatcher(['gpt-4o', 'claude-*', '*/llama-*-instruct', 'o1.preview']);
    for (const yes of ['gpt-4o', 'GPT-4o', 'claude-3-5-sonnet', 'claude-', 'meta/llama-3-8b-instruct', 'o1.preview']) {
      expect(allows(yes), yes).toBe(true);
    }
    // `.` is literal, not "any character"; an id must match whole, not as a prefix.
    for (const no of ['gpt-4o-mini', 'xgpt-4o', 'claude', 'o1xpreview', 'meta/llama-3-8b', 'gemini-pro', '']) {
      expect(allows(no), no).toBe(false);
    }
  });

  it('allows every model without a list, and a lone * allows every model', () => {
    expect(compileModelMatcher(null)('anything')).toBe(true);
    expect(compileModelMatcher(['*'])('openai/gpt-4o')).toBe(true);
  });

  it('does not treat regex characters in ids as regex', () => {
    const allows = compileModelMatcher(['a+b(c)']);
    expect(allows('a+b(c)')).toBe(true);
    expect(allows('aab(c)')).toBe(false);
  });

  it('normalises and validates lists', () => {
    expect(normalizeAllowedModels([' gpt-4o ', 'gpt-4o', 'claude-*'])).toEqual(['gpt-4o', 'claude-*']);
    expect(normalizeAllowedModels(null)).toBeNull();
    expect(normalizeAllowedModels(undefined)).toBeNull();
    expect(() => normalizeAllowedModels([])).toThrow(expect.objectContaining({ status: 400, param: 'allowedModels' }));
    expect(() => normalizeAllowedModels(['gpt 4'])).toThrow(expect.objectContaining({ param: 'allowedModels' }));
    expect(() => normalizeAllowedModels(['gpt\u0001'])).toThrow(expect.objectContaining({ param: 'allowedModels' }));
    expect(() => normalizeAllowedModels(Array.from({ length: 201 }, (_, i) => `m${i}`))).toThrow();
  });
});

describe('IP rules', () => {
  it('matches single addresses and CIDR ranges, IPv4 and IPv6', () => {
    const allows = compileIpMatcher(['203.0.113.7', '10.0.0.0/8', '2001:db8::/32', '::1']);
    for (const yes of ['203.0.113.7', '10.1.2.3', '10.255.255.255', '2001:db8::42', '::1', '::ffff:10.9.9.9']) {
      expect(allows(yes), yes).toBe(true);
    }
    for (const no of ['203.0.113.8', '11.0.0.1', '2001:db9::1', '::2', 'not-an-ip', '']) {
      expect(allows(no), no).toBe(false);
    }
  });

  it('allows any address without a list', () => {
    expect(compileIpMatcher(null)('198.51.100.1')).toBe(true);
  });

  it('accepts IPs and CIDRs and rejects anything else', () => {
    expect(normalizeAllowedIps([' 10.0.0.0/8 ', '::1', '192.168.1.1/32', '::ffff:1.2.3.4'])).toEqual([
      '10.0.0.0/8',
      '::1',
      '192.168.1.1/32',
      '::ffff:1.2.3.4',
    ]);
    for (const bad of ['10.0.0.0/33', '2001:db8::/129', '10.0.0/8', 'example.com', '1.2.3.4/8/9', '10.0.0.1/x', '']) {
      expect(() => normalizeAllowedIps([bad]), bad).toThrow(
        expect.objectContaining({ status: 400, param: 'allowedIps' }),
      );
    }
    expect(() => normalizeAllowedIps([])).toThrow(expect.objectContaining({ param: 'allowedIps' }));
  });
});
