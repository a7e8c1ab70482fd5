import { describe, expect, it } from 'vitest';
import { cacheKey, canonicalJson, requestFingerprint } from './cache-key.js';

const base = {
  model: 'gpt-4o',
  messages: [{ role: 'user', content: 'hi' }],
  temperature: 0,
};

describe('canonicalJson', () => {
  it('sorts keys at every level, keeps array order, drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"e":2,"f":1}]},"b":1}',
    );
    expect(canonicalJson([undefined, null, 'x'])).toBe('[null,null,"x"]');
  });
});

describe('requestFingerprint', () => {
  const fp = (body: Record<string, unknown>, mode: 'json' | 'stream' = 'json', surface = 'openai.chat') =>
    requestFingerprint(body, mode, surface);

  it('ignores key order and fields that cannot change the answer', () => {
    expect(fp({ temperature: 0, messages: base.messages, model: 'gpt-4o' })).toBe(fp(base));
    expect(fp({ ...base, user: 'u-1', metadata: { a: 1 }, store: true, stream: false })).toBe(fp(base));
    expect(fp({ ...base, stream_options: { include_usage: true } })).toBe(fp(base));
  });

  it('changes with anything that affects the answer, the mode and the surface', () => {
    const variants = [
      { ...base, model: 'gpt-4o-mini' },
      { ...base, messages: [{ role: 'user', content: 'hi!' }] },
      { ...base, temperature: 0.5 },
      { ...base, top_p: 0.9 },
      { ...base, max_tokens: 10 },
      { ...base, max_completion_tokens: 10 },
      { ...base, stop: ['x'] },
      { ...base, seed: 1 },
      { ...base, n: 2 },
      { ...base, tools: [{ type: 'function', function: { name: 'f' } }] },
      { ...base, tool_choice: 'required' },
      { ...base, response_format: { type: 'json_object' } },
      { ...base, reasoning_effort: 'high' },
      { ...base, some_future_field: true },
    ];
    const all = new Set([fp(base), ...variants.map((body) => fp(body))]);
    expect(all.size).toBe(variants.length + 1);
    expect(fp(base, 'stream')).not.toBe(fp(base));
    expect(fp(base, 'json', 'anthropic.messages')).not.toBe(fp(base));
    // For streams, include_usage changes the frames.
    expect(fp({ ...base, stream_options: { include_usage: true } }, 'stream')).not.toBe(fp(base, 'stream'));
  });
});

describe('cacheKey', () => {
  const caller = { userId: 'usr_1', keyId: 'key_1' };
  it('scopes per user by default, per key, or shared', () => {
    expect(cacheKey('f', 'user', caller)).toBe('u:usr_1:f');
    expect(cacheKey('f', 'key', caller)).toBe('k:key_1:f');
    expect(cacheKey('f', 'key', { userId: 'usr_1', keyId: null })).toBe('u:usr_1:f');
    expect(cacheKey('f', 'shared', caller)).toBe('shared:f');
  });
});
