import { describe, expect, it } from 'vitest';
import type { Usage } from '../ir/index.js';
import { affordableOutputTokens, costOf, tokenCounts, worstCaseCost } from './cost.js';
import type { SalePrice } from './price-types.js';

const price = (fields: Partial<SalePrice>): SalePrice => ({
  known: true,
  source: 'official×multiplier',
  multiplierPpm: 1_000_000,
  ...fields,
});

const usage = (input: Usage['inputTokens'], output: Usage['outputTokens']): Usage => ({
  inputTokens: input,
  outputTokens: output,
});

describe('costOf', () => {
  it('prices every token class, with cached and reasoning tokens at their own prices', () => {
    const p = price({
      input: 3_000_000,
      output: 15_000_000,
      cacheRead: 300_000,
      cacheWrite: 3_750_000,
      reasoning: 20_000_000,
    });
    const u = usage(
      { total: 1_600, noCache: 1_000, cacheRead: 400, cacheWrite: 200 },
      { total: 600, text: 500, reasoning: 100 },
    );
    // 1000×3 + 400×0.3 + 200×3.75 + 500×15 + 100×20 = 3000+120+750+7500+2000 = 13,370 units
    const cost = costOf(u, p);
    expect(cost.units).toBe(13_370);
    expect(cost.breakdown.lines.map((l) => [l.class, l.tokens, l.pricePerMillion])).toEqual([
      ['input', 1_000, 3_000_000],
      ['cacheRead', 400, 300_000],
      ['cacheWrite', 200, 3_750_000],
      ['output', 500, 15_000_000],
      ['reasoning', 100, 20_000_000],
    ]);
  });

  it('falls back: cache reads/writes at the input price, reasoning at the output price', () => {
    const p = price({ input: 1_000_000, output: 2_000_000 });
    const u = usage({ noCache: 10, cacheRead: 20, cacheWrite: 30 }, { text: 40, reasoning: 50 });
    // (10+20+30)×1 + (40+50)×2 = 60 + 180 = 240 units
    expect(costOf(u, p).units).toBe(240);
  });

  it('derives missing parts from totals (input total − cache; output total − reasoning)', () => {
    expect(tokenCounts(usage({ total: 100, cacheRead: 30 }, { total: 50, reasoning: 20 }))).toEqual({
      uncachedInput: 70,
      cacheRead: 30,
      cacheWrite5m: 0,
      cacheWrite1h: 0,
      textOutput: 30,
      reasoning: 20,
      imageInput: 0,
      imageOutput: 0,
      audioInput: 0,
      audioOutput: 0,
      inputTotal: 100,
    });
    expect(tokenCounts(usage({}, {}))).toMatchObject({ uncachedInput: 0, textOutput: 0, inputTotal: 0 });
  });

  it('rounds once, half up, over the exact sum (not per class)', () => {
    const p = price({ input: 1, output: 1 });
    // 400,000 + 400,000 token-units = 0.8 unit → 1 (per-class rounding would give 0 + 0 = 0)
    expect(costOf(usage({ noCache: 400_000 }, { text: 400_000 }), p).units).toBe(1);
    // exactly half: 500,000 → 1 (half up); 499,999 → 0
    expect(costOf(usage({ noCache: 500_000 }, {}), p).units).toBe(1);
    expect(costOf(usage({ noCache: 499_999 }, {}), p).units).toBe(0);
    expect(costOf(usage({ noCache: 1_500_000 }, {}), p).units).toBe(2);
    expect(costOf(usage({ noCache: 1_499_999 }, {}), p).units).toBe(1);
  });

  it('stays exact past 2^53 (BigInt numerator)', () => {
    // 10M tokens × 999,999,999 + 1 token × 1: 9,999,999,990,000,001 > 2^53, float math loses the +1.
    const p = price({ input: 999_999_999, output: 1 });
    const cost = costOf(usage({ noCache: 10_000_000 }, { text: 1 }), p);
    expect(cost.breakdown.exactTokenMicroUnits).toBe('9999999990000001');
    expect(cost.units).toBe(9_999_999_990);
    // 2,500,001 tokens × 999,999,999 = 2,500,000,997,499,999 (> 2^53): .997 rounds up
    expect(costOf(usage({ noCache: 2_500_001 }, {}), p).units).toBe(2_500_000_997);
  });

  it('adds per-request and per-image prices unrounded', () => {
    const p = price({ perRequest: 5_000, perImage: 40_000 });
    expect(costOf(usage({ noCache: 1_000 }, { text: 1_000 }), p, { images: 3 }).units).toBe(125_000);
  });

  it('adds each web search the vendor reported at perWebSearch, apart from the tokens', () => {
    const p = price({ input: 3_000_000, output: 15_000_000, perWebSearch: 10_000 });
    const searched: Usage = { ...usage({ noCache: 1_000 }, { text: 100 }), serverToolCalls: { webSearch: 3 } };
    // 1000×3 + 100×15 = 4,500 token units; 3 searches × 10,000
    const cost = costOf(searched, p);
    expect(cost.units).toBe(34_500);
    expect(cost.breakdown).toMatchObject({ tokenUnits: 4_500, webSearchCalls: 3, webSearchUnits: 30_000 });
    // A model without a search price (the catalog lists none): the searches cost nothing.
    expect(costOf(searched, price({ input: 3_000_000, output: 15_000_000 })).units).toBe(4_500);
    // No searches reported: the price is not charged.
    expect(costOf(usage({ noCache: 1_000 }, { text: 100 }), p).breakdown.webSearchUnits).toBe(0);
  });

  it('applies the long-context tier the whole input falls in', () => {
    const p = price({
      input: 3_000_000,
      output: 15_000_000,
      tiers: [{ aboveInputTokens: 200_000, input: 6_000_000, output: 22_500_000 }],
    });
    expect(costOf(usage({ noCache: 200_000 }, { text: 1_000 }), p).units).toBe(600_000 + 15_000);
    const long = costOf(usage({ noCache: 150_000, cacheRead: 50_001 }, { text: 1_000 }), p);
    expect(long.breakdown.tierAboveInputTokens).toBe(200_000);
    // cacheRead has no price: falls back to the tier's input price
    expect(long.units).toBe(900_000 + 300_006 + 22_500);
  });

  it('refuses to cost an unknown price instead of billing 0', () => {
    expect(() =>
      costOf(usage({ total: 1 }, {}), { known: false, source: 'official×multiplier', multiplierPpm: 1 }),
    ).toThrow(/unknown/);
  });
});

