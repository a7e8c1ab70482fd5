import { describe, expect, it } from 'vitest';
import { emptyUsage } from '../ir/index.js';
import { costOf } from './cost.js';
import { costParts } from './cost-parts.js';
import type { SalePrice } from './price-types.js';

const price = {
  known: true,
  input: 2_500_000,
  cacheRead: 250_000,
  cacheWrite: 3_125_000,
  output: 10_000_000,
  reasoning: 10_000_000,
  perRequest: 7,
  perWebSearch: 10_000,
} as SalePrice;

describe('costParts', () => {
  it('splits prompt classes from completion classes and per-call fees, each as the ledger rounds', () => {
    const usage = emptyUsage();
    usage.inputTokens = { total: 1_300, noCache: 1_000, cacheRead: 200, cacheWrite: 100 };
    usage.outputTokens = { total: 450, text: 400, reasoning: 50 };
    usage.serverToolCalls = { webSearch: 2 };
    const cost = costOf(usage, price);
    // prompt: 1000 × 2.5 + 200 × 0.25 + 100 × 3.125 = 2,862.5 → 2,863; completion: 450 × 10 = 4,500.
    expect(costParts(cost.breakdown)).toEqual({ prompt: 2_863, completion: 4_500, other: 7 + 20_000 });
    expect(cost.units).toBe(2_863 + 4_500 + 20_007);
  });

  it('is all zeros for a free answer', () => {
    const cost = costOf(emptyUsage(), { known: true, input: 0, output: 0 } as SalePrice);
    expect(costParts(cost.breakdown)).toEqual({ prompt: 0, completion: 0, other: 0 });
  });
});
