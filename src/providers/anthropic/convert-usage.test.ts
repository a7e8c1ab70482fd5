import { describe, expect, it } from 'vitest';
import { convertAnthropicUsage, mergeAnthropicUsage } from './convert-usage.js';

describe('convertAnthropicUsage', () => {
  it('adds cache reads and writes to the uncached input', () => {
    const raw = {
      input_tokens: 10,
      cache_read_input_tokens: 200,
      cache_creation_input_tokens: 30,
      output_tokens: 55,
      service_tier: 'standard',
    };
    expect(convertAnthropicUsage(raw)).toEqual({
      inputTokens: { total: 240, noCache: 10, cacheRead: 200, cacheWrite: 30 },
      outputTokens: { total: 55, text: undefined, reasoning: undefined },
      raw,
    });
  });

  it('leaves cache fields undefined when not reported (not 0)', () => {
    const usage = convertAnthropicUsage({ input_tokens: 43, output_tokens: 1 });
    expect(usage.inputTokens).toEqual({ total: 43, noCache: 43, cacheRead: undefined, cacheWrite: undefined });
  });

  it('splits reasoning out when output_tokens_details.thinking_tokens is present', () => {
    const usage = convertAnthropicUsage({
      input_tokens: 598,
      output_tokens: 92,
      output_tokens_details: { thinking_tokens: 53 },
    });
    expect(usage.outputTokens).toEqual({ total: 92, reasoning: 53, text: 39 });
  });

  it("counts the web search server tool's searches (server_tool_use.web_search_requests), absent when not reported", () => {
    const usage = convertAnthropicUsage({
      input_tokens: 27_118,
      output_tokens: 600,
      server_tool_use: { web_search_requests: 2, web_fetch_requests: 0 },
    });
    expect(usage.serverToolCalls).toEqual({ webSearch: 2 });
    expect(convertAnthropicUsage({ input_tokens: 1, output_tokens: 1 }).serverToolCalls).toBeUndefined();
  });

  it('reports nothing when the usage object is empty', () => {
    expect(convertAnthropicUsage({})).toEqual({
      inputTokens: { total: undefined, noCache: undefined, cacheRead: undefined, cacheWrite: undefined },
      outputTokens: { total: undefined, text: undefined, reasoning: undefined },
      raw: {},
    });
  });
});

describe('mergeAnthropicUsage', () => {
  it('lets the later report win but keeps earlier fields it does not carry', () => {
    const merged = mergeAnthropicUsage(
      { input_tokens: 43, cache_read_input_tokens: 5, output_tokens: 1 },
      { output_tokens: 120, cache_read_input_tokens: null },
    );
    expect(merged).toEqual({ input_tokens: 43, cache_read_input_tokens: 5, output_tokens: 120 });
  });
});
