/** The one-hour cache write price travels through the price book like every other token price. */
import { describe, expect, it } from 'vitest';
import { Catalog } from '../catalog/catalog.js';
import { catalogModelSchema } from '../catalog/catalog-schema.js';
import type { Store } from '../store/database.js';
import { PriceBook } from './price-book.js';
import { defaultPriceRules, fixedPricesSchema, type PriceRules } from './price-rules.js';

const catalog = new Catalog([
  catalogModelSchema.parse({
    provider: 'anthropic',
    id: 'claude-z',
    mode: 'chat',
    capabilities: {},
    pricesKnown: true,
    prices: {
      input: 3_000_000,
      output: 15_000_000,
      cacheRead: 300_000,
      cacheWrite: 3_750_000,
      cacheWrite1h: 6_000_000,
      tiers: [{ aboveInputTokens: 200_000, input: 6_000_000, cacheWrite1h: 12_000_000 }],
    },
  }),
]);

const book = (patch: Partial<PriceRules> = {}) => {
  const priceBook = new PriceBook(undefined as unknown as Store, catalog);
  priceBook.setRules({ ...defaultPriceRules(), ...patch });
  return priceBook;
};

describe('PriceBook: one-hour cache writes', () => {
  it('lists the official 1 h price, base and tier', () => {
    expect(book().officialPrices('anthropic', 'claude-z')).toMatchObject({
      cacheWrite1h: 6_000_000,
      tiers: [{ aboveInputTokens: 200_000, cacheWrite1h: 12_000_000 }],
    });
  });

  it('applies the multipliers to it, rounded once like every price', () => {
    const sale = book({ globalMultiplierPpm: 333_333 }).salePrices('anthropic', 'claude-z', 'default');
    // 6,000,000 × 0.333333 = 1,999,998; 12,000,000 × 0.333333 = 3,999,996
    expect(sale.cacheWrite1h).toBe(1_999_998);
    expect(sale.tiers?.[0]?.cacheWrite1h).toBe(3_999_996);
  });

  it('takes a fixed 1 h price from the operator, scaled by the group only', () => {
    const fixed = fixedPricesSchema.parse({ input: 1_000_000, output: 2_000_000, cacheWrite1h: 2_000_000 });
    const sale = book({ groups: { half: 500_000 }, models: { 'claude-z': { fixed } } }).salePrices(
      'anthropic',
      'claude-z',
      'half',
    );
    expect(sale).toMatchObject({ source: 'fixed', input: 500_000, cacheWrite1h: 1_000_000 });
  });

  it('refuses a negative or fractional 1 h price', () => {
    for (const cacheWrite1h of [-1, 1.5, '3']) {
      expect(fixedPricesSchema.safeParse({ input: 1, output: 1, cacheWrite1h }).success).toBe(false);
    }
  });
});
