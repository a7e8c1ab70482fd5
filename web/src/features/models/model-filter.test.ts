import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTER, filterModels, kindCounts, providerCounts, toRows } from './model-filter';
import type { CatalogModel } from './types';

const model = (provider: string, id: string, extra: Partial<CatalogModel> = {}): CatalogModel => ({
  id,
  provider,
  kind: 'chat',
  capabilities: { vision: false, tools: true },
  pricesKnown: true,
  official: { input: 1_000_000, output: 2_000_000 },
  sale: { input: 1_000_000, output: 2_000_000, source: 'official×multiplier' },
  ...extra,
});

const catalog = [
  model('openai', 'gpt-4o', { capabilities: { vision: true, tools: true }, contextWindow: 128_000 }),
  model('azure', 'gpt-4o', { capabilities: { vision: true, tools: true } }),
  model('anthropic', 'claude-sonnet-4-5', { sale: { input: 3_000_000, output: 15_000_000, source: 'fixed' } }),
  model('mistral', 'mistral-large', { pricesKnown: false, official: null, sale: null, contextWindow: 256_000 }),
  model('together', 'Qwen/Qwen3-235B'),
];
const routable = [
  { id: 'gpt-4o', object: 'model' as const, created: 0, owned_by: 'openai' },
  { id: 'claude-sonnet-4-5', object: 'model' as const, created: 0, owned_by: 'anthropic' },
  // No catalog entry under this vendor: every entry of the id counts.
  { id: 'Qwen/Qwen3-235B', object: 'model' as const, created: 0, owned_by: 'siliconflow' },
];

describe('model filter', () => {
  const rows = toRows(catalog, routable);

  it('marks the entry of the routing vendor available, not every provider of the id', () => {
    const available = rows.filter((row) => row.available).map((row) => `${row.provider}/${row.id}`);
    expect(available).toEqual(['openai/gpt-4o', 'anthropic/claude-sonnet-4-5', 'together/Qwen/Qwen3-235B']);
  });

  it('shows only available models by default, sorted by id', () => {
    expect(filterModels(rows, DEFAULT_FILTER).map((row) => row.id)).toEqual([
      'claude-sonnet-4-5',
      'gpt-4o',
      'Qwen/Qwen3-235B',
    ]);
  });

  it('searches every word in provider/id, case-insensitively', () => {
    const all = { ...DEFAULT_FILTER, availableOnly: false };
    expect(filterModels(rows, { ...all, search: 'GPT azure' }).map((row) => row.provider)).toEqual(['azure']);
    expect(filterModels(rows, { ...all, search: 'qwen/' })).toHaveLength(1);
    expect(filterModels(rows, { ...all, search: 'nothing-like-it' })).toHaveLength(0);
  });

  it('filters by provider and by capabilities (all of them)', () => {
    const all = { ...DEFAULT_FILTER, availableOnly: false };
    expect(filterModels(rows, { ...all, provider: 'azure' }).map((row) => row.provider)).toEqual(['azure']);
    expect(filterModels(rows, { ...all, capabilities: ['vision', 'tools'] })).toHaveLength(2);
  });

  it('sorts by price with unknown prices last, and by context window largest first', () => {
    const all = { ...DEFAULT_FILTER, availableOnly: false };
    const byInput = filterModels(rows, { ...all, sort: 'inputPrice' }).map((row) => row.id);
    expect(byInput.at(-1)).toBe('mistral-large');
    expect(byInput.at(-2)).toBe('claude-sonnet-4-5');
    expect(filterModels(rows, { ...all, sort: 'context' }).map((row) => row.id)[0]).toBe('mistral-large');
  });

  it('counts models per provider', () => {
    expect(providerCounts(rows, false)).toHaveLength(5);
    expect(providerCounts(rows, true).map((entry) => entry.provider)).toEqual(['anthropic', 'openai', 'together']);
  });

  describe('by kind', () => {
    const mixed = toRows(
      [
        ...catalog,
        model('openai', 'text-embedding-3-small', { kind: 'embedding' }),
        model('openai', 'gpt-image-1', { kind: 'image' }),
        model('cohere', 'rerank-v3.5', { kind: 'rerank' }),
      ],
      [...routable, { id: 'text-embedding-3-small', object: 'model' as const, created: 0, owned_by: 'openai' }],
    );
    const all = { ...DEFAULT_FILTER, availableOnly: false };

    it('keeps every kind by default and only the chosen kind otherwise', () => {
      expect(filterModels(mixed, all)).toHaveLength(8);
      expect(filterModels(mixed, { ...all, kind: 'image' }).map((row) => row.id)).toEqual(['gpt-image-1']);
      expect(filterModels(mixed, { ...DEFAULT_FILTER, kind: 'embedding' }).map((row) => row.id)).toEqual([
        'text-embedding-3-small',
      ]);
      expect(filterModels(mixed, { ...DEFAULT_FILTER, kind: 'image' })).toEqual([]);
    });

    it('counts models per kind, in the picker’s order, leaving out empty kinds', () => {
      expect(kindCounts(mixed, false)).toEqual([
        { kind: 'chat', count: 5 },
        { kind: 'embedding', count: 1 },
        { kind: 'image', count: 1 },
        { kind: 'rerank', count: 1 },
      ]);
      expect(kindCounts(mixed, true)).toEqual([
        { kind: 'chat', count: 3 },
        { kind: 'embedding', count: 1 },
      ]);
    });
  });
});
