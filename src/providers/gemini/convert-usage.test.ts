import { describe, expect, it } from 'vitest';
import { convertGeminiUsage } from './convert-usage.js';

describe('convertGeminiUsage', () => {
  it('splits cached input and reasoning output (recorded gemini-2.5-flash video usage)', () => {
    const raw = {
      cachedContentTokenCount: 17379,
      candidatesTokenCount: 68,
      promptTokenCount: 17713,
      thoughtsTokenCount: 821,
      totalTokenCount: 18602,
      serviceTier: 'standard',
    };
    expect(convertGeminiUsage(raw)).toEqual({
      inputTokens: { total: 17713, noCache: 334, cacheRead: 17379 },
      outputTokens: { total: 889, text: 68, reasoning: 821 },
      raw,
    });
  });

  it('counts the built-in tool prompt as input (recorded web search usage)', () => {
    const usage = convertGeminiUsage({
      candidatesTokenCount: 201,
      promptTokenCount: 17,
      thoughtsTokenCount: 213,
      toolUsePromptTokenCount: 119,
      totalTokenCount: 550,
    });
    expect(usage?.inputTokens).toEqual({ total: 136, noCache: 136, cacheRead: 0 });
    expect((usage?.inputTokens.total ?? 0) + (usage?.outputTokens.total ?? 0)).toBe(550);
  });

  it('reads counts Gemini left out of a complete report as 0', () => {
    expect(
      convertGeminiUsage({ promptTokenCount: 15, thoughtsTokenCount: 2, totalTokenCount: 17 })?.outputTokens,
    ).toEqual({
      total: 2,
      text: 0,
      reasoning: 2,
    });
  });

  it('reports nothing for a partial object', () => {
    expect(convertGeminiUsage({ trafficType: 'ON_DEMAND' })).toBeUndefined();
    expect(convertGeminiUsage(undefined)).toBeUndefined();
  });
});
