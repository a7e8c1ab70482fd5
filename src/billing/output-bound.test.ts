import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../ir/index.js';
import { planThinking } from '../providers/anthropic/thinking-budget.js';
import { DEFAULT_OUTPUT_TOKENS, defaultOutputLimit, outputLimitWithin, outputTokenBound } from './output-bound.js';

const request = (extra: Partial<ChatRequest> = {}): ChatRequest => ({
  model: 'm',
  messages: [],
  stream: false,
  includeUsage: false,
  ...extra,
});

describe('output bound', () => {
  it('a request without max_tokens is sent with the model’s limit, capped by the setting', () => {
    expect(defaultOutputLimit(128_000, 32_768)).toBe(32_768);
    expect(defaultOutputLimit(8_192, 32_768)).toBe(8_192);
    expect(defaultOutputLimit(undefined, 32_768)).toBe(DEFAULT_OUTPUT_TOKENS);
  });

  it('bills the limit per choice: × n', () => {
    expect(outputTokenBound(request({ n: 3 }), 100, 'openai')).toBe(300);
    expect(outputTokenBound(request({ reasoning: { effort: 'high' } }), 100, 'openai')).toBe(100);
    expect(outputTokenBound(request({ reasoning: { effort: 'high' } }), 100, 'gemini')).toBe(100);
  });

  it.each([
    [100, { effort: 'medium' as const }],
    [5_000, { budgetTokens: 4_000 }],
    [20_000, { budgetTokens: 4_000 }],
    [1, { effort: 'xhigh' as const }],
  ])('follows the Anthropic encoder, which raises max_tokens %i above a thinking budget', (limit, reasoning) => {
    const sent = planThinking(reasoning, limit, undefined).maxTokens;
    expect(outputTokenBound(request({ reasoning }), limit, 'anthropic')).toBe(sent);
    expect(sent).toBeGreaterThanOrEqual(limit);
  });

  it('inverts the bound: the largest limit whose bound fits, 0 when thinking alone does not', () => {
    const thinking = request({ reasoning: { budgetTokens: 4_000 } });
    expect(outputLimitWithin(request({ n: 2 }), 1_001, 'openai')).toBe(500);
    expect(outputLimitWithin(thinking, 10_000, 'anthropic')).toBe(10_000);
    expect(outputLimitWithin(thinking, 3_000, 'anthropic')).toBe(0);
    for (const total of [4_001, 4_500, 7_999, 8_000, 12_000]) {
      const limit = outputLimitWithin(thinking, total, 'anthropic');
      if (limit > 0) expect(outputTokenBound(thinking, limit, 'anthropic')).toBeLessThanOrEqual(total);
    }
  });
});
