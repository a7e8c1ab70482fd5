import { describe, expect, it } from 'vitest';
import { describeEachDialect } from '../../test/db-harness.js';
import { Catalog, getBuiltinCatalog } from '../catalog/catalog.js';
import { type CatalogModelInput, catalogModelSchema } from '../catalog/catalog-schema.js';
import type { Store } from '../store/database.js';
import { PriceBook } from './price-book.js';
import { defaultPriceRules, loadPriceRules, type PriceRules, savePriceRules } from './price-rules.js';

const model = (input: Partial<CatalogModelInput> & { provider: string; id: string }) =>
  catalogModelSchema.parse({
    mode: 'chat',
    capabilities: {},
    pricesKnown: true,
    prices: { input: 1, output: 1 },
    ...input,
  });

const catalog = new Catalog([
  model({
    provider: 'anthropic',
    id: 'claude-x',
    prices: {
      input: 3_000_000,
      output: 15_000_000,
      cacheRead: 300_000,
      cacheWrite: 3_750_000,
      tiers: [{ aboveInputTokens: 200_000, input: 6_000_000 }],
    },
  }),
  model({ provider: 'vertex', id: 'claude-x', prices: { input: 3_000_000, output: 15_000_000 } }),
  model({ provider: 'azure', id: 'gpt-y', prices: { input: 999_999, output: 2_000_001 } }),
  model({ provider: 'openai', id: 'gpt-y', prices: { input: 1_000_000, output: 2_000_000 } }),
  model({ provider: 'openai', id: 'gpt-unpriced', pricesKnown: false, prices: {} }),
  model({ provider: 'openai', id: 'img-1', mode: 'image', prices: { perImage: 40_000 } }),
]);

const rules = (patch: Partial<PriceRules>): PriceRules => ({ ...defaultPriceRules(), ...patch });
const book = (r: PriceRules = defaultPriceRules()) => {
  const b = new PriceBook(undefined as unknown as Store, catalog);
  b.setRules(r);
  return b;
};

