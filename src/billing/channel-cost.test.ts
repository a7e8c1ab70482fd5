import { describe, expect, it } from 'vitest';
import { Catalog } from '../catalog/catalog.js';
import { type CatalogModelInput, catalogModelSchema } from '../catalog/catalog-schema.js';
import { emptyUsage, type Usage } from '../ir/index.js';
import type { ChannelCost } from '../routing/channel.js';
import type { Store } from '../store/database.js';
import { operatorPrice, RouteCosts } from './channel-cost.js';
import { PriceBook } from './price-book.js';

const model = (input: Partial<CatalogModelInput> & { provider: string; id: string }) =>
  catalogModelSchema.parse({ mode: 'chat', capabilities: {}, pricesKnown: true, prices: {}, ...input });

const catalog = new Catalog([
  model({
    provider: 'openai',
    id: 'gpt-y',
    prices: {
      input: 2_500_000,
      output: 10_000_001,
      cacheRead: 1_250_000,
      tiers: [{ aboveInputTokens: 100, input: 5_000_000 }],
    },
  }),
  model({ provider: 'openai', id: 'gpt-unpriced', pricesKnown: false, prices: {} }),
  model({ provider: 'openai', id: 'img-1', mode: 'image', prices: { perUnit: { 'image:1024x1024': 40_000 } } }),
]);

const book = () => {
  const priceBook = new PriceBook(undefined as unknown as Store, catalog);
  priceBook.setRules({ globalMultiplierPpm: 300_000, groups: {}, models: {} }); // the sale price: no effect on cost
  return priceBook;
};
const route = (cost: ChannelCost | undefined, upstreamModel = 'gpt-y') => ({
  channel: { vendor: 'openai', ...(cost ? { cost } : {}) },
  upstreamModel,
});
const usage = (input: number, output: number): Usage => ({
  ...emptyUsage(),
  inputTokens: { total: input },
  outputTokens: { total: output },
});

describe('operatorPrice', () => {
  it('is the official list price without a channel cost, whatever the sale rules', () => {
    const price = new RouteCosts(book()).price(route(undefined));
    expect(price).toMatchObject({ known: true, source: 'official×multiplier', multiplierPpm: 1_000_000 });
    expect(price).toMatchObject({ input: 2_500_000, output: 10_000_001, cacheRead: 1_250_000 });
    expect(price?.tiers).toEqual([{ aboveInputTokens: 100, input: 5_000_000 }]);
  });

  it('scales every official price by the multiplier, exactly, rounding half up once per field', () => {
    const price = new RouteCosts(book()).price(route({ multiplierPpm: 800_000 }));
    expect(price).toMatchObject({ source: 'official×multiplier', multiplierPpm: 800_000 });
    // 10,000,001 × 0.8 = 8,000,000.8 → 8,000,001
    expect(price).toMatchObject({ input: 2_000_000, output: 8_000_001, cacheRead: 1_000_000 });
    expect(price?.tiers).toEqual([{ aboveInputTokens: 100, input: 4_000_000 }]);
  });

  it("takes a model's fixed price over the multiplier, for that model only", () => {
    const cost = { multiplierPpm: 500_000, models: { 'gpt-y': { input: 1_000_000, output: 3_000_000 } } };
    const costs = new RouteCosts(book());
    expect(costs.price(route(cost))).toMatchObject({ source: 'fixed', input: 1_000_000, output: 3_000_000 });
    expect(costs.price(route(cost))?.cacheRead).toBeUndefined();
    expect(costs.price(route(cost, 'img-1'))?.perUnit).toEqual({ 'image:1024x1024': 20_000 });
  });

  it('is unknown when the catalog has no price and the channel fixes none', () => {
    const costs = new RouteCosts(book());
    expect(costs.price(route({ multiplierPpm: 500_000 }, 'gpt-unpriced'))).toBeUndefined();
    expect(costs.price(route(undefined, 'nobody-knows'))).toBeUndefined();
    expect(costs.tokenCost(route(undefined, 'nobody-knows'))).toBeUndefined();
    expect(costs.price(route({ models: { 'gpt-unpriced': { input: 1, output: 2 } } }, 'gpt-unpriced'))).toMatchObject({
      input: 1,
      output: 2,
    });
  });

  it('never finds a fixed price on the prototype (a model named constructor)', () => {
    expect(operatorPrice({ models: {} }, 'constructor', { known: false })).toBeUndefined();
  });
});

describe('RouteCosts', () => {
  it('costs usage exactly at the operator price, the long-context tier included', () => {
    const costs = new RouteCosts(book());
    // At 80%: 50 × 2,000,000 + 20,000 × 8,000,001 = 160,100,020,000 per 1M → 160,100.02 → 160,100
    expect(costs.upstreamCost(route({ multiplierPpm: 800_000 }), usage(50, 20_000))).toBe(160_100);
    expect(costs.upstreamCost(route(undefined), usage(1_000_000, 0))).toBe(5_000_000); // above 100: tier
    expect(costs.upstreamCost(route(undefined, 'gpt-unpriced'), usage(1, 1))).toBeUndefined();
  });

  it('is unknown for a unit the route has no price for, rather than free', () => {
    const costs = new RouteCosts(book());
    const images = (unit: string): Usage => ({ ...emptyUsage(), units: { [unit]: 2 } });
    expect(costs.upstreamCost(route(undefined, 'img-1'), images('image:1024x1024'))).toBe(80_000);
    expect(costs.upstreamCost(route(undefined, 'img-1'), images('video_second'))).toBeUndefined();
  });

  it('memoises per channel object and model, and forgets on a price book change', () => {
    const priceBook = book();
    let lookups = 0;
    const counting = {
      officialPrices: (provider: string, id: string) => {
        lookups++;
        return priceBook.officialPrices(provider, id);
      },
      onChange: (listener: () => void) => priceBook.onChange(listener),
    };
    const costs = new RouteCosts(counting);
    const first = route({ multiplierPpm: 900_000 });
    costs.price(first);
    costs.price(first);
    costs.price({ ...first }); // the same channel object
    expect(lookups).toBe(1);
    costs.price({ channel: { ...first.channel }, upstreamModel: 'gpt-y' }); // reloaded: a new object
    expect(lookups).toBe(2);
    priceBook.setCatalog(catalog);
    costs.price(first);
    expect(lookups).toBe(3);
    expect(Object.isFrozen(costs.price(first))).toBe(true);
  });
});
