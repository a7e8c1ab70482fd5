import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isClaudeModel, oneHourCacheWritePrice } from './anthropic-cache-write-price.js';
import type { CatalogPrices } from './catalog-schema.js';

describe('oneHourCacheWritePrice', () => {
  it('keeps a listed price that fits the documented rule', () => {
    expect(oneHourCacheWritePrice({ input: 3_000_000, cacheWrite: 3_750_000, cacheWrite1h: 6_000_000 })).toBe(
      6_000_000,
    );
  });

  it('derives 2× the input price when the data lists none', () => {
    expect(oneHourCacheWritePrice({ input: 15_000_000, cacheWrite: 18_750_000 })).toBe(30_000_000);
  });

  it('derives it when the listed price contradicts the rule (below the 5 m price, or above 2× input)', () => {
    // the data's Claude 3 Opus ($6 < $18.75) and Claude 3 Haiku ($6 = 24× its $0.25 input)
    expect(oneHourCacheWritePrice({ input: 15_000_000, cacheWrite: 18_750_000, cacheWrite1h: 6_000_000 })).toBe(
      30_000_000,
    );
    expect(oneHourCacheWritePrice({ input: 250_000, cacheWrite: 300_000, cacheWrite1h: 6_000_000 })).toBe(500_000);
  });

  it('derives nothing for a model whose cache writes are not priced', () => {
    expect(oneHourCacheWritePrice({ input: 3_000_000 })).toBeUndefined();
  });

  it('recognises Claude on every platform by its key', () => {
    for (const key of ['claude-opus-4-1', 'anthropic.claude-3-haiku-20240307-v1:0', 'vertex_ai/claude-sonnet-4@x']) {
      expect(isClaudeModel(key)).toBe(true);
    }
    expect(isClaudeModel('gpt-4o')).toBe(false);
  });
});

describe('the generated catalog', () => {
  const catalog = JSON.parse(readFileSync(new URL('./catalog.generated.json', import.meta.url), 'utf8')) as {
    models: Array<{ provider: string; id: string; prices: CatalogPrices }>;
  };
  const cached = catalog.models.filter((model) => /claude/i.test(model.id) && model.prices.cacheWrite !== undefined);

  it('gives every Claude model with priced cache writes a 1 h price within [5 m price, 2× input], tiers too', () => {
    expect(cached.length).toBeGreaterThan(50);
    for (const { provider, id, prices } of cached) {
      const where = `${provider}/${id}`;
      const check = (input = prices.input ?? 0, write = prices.cacheWrite ?? 0, oneHour = prices.cacheWrite1h) => {
        expect(oneHour, where).toBeDefined();
        expect(oneHour ?? 0, where).toBeGreaterThanOrEqual(write);
        expect(oneHour ?? 0, where).toBeLessThanOrEqual(2 * input);
      };
      check();
      for (const tier of prices.tiers ?? []) {
        check(
          tier.input ?? prices.input,
          tier.cacheWrite ?? prices.cacheWrite,
          tier.cacheWrite1h ?? prices.cacheWrite1h,
        );
      }
    }
  });

  it('prices Anthropic’s own models at the documented 2× input (data errors corrected)', () => {
    const opus3 = cached.find((model) => model.provider === 'anthropic' && model.id === 'claude-3-opus-20240229');
    expect(opus3?.prices.cacheWrite1h).toBe(30_000_000);
    const sonnet4 = cached.find((model) => model.provider === 'anthropic' && model.id === 'claude-4-sonnet-20250514');
    expect(sonnet4?.prices.cacheWrite1h).toBe(6_000_000);
    expect(sonnet4?.prices.tiers?.[0]?.cacheWrite1h).toBe(12_000_000);
  });
});
