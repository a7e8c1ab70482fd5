import { describe, expect, it } from 'vitest';
import { encodeAnthropicUsage } from './encode-usage.js';

describe('encodeAnthropicUsage', () => {
  it('reports uncached input apart from cache reads and writes split by lifetime', () => {
    expect(
      encodeAnthropicUsage({
        inputTokens: { total: 1000, noCache: 100, cacheRead: 600, cacheWrite: 300, cacheWrite1h: 200 },
        outputTokens: { total: 50 },
      }),
    ).toEqual({
      input_tokens: 100,
      output_tokens: 50,
      cache_creation_input_tokens: 300,
      cache_read_input_tokens: 600,
      cache_creation: { ephemeral_5m_input_tokens: 100, ephemeral_1h_input_tokens: 200 },
      service_tier: 'standard',
    });
  });

  it('derives uncached input from an OpenAI-style total and sums output parts', () => {
    const usage = encodeAnthropicUsage(
      { inputTokens: { total: 80, cacheRead: 30 }, outputTokens: { text: 5, reasoning: 7 } },
      'priority',
    );
    expect(usage).toMatchObject({
      input_tokens: 50,
      output_tokens: 12,
      cache_read_input_tokens: 30,
      service_tier: 'priority',
    });
  });

  it('reports zeros when the upstream said nothing', () => {
    expect(encodeAnthropicUsage(undefined)).toMatchObject({
      input_tokens: 0,
      output_tokens: 0,
      cache_creation_input_tokens: 0,
    });
  });
});
