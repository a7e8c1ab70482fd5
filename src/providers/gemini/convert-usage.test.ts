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

  it('splits image tokens out of the answer (recorded gemini-2.0-flash image generation usage)', () => {
    const raw = {
      candidatesTokenCount: 1318,
      candidatesTokensDetails: [{ modality: 'IMAGE', tokenCount: 1290 }],
      promptTokenCount: 15,
      promptTokensDetails: [{ modality: 'TEXT', tokenCount: 15 }],
      totalTokenCount: 1333,
    };
    expect(convertGeminiUsage(raw)?.outputTokens).toEqual({ total: 1318, text: 28, reasoning: 0, image: 1290 });
    const both = convertGeminiUsage({
      candidatesTokenCount: 291,
      candidatesTokensDetails: [
        { modality: 'IMAGE', tokenCount: 258 },
        { modality: 'TEXT', tokenCount: 33 },
      ],
      promptTokenCount: 7,
      thoughtsTokenCount: 100,
      totalTokenCount: 398,
    });
    expect(both?.outputTokens).toEqual({ total: 391, text: 33, reasoning: 100, image: 258 });
  });

  it('has no image field without IMAGE details, and ignores a malformed details list', () => {
    expect(convertGeminiUsage({ candidatesTokenCount: 5, totalTokenCount: 5 })?.outputTokens).not.toHaveProperty(
      'image',
    );
    const odd = convertGeminiUsage({
      candidatesTokenCount: 5,
      totalTokenCount: 5,
      candidatesTokensDetails: 'x',
    } as never);
    expect(odd?.outputTokens).toEqual({ total: 5, text: 5, reasoning: 0 });
  });
});

describe('convertGeminiUsage audio tokens', () => {
  it('splits AUDIO out of the prompt and the answer (native audio, TTS)', () => {
    const usage = convertGeminiUsage({
      promptTokenCount: 410,
      promptTokensDetails: [
        { modality: 'TEXT', tokenCount: 10 },
        { modality: 'AUDIO', tokenCount: 400 },
      ],
      candidatesTokenCount: 96,
      candidatesTokensDetails: [{ modality: 'AUDIO', tokenCount: 96 }],
      totalTokenCount: 506,
    });
    expect(usage?.inputTokens).toEqual({ total: 410, noCache: 410, cacheRead: 0, audio: 400 });
    expect(usage?.outputTokens).toEqual({ total: 96, text: 0, reasoning: 0, audio: 96 });
  });

  it('caps input audio at the uncached prompt', () => {
    const usage = convertGeminiUsage({
      promptTokenCount: 100,
      cachedContentTokenCount: 80,
      promptTokensDetails: [{ modality: 'AUDIO', tokenCount: 100 }],
      totalTokenCount: 100,
    });
    expect(usage?.inputTokens.audio).toBe(20);
  });
});