describe('PriceBook', () => {
  it('sells at the official price when no rule applies', () => {
    const sale = book().salePrices('anthropic', 'claude-x', 'default');
    expect(sale).toMatchObject({
      known: true,
      source: 'official×multiplier',
      multiplierPpm: 1_000_000,
      input: 3_000_000,
      output: 15_000_000,
      cacheRead: 300_000,
      cacheWrite: 3_750_000,
      tiers: [{ aboveInputTokens: 200_000, input: 6_000_000 }],
      catalogModel: { provider: 'anthropic', id: 'claude-x' },
    });
    expect(book().officialPrices('anthropic', 'claude-x')).toMatchObject({ known: true, input: 3_000_000 });
  });

  it('multiplies global × group × model exactly, rounding once per price', () => {
    const b = book(
      rules({
        globalMultiplierPpm: 300_000,
        groups: { vip: 800_000 },
        models: { 'gpt-y': { multiplierPpm: 1_500_000 } },
      }),
    );
    // 0.3 × 0.8 × 1.5 = 0.36
    const sale = b.salePrices('openai', 'gpt-y', 'vip');
    expect(sale).toMatchObject({ input: 360_000, output: 720_000, multiplierPpm: 360_000 });
    // 999,999 × 0.36 = 359,999.64 → 360,000; 2,000,001 × 0.36 = 720,000.36 → 720,000
    expect(b.salePrices('azure', 'gpt-y', 'vip')).toMatchObject({ input: 360_000, output: 720_000 });
    const half = book(rules({ globalMultiplierPpm: 500_000, groups: { g: 500_000 } }));
    expect(half.salePrices('anthropic', 'claude-x', 'g')).toMatchObject({
      input: 750_000,
      cacheRead: 75_000,
      cacheWrite: 937_500,
    });
    // Rounding once: 5 × 0.5 × 0.5 = 1.25 → 1 (rounding after each step: 2.5 → 3, 1.5 → 2);
    // 2 × 0.25 = 0.5 → 1 (half up).
    const tiny = new PriceBook(
      undefined as unknown as Store,
      new Catalog([model({ provider: 'p', id: 'm', prices: { input: 5, output: 2 } })]),
    );
    tiny.setRules(rules({ globalMultiplierPpm: 500_000, groups: { g: 500_000 } }));
    expect(tiny.salePrices('p', 'm', 'g')).toMatchObject({ input: 1, output: 1 });
  });

  it('a fixed price replaces official × global × model; the group multiplier still applies', () => {
    const b = book(
      rules({
        globalMultiplierPpm: 300_000,
        groups: { vip: 500_000 },
        models: { 'gpt-y': { multiplierPpm: 2_000_000, fixed: { input: 100, output: 201 } } },
      }),
    );
    expect(b.salePrices('openai', 'gpt-y', 'default')).toMatchObject({
      source: 'fixed',
      input: 100,
      output: 201,
      known: true,
    });
    expect(b.salePrices('openai', 'gpt-y', 'vip')).toMatchObject({
      source: 'fixed',
      input: 50,
      output: 101,
      multiplierPpm: 500_000,
    });
  });

  it('a provider-specific model rule beats the bare id', () => {
    const b = book(
      rules({ models: { 'gpt-y': { multiplierPpm: 2_000_000 }, 'azure/gpt-y': { multiplierPpm: 500_000 } } }),
    );
    expect(b.salePrices('openai', 'gpt-y', 'default').input).toBe(2_000_000);
    expect(b.salePrices('azure', 'gpt-y', 'default').input).toBe(500_000);
  });

  it('unknown official price and no fixed price → known: false; a fixed price makes it sellable', () => {
    expect(book().salePrices('openai', 'gpt-unpriced', 'default')).toMatchObject({ known: false });
    expect(book().salePrices('openai', 'never-heard-of', 'default')).toMatchObject({ known: false });
    expect(book().officialPrices('openai', 'never-heard-of')).toEqual({ known: false });
    const fixed = book(rules({ models: { 'never-heard-of': { fixed: { perRequest: 1_000 } } } }));
    expect(fixed.salePrices('custom', 'never-heard-of', 'default')).toMatchObject({
      known: true,
      perRequest: 1_000,
      source: 'fixed',
    });
  });

  it('sells a web search at the official per-search price × the multipliers, or at the fixed one', () => {
    const searching = new PriceBook(
      undefined as unknown as Store,
      new Catalog([
        model({ provider: 'anthropic', id: 'claude-s', prices: { input: 1, output: 1, perWebSearch: 10_000 } }),
      ]),
    );
    searching.setRules(rules({ globalMultiplierPpm: 1_500_000, groups: { vip: 500_000 } }));
    expect(searching.officialPrices('anthropic', 'claude-s').perWebSearch).toBe(10_000);
    expect(searching.salePrices('anthropic', 'claude-s', 'default').perWebSearch).toBe(15_000);
    expect(searching.salePrices('anthropic', 'claude-s', 'vip').perWebSearch).toBe(7_500);
    searching.setRules(rules({ models: { 'claude-s': { fixed: { input: 1, output: 1, perWebSearch: 25_000 } } } }));
    expect(searching.salePrices('anthropic', 'claude-s', 'default')).toMatchObject({
      source: 'fixed',
      perWebSearch: 25_000,
    });
  });

  it('prices image models per call', () => {
    const b = book(rules({ globalMultiplierPpm: 1_250_000 }));
    expect(b.salePrices('openai', 'img-1', 'default')).toMatchObject({ known: true, perImage: 50_000 });
  });

  it("falls back across providers when the channel's vendor name differs from the catalog's", () => {
    const b = book();
    // No `my-proxy` provider in the catalog: the id is found under the vendor its prefix names.
    expect(b.salePrices('my-proxy', 'claude-x', 'default').catalogModel).toEqual({
      provider: 'anthropic',
      id: 'claude-x',
    });
    expect(b.salePrices('my-proxy', 'gpt-y', 'default').catalogModel).toEqual({ provider: 'openai', id: 'gpt-y' });
    expect(b.salePrices('openrouter', 'openai/gpt-y', 'default').catalogModel).toEqual({
      provider: 'openai',
      id: 'gpt-y',
    });
    expect(b.salePrices('vertex', 'claude-x', 'default').catalogModel).toEqual({ provider: 'vertex', id: 'claude-x' });
  });

  it('does not find prototype properties as rules or groups', () => {
    const b = book();
    expect(b.salePrices('openai', 'constructor', 'toString')).toMatchObject({ known: false, multiplierPpm: 1_000_000 });
  });

  it('prices real catalog models (the built-in catalog)', () => {
    const real = new PriceBook(undefined as unknown as Store, getBuiltinCatalog());
    real.setRules(rules({ globalMultiplierPpm: 300_000 }));
    const sale = real.salePrices('openai', 'gpt-4.1-mini', 'default');
    expect(sale).toMatchObject({ known: true, input: 120_000, output: 480_000, cacheRead: 30_000 });
  });

  it('serves repeated lookups from memory, recomputed after a change, and frozen', () => {
    const b = book();
    const first = b.salePrices('openai', 'gpt-y', 'default');
    expect(b.salePrices('openai', 'gpt-y', 'default')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    b.setRules(rules({ globalMultiplierPpm: 2_000_000 }));
    expect(b.salePrices('openai', 'gpt-y', 'default').input).toBe(2_000_000);
    b.setCatalog(new Catalog([model({ provider: 'openai', id: 'gpt-y', prices: { input: 7, output: 7 } })]));
    expect(b.salePrices('openai', 'gpt-y', 'default').input).toBe(14);
  });

  it('notifies listeners on change', () => {
    const b = book();
    let calls = 0;
    const off = b.onChange(() => calls++);
    b.setRules(defaultPriceRules());
    b.setCatalog(catalog);
    off();
    b.setRules(defaultPriceRules());
    expect(calls).toBe(2);
  });
});

describeEachDialect('price rules storage', (store) => {
  it('round-trips rules and replaces them whole', async () => {
    let n = 0;
    const id = (prefix: string) => `${prefix}_${++n}`;
    const first: PriceRules = {
      globalMultiplierPpm: 300_000,
      groups: { vip: 800_000, partner: 500_000 },
      models: {
        'gpt-y': { multiplierPpm: 1_500_000 },
        'azure/gpt-y': { fixed: { input: 1, output: 2, cacheRead: 0 } },
      },
    };
    await savePriceRules(store(), first, 1, id);
    expect(await loadPriceRules(store())).toEqual(first);
    const second: PriceRules = { globalMultiplierPpm: 1_000_000, groups: { vip: 900_000 }, models: {} };
    await savePriceRules(store(), second, 2, id);
    expect(await loadPriceRules(store())).toEqual(second);

    const b = new PriceBook(store(), catalog);
    await b.reload();
    expect(b.salePrices('openai', 'gpt-y', 'vip').input).toBe(900_000);
  });

  it('two admins saving at once do not trip the unique index', async () => {
    const saves = Array.from({ length: 6 }, (_, i) =>
      savePriceRules(
        store(),
        { globalMultiplierPpm: 1_000_000 + i, groups: { [`g${i % 2}`]: 1 }, models: {} },
        3,
        (p) => `${p}_${i}_${Math.random()}`,
      ),
    );
    await Promise.all(saves);
    const rows = await store()
      .db.selectFrom('price_rules')
      .select(['scope', 'target'])
      .where('scope', '=', 'global')
      .execute();
    expect(rows).toHaveLength(1);
  });
});
