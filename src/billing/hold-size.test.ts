import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../ir/index.js';
import { cappedOutputLimit, type HoldShape, holdAmount, MIN_OUTPUT_TOKENS } from './hold-size.js';
import type { SalePrice } from './price-types.js';

// 1 unit an input token, 10 units an output token.
const price: SalePrice = {
  known: true,
  source: 'fixed',
  multiplierPpm: 1_000_000,
  input: 1_000_000,
  output: 10_000_000,
};
const shape = (promptTokens: number, extra: Partial<ChatRequest> = {}): HoldShape => ({
  request: { model: 'm', messages: [], stream: false, includeUsage: false, ...extra },
  price,
  wireFormat: 'openai',
  promptTokens,
});

describe('hold size', () => {
  it('holds the prompt bound and the output limit × n at their rates', () => {
    expect(holdAmount(shape(1_000), 100)).toBe(2_000);
    expect(holdAmount(shape(1_000, { n: 2 }), 100)).toBe(3_000);
  });

  it('caps an unbounded request to half of what is free, never more than its own limit', () => {
    // 10,000 free → 5,000 to spend: 1,000 for the prompt, 4,000 / 10 = 400 output tokens.
    expect(cappedOutputLimit(shape(1_000), 10_000, 32_768)).toBe(400);
    expect(cappedOutputLimit(shape(1_000), 10_000_000, 300)).toBe(300);
    const capped = cappedOutputLimit(shape(1_000), 10_000, 32_768) ?? 0;
    expect(holdAmount(shape(1_000), capped)).toBeLessThanOrEqual(5_000);
  });

  it('refuses rather than cap to a useless answer', () => {
    expect(cappedOutputLimit(shape(1_000), 2_000 + 20 * (MIN_OUTPUT_TOKENS - 1), 32_768)).toBeUndefined();
    expect(cappedOutputLimit(shape(1_000), 2_000 + 20 * MIN_OUTPUT_TOKENS, 32_768)).toBe(MIN_OUTPUT_TOKENS);
    expect(cappedOutputLimit(shape(1_000), 0, 32_768)).toBeUndefined();
  });
});
