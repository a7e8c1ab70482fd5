import { describe, expect, it } from 'vitest';
import { convertOpenAIUsage, findUsage } from './convert-usage.js';

describe('convertOpenAIUsage', () => {
  it('OpenAI: cached tokens are cache reads, reasoning tokens split the output', () => {
    const raw = {
      prompt_tokens: 1000,
      completion_tokens: 300,
      total_tokens: 1300,
      prompt_tokens_details: { cached_tokens: 800 },
      completion_tokens_details: { reasoning_tokens: 200 },
    };
    expect(convertOpenAIUsage(raw)).toEqual({
      inputTokens: { total: 1000, noCache: 200, cacheRead: 800, cacheWrite: undefined },
      outputTokens: { total: 300, text: 100, reasoning: 200 },
      raw,
    });
  });

  it('not reported stays undefined, never 0', () => {
    const usage = convertOpenAIUsage({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
    expect(usage?.inputTokens).toEqual({ total: 10, noCache: 10, cacheRead: undefined, cacheWrite: undefined });
    expect(usage?.outputTokens).toEqual({ total: 5, text: 5, reasoning: undefined });
    expect(convertOpenAIUsage({})?.inputTokens.total).toBeUndefined();
  });

  it('DeepSeek prompt_cache_hit_tokens without prompt_tokens_details', () => {
    const usage = convertOpenAIUsage({
      prompt_tokens: 50,
      completion_tokens: 5,
      total_tokens: 55,
      prompt_cache_hit_tokens: 32,
      prompt_cache_miss_tokens: 18,
    });
    expect(usage?.inputTokens).toEqual({ total: 50, noCache: 18, cacheRead: 32, cacheWrite: undefined });
  });

  it('OpenRouter cache writes are taken out of the uncached input', () => {
    const usage = convertOpenAIUsage({
      prompt_tokens: 100,
      completion_tokens: 1,
      total_tokens: 101,
      prompt_tokens_details: { cached_tokens: 10, cache_write_tokens: 60 },
    });
    expect(usage?.inputTokens).toEqual({ total: 100, noCache: 30, cacheRead: 10, cacheWrite: 60 });
  });

  it('one-hour cache writes reported by another AIHub upstream keep their split', () => {
    const usage = convertOpenAIUsage({
      prompt_tokens: 100,
      completion_tokens: 1,
      total_tokens: 101,
      prompt_tokens_details: { cached_tokens: 10, cache_write_tokens: 60, cache_write_1h_tokens: 40 },
    });
    expect(usage?.inputTokens).toEqual({ total: 100, noCache: 30, cacheRead: 10, cacheWrite: 60, cacheWrite1h: 40 });
  });

  it('xAI: reasoning outside completion_tokens (total = prompt + completion + reasoning)', () => {
    const usage = convertOpenAIUsage({
      prompt_tokens: 12,
      completion_tokens: 1,
      total_tokens: 241,
      completion_tokens_details: { reasoning_tokens: 228 },
    });
    expect(usage?.outputTokens).toEqual({ total: 229, text: 1, reasoning: 228 });
  });

  it('more reasoning than completion tokens is capped, keeping total = text + reasoning', () => {
    const usage = convertOpenAIUsage({
      prompt_tokens: 43,
      completion_tokens: 10,
      total_tokens: 53,
      completion_tokens_details: { reasoning_tokens: 11 },
    });
    expect(usage?.outputTokens).toEqual({ total: 10, text: 0, reasoning: 10 });
  });

  it('no usage object is undefined', () => {
    expect(convertOpenAIUsage(null)).toBeUndefined();
    expect(convertOpenAIUsage('12')).toBeUndefined();
  });
});

describe('findUsage', () => {
  it('prefers top-level usage, else Groq x_groq.usage', () => {
    expect(findUsage({ usage: { prompt_tokens: 1 }, x_groq: { usage: { prompt_tokens: 2 } } })).toEqual({
      prompt_tokens: 1,
    });
    expect(findUsage({ usage: null, x_groq: { usage: { prompt_tokens: 2 } } })).toEqual({ prompt_tokens: 2 });
    expect(findUsage({ x_groq: { id: 'req' } })).toBeUndefined();
  });
});

describe('convertOpenAIUsage audio tokens', () => {
  it('gpt-4o-audio: prompt and completion audio tokens are parts of their counts', () => {
    const usage = convertOpenAIUsage({
      prompt_tokens: 120,
      completion_tokens: 300,
      total_tokens: 420,
      prompt_tokens_details: { cached_tokens: 0, audio_tokens: 100 },
      completion_tokens_details: { reasoning_tokens: 0, audio_tokens: 260, text_tokens: 40 },
    });
    expect(usage?.inputTokens).toMatchObject({ total: 120, noCache: 120, audio: 100 });
    expect(usage?.outputTokens).toEqual({ total: 300, text: 40, reasoning: 0, audio: 260 });
  });

  it('no audio field when the vendor reports none (or 0)', () => {
    const usage = convertOpenAIUsage({
      prompt_tokens: 5,
      completion_tokens: 5,
      prompt_tokens_details: { audio_tokens: 0 },
      completion_tokens_details: { audio_tokens: 0 },
    });
    expect(usage?.inputTokens).not.toHaveProperty('audio');
    expect(usage?.outputTokens).not.toHaveProperty('audio');
  });

  it('audio above the non-reasoning completion is capped, keeping the total', () => {
    const usage = convertOpenAIUsage({
      prompt_tokens: 1,
      completion_tokens: 10,
      completion_tokens_details: { reasoning_tokens: 4, audio_tokens: 50 },
    });
    expect(usage?.outputTokens).toEqual({ total: 10, text: 0, reasoning: 4, audio: 6 });
  });
});
