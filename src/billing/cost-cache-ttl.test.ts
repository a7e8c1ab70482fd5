/**
 * Cache writes priced by lifetime: a one-hour write at its own price, a five-minute write at the
 * cache-write price, and the hold (worst case) covering the dearer of the two.
 */
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

// Claude Sonnet's list prices in units per 1M tokens: input $3, 5 m write $3.75, 1 h write $6, read $0.30.
const sonnet = price({
  input: 3_000_000,
  output: 15_000_000,
  cacheRead: 300_000,
  cacheWrite: 3_750_000,
  cacheWrite1h: 6_000_000,
});

const usage = (input: Usage['inputTokens'], output: Usage['outputTokens'] = {}): Usage => ({
  inputTokens: input,
  outputTokens: output,
});

describe('costOf: cache writes by lifetime', () => {
  it('prices the 1 h part of the writes at the 1 h price and the rest at the 5 m price', () => {
    const cost = costOf(
      usage({ noCache: 10, cacheRead: 1_000, cacheWrite: 3_000, cacheWrite1h: 2_000 }, { text: 100, reasoning: 50 }),
      sonnet,
    );
    // 10×3 + 1000×0.3 + 1000×3.75 + 2000×6 + 150×15 = 30 + 300 + 3,750 + 12,000 + 2,250
    expect(cost.units).toBe(18_330);
    expect(cost.breakdown.lines.map((line) => [line.class, line.tokens, line.pricePerMillion])).toEqual([
      ['input', 10, 3_000_000],
      ['cacheRead', 1_000, 300_000],
      ['cacheWrite', 1_000, 3_750_000],
      ['cacheWrite1h', 2_000, 6_000_000],
      ['output', 100, 15_000_000],
      ['reasoning', 50, 15_000_000],
    ]);
  });

  it('bills a one-hour write dearer than the same five-minute write (the old code billed both alike)', () => {
    const oneHour = costOf(usage({ noCache: 0, cacheWrite: 1_000_000, cacheWrite1h: 1_000_000 }), sonnet);
    const fiveMinutes = costOf(usage({ noCache: 0, cacheWrite: 1_000_000 }), sonnet);
    expect(oneHour.units).toBe(6_000_000);
    expect(fiveMinutes.units).toBe(3_750_000);
  });

  it('derives the uncached input from the total minus every write, 1 h writes counted once', () => {
    const counts = tokenCounts(usage({ total: 5_000, cacheRead: 1_000, cacheWrite: 3_000, cacheWrite1h: 3_000 }));
    expect(counts).toMatchObject({ uncachedInput: 1_000, cacheWrite5m: 0, cacheWrite1h: 3_000, inputTotal: 5_000 });
  });

  it('takes a 1 h count above the total writes (or without a total) as all writes, never negative', () => {
    expect(tokenCounts(usage({ noCache: 0, cacheWrite: 10, cacheWrite1h: 25 }))).toMatchObject({
      cacheWrite5m: 0,
      cacheWrite1h: 25,
      inputTotal: 25,
    });
    expect(tokenCounts(usage({ noCache: 0, cacheWrite1h: 7 }))).toMatchObject({ cacheWrite5m: 0, cacheWrite1h: 7 });
  });

  it('falls back to the 5 m write price when the model has no 1 h price, then to the input price', () => {
    const u = usage({ noCache: 0, cacheWrite: 1_000, cacheWrite1h: 1_000 });
    expect(costOf(u, price({ input: 1_000_000, output: 1, cacheWrite: 2_000_000 })).units).toBe(2_000);
    expect(costOf(u, price({ input: 1_000_000, output: 1 })).units).toBe(1_000);
  });

  it('uses the long-context tier’s 1 h price; a tier without one keeps the base 1 h price, like any field', () => {
    const tiered = price({
      ...sonnet,
      tiers: [{ aboveInputTokens: 200_000, input: 6_000_000, cacheWrite: 7_500_000, cacheWrite1h: 12_000_000 }],
    });
    const long = usage({ noCache: 1, cacheWrite: 200_000, cacheWrite1h: 200_000 });
    expect(costOf(long, tiered).units).toBe(6 + 2_400_000);
    const tierWithout1h = price({ ...sonnet, tiers: [{ aboveInputTokens: 200_000, cacheWrite1h: undefined }] });
    expect(costOf(long, tierWithout1h).units).toBe(3 + 1_200_000);
  });

  it('rounds once over every class, 1 h writes included', () => {
    const p = price({ input: 1, output: 1, cacheWrite: 1, cacheWrite1h: 1 });
    // 250,000 + 250,000 token-units = 0.5 unit → 1 (half up, once)
    expect(costOf(usage({ noCache: 0, cacheWrite: 500_000, cacheWrite1h: 250_000 }), p).units).toBe(1);
  });
});

describe('worstCaseCost: the hold covers a prompt written entirely with a 1 h lifetime', () => {
  it('holds every prompt token at the 1 h write price when that is the dearest input rate', () => {
    // 1,000 × 6 + 100 × 15 = 6,000 + 1,500
    expect(worstCaseCost(1_000, 100, sonnet)).toBe(7_500);
    const billed = costOf(usage({ noCache: 0, cacheWrite: 1_000, cacheWrite1h: 1_000 }, { text: 100 }), sonnet);
    expect(billed.units).toBeLessThanOrEqual(worstCaseCost(1_000, 100, sonnet));
  });

  it('leaves room for 1 h writes when capping the output to a budget', () => {
    // budget 7,500 units: 1,000 prompt tokens × 6 = 6,000 leaves 1,500 → 100 output tokens at 15
    expect(affordableOutputTokens(7_500, 1_000, sonnet)).toBe(100);
  });
});