describe('worstCaseCost', () => {
  it('prices the prompt at the dearest input class and output at the dearer of output/reasoning, rounding up', () => {
    const p = price({ input: 3_000_000, output: 15_000_000, cacheWrite: 3_750_000, reasoning: 20_000_000 });
    // 1,000 × 3.75 + 500 × 20 = 3,750 + 10,000
    expect(worstCaseCost(1_000, 500, p)).toBe(13_750);
    expect(worstCaseCost(1, 0, price({ input: 1, output: 1 }))).toBe(1);
    expect(worstCaseCost(0, 0, price({ input: 1, output: 1, perRequest: 7 }))).toBe(7);
  });

  it('holds for as many web searches as the request allows, at perWebSearch', () => {
    const p = price({ input: 1_000_000, output: 1_000_000, perWebSearch: 10_000 });
    expect(worstCaseCost(100, 100, p)).toBe(200);
    expect(worstCaseCost(100, 100, p, { webSearchCalls: 5 })).toBe(50_200);
    // The output a budget affords leaves room for the searches first.
    expect(affordableOutputTokens(50_300, 100, p, 1, 5)).toBe(200);
  });

  it('uses the tier the estimated prompt falls in, and at least one image for image models', () => {
    const p = price({ input: 1_000_000, output: 1_000_000, tiers: [{ aboveInputTokens: 100, input: 2_000_000 }] });
    expect(worstCaseCost(101, 0, p)).toBe(202);
    expect(worstCaseCost(100, 0, p)).toBe(100);
    expect(worstCaseCost(0, 0, price({ perImage: 40_000 }))).toBe(40_000);
  });

  it('takes the dearest rate of every tier the bound reaches, since the real count may land lower', () => {
    // A tier that is cheaper for output than the base: an input bound above it must not use it alone.
    const p = price({
      input: 1_000_000,
      output: 10_000_000,
      tiers: [{ aboveInputTokens: 100, input: 2_000_000, output: 5_000_000 }],
    });
    // 200 input at 2 + 10 output at 10 (the base's output rate still applies if the count lands below 100).
    expect(worstCaseCost(200, 10, p)).toBe(500);
    expect(affordableOutputTokens(500, 200, p)).toBe(10);
  });
});
