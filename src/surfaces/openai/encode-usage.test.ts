import { describe, expect, it } from 'vitest';
import { encodeUsage } from './encode-usage.js';

describe('encodeUsage', () => {
  it('keeps cached and reasoning tokens inside the totals, as OpenAI does', () => {
    expect(encodeUsage({ inputTokens: { total: 10, cacheRead: 4 }, outputTokens: { total: 7, reasoning: 3 } })).toEqual(
      {
        prompt_tokens: 10,
        completion_tokens: 7,
        total_tokens: 17,
        prompt_tokens_details: { cached_tokens: 4 },
        completion_tokens_details: { reasoning_tokens: 3 },
      },
    );
  });

  it('reports five-minute cache writes without a one-hour part', () => {
    const encoded = encodeUsage({ inputTokens: { total: 1_200, cacheWrite: 1_000 }, outputTokens: { total: 5 } });
    expect(encoded.prompt_tokens_details).toEqual({ cached_tokens: 0, cache_write_tokens: 1_000 });
  });

  it('reports the one-hour part of the cache writes, which is priced apart', () => {
    const encoded = encodeUsage({
      inputTokens: { noCache: 107, cacheRead: 50, cacheWrite: 8_000, cacheWrite1h: 6_001 },
      outputTokens: { text: 33 },
    });
    expect(encoded.prompt_tokens).toBe(8_157);
    expect(encoded.prompt_tokens_details).toEqual({
      cached_tokens: 50,
      cache_write_tokens: 8_000,
      cache_write_1h_tokens: 6_001,
    });
  });

  it('counts a one-hour write above the total writes as all of them, as billing does', () => {
    const encoded = encodeUsage({ inputTokens: { noCache: 10, cacheWrite: 300, cacheWrite1h: 500 }, outputTokens: {} });
    expect(encoded.prompt_tokens).toBe(510);
    expect(encoded.prompt_tokens_details).toEqual({
      cached_tokens: 0,
      cache_write_tokens: 500,
      cache_write_1h_tokens: 500,
    });
  });
});
