import { describe, expect, it } from 'vitest';
import { encodeResponsesUsage } from './encode-usage.js';

describe('encodeResponsesUsage', () => {
  it('totals, cached input and reasoning output', () => {
    expect(
      encodeResponsesUsage({
        inputTokens: { total: 299, noCache: 199, cacheRead: 100 },
        outputTokens: { total: 12, text: 4, reasoning: 8 },
      }),
    ).toEqual({
      input_tokens: 299,
      input_tokens_details: { cached_tokens: 100 },
      output_tokens: 12,
      output_tokens_details: { reasoning_tokens: 8 },
      total_tokens: 311,
    });
  });

  it('sums the parts when no total was reported, and shows cache writes', () => {
    expect(
      encodeResponsesUsage({ inputTokens: { noCache: 10, cacheRead: 5, cacheWrite: 20 }, outputTokens: { text: 3 } }),
    ).toEqual({
      input_tokens: 35,
      input_tokens_details: { cached_tokens: 5, cache_write_tokens: 20 },
      output_tokens: 3,
      output_tokens_details: { reasoning_tokens: 0 },
      total_tokens: 38,
    });
  });
});
