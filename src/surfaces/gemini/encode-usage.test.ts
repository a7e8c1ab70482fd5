import { describe, expect, it } from 'vitest';
import { encodeUsage } from './encode-usage.js';

describe('encodeUsage', () => {
  it('splits thoughts from candidates and repeats the cached part of the prompt', () => {
    expect(
      encodeUsage({
        inputTokens: { total: 120, noCache: 20, cacheRead: 100 },
        outputTokens: { total: 50, text: 10, reasoning: 40 },
      }),
    ).toEqual({
      promptTokenCount: 120,
      candidatesTokenCount: 10,
      totalTokenCount: 170,
      cachedContentTokenCount: 100,
      thoughtsTokenCount: 40,
    });
  });

  it('derives what a vendor did not split, and counts cache writes in the prompt', () => {
    expect(
      encodeUsage({ inputTokens: { noCache: 5, cacheWrite: 7 }, outputTokens: { total: 9, reasoning: 4 } }),
    ).toEqual({ promptTokenCount: 12, candidatesTokenCount: 5, totalTokenCount: 21, thoughtsTokenCount: 4 });
  });
});
