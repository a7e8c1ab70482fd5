import { describe, expect, it } from 'vitest';
import {
  type CatalogEntry,
  chatModels,
  filterModels,
  formatContextWindow,
  joinModels,
  priceLine,
  providersOf,
} from './model-list';

const entry = (id: string, provider: string, extra: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id,
  provider,
  kind: 'chat',
  capabilities: {},
  pricesKnown: true,
  official: { input: 1, output: 2 },
  sale: { input: 1, output: 2, source: 'official×multiplier' },
  ...extra,
});

describe('joinModels', () => {
  const catalog = [
    entry('gpt-4o-mini', 'azure', { sale: { input: 9, output: 9, source: 'fixed' }, contextWindow: 1 }),
    entry('gpt-4o-mini', 'openai', { contextWindow: 128_000, capabilities: { vision: true } }),
    entry('claude-x', 'anthropic', { pricesKnown: false, sale: null }),
  ];

  it('takes the entry of the vendor that serves the model, and sorts by provider then id', () => {
    const models = joinModels(
      [
        { id: 'gpt-4o-mini', owned_by: 'openai' },
        { id: 'claude-x', owned_by: 'anthropic' },
        { id: 'mystery', owned_by: 'custom' },
        { id: 'gpt-4o-mini', owned_by: 'openai' },
      ],
      catalog,
    );
    expect(models.map((model) => model.id)).toEqual(['claude-x', 'mystery', 'gpt-4o-mini']);
    const mini = models.find((model) => model.id === 'gpt-4o-mini')!;
    expect(mini).toMatchObject({ provider: 'openai', contextWindow: 128_000, price: { input: 1 }, inCatalog: true });
    expect(mini.capabilities.vision).toBe(true);
    expect(models.find((model) => model.id === 'claude-x')).toMatchObject({ pricesKnown: false, price: null });
    expect(models.find((model) => model.id === 'mystery')).toMatchObject({ inCatalog: false, pricesKnown: false });
  });

  it('falls back to a priced entry of the same id when the vendor has none', () => {
    const [model] = joinModels([{ id: 'gpt-4o-mini', owned_by: 'proxy' }], catalog);
    expect(model).toMatchObject({ provider: 'proxy', price: { input: 9 } });
  });
});

describe('filterModels', () => {
  const models = joinModels(
    [
      { id: 'gpt-4o-mini', owned_by: 'openai' },
      { id: 'o3', owned_by: 'openai' },
      { id: 'claude-sonnet', owned_by: 'anthropic' },
    ],
    [
      entry('gpt-4o-mini', 'openai', { capabilities: { vision: true, tools: true } }),
      entry('o3', 'openai', { capabilities: { reasoning: true, tools: true } }),
      entry('claude-sonnet', 'anthropic', { capabilities: { reasoning: true, vision: true } }),
    ],
  );
  const ids = (filter: Parameters<typeof filterModels>[1]) => filterModels(models, filter).map((model) => model.id);

  it('matches every word of the query against provider/id', () => {
    expect(ids({ query: 'GPT mini', provider: null, capabilities: [] })).toEqual(['gpt-4o-mini']);
    expect(ids({ query: 'anthropic', provider: null, capabilities: [] })).toEqual(['claude-sonnet']);
  });

  it('narrows by provider and by every capability asked', () => {
    expect(ids({ query: '', provider: 'openai', capabilities: ['reasoning'] })).toEqual(['o3']);
    expect(ids({ query: '', provider: null, capabilities: ['reasoning', 'vision'] })).toEqual(['claude-sonnet']);
  });

  it('counts providers, most models first', () => {
    expect(providersOf(models)).toEqual([
      { provider: 'openai', count: 2 },
      { provider: 'anthropic', count: 1 },
    ]);
  });
});

it('formats context windows compactly', () => {
  expect(formatContextWindow(undefined)).toBeNull();
  expect(formatContextWindow(8192)).toBe('8K');
  expect(formatContextWindow(128_000)).toBe('128K');
  expect(formatContextWindow(1_000_000)).toBe('1M');
  expect(formatContextWindow(1_048_576)).toBe('1M');
  expect(formatContextWindow(2_500_000)).toBe('2.5M');
});

describe('chatModels', () => {
  it('offers chat models only, taking a model without a kind (an older server) for chat', () => {
    const routable = [
      { id: 'gpt-4.1-mini', kind: 'chat' },
      { id: 'text-embedding-3-small', kind: 'embedding' },
      { id: 'legacy-model' },
      { id: 'gpt-image-1', kind: 'image' },
    ];
    expect(chatModels(routable).map((model) => model.id)).toEqual(['gpt-4.1-mini', 'legacy-model']);
  });
});

describe('priceLine', () => {
  it('states token prices per 1M in and out', () => {
    expect(priceLine({ input: 2_000_000, output: 8_000_000 })).toEqual({
      kind: 'tokens',
      input: 2_000_000,
      output: 8_000_000,
    });
  });

  it('states a model sold by the unit at its lowest unit price, "from" when sizes differ', () => {
    expect(priceLine({ perUnit: { 'image:1024x1024:standard': 40_000, 'image:1024x1792:hd': 120_000 } })).toEqual({
      kind: 'perImage',
      units: 40_000,
      from: true,
    });
    expect(priceLine({ perUnit: { 'video_second:720x1280': 100_000 } })).toEqual({
      kind: 'perSecond',
      units: 100_000,
      from: false,
    });
    expect(priceLine({ perUnit: { audio_second: 100 } })).toMatchObject({ kind: 'perSecond', units: 100 });
    expect(priceLine({ perUnit: { search: 2_000 } })).toMatchObject({ kind: 'perSearch', units: 2_000 });
  });

  it('states characters per 1M (tts-1: 15 units a character is $15 per 1M)', () => {
    expect(priceLine({ perUnit: { character: 15 } })).toEqual({
      kind: 'perMillionCharacters',
      units: 15_000_000,
      from: false,
    });
  });

  it('falls back to the catalog’s per-image and per-request prices', () => {
    expect(priceLine({ perImage: 40_000 })).toEqual({ kind: 'perImage', units: 40_000, from: false });
    expect(priceLine({ perRequest: 2_000 })).toEqual({ kind: 'perRequest', units: 2_000, from: false });
  });

  it('keeps token prices first when a model has both (Gemini image models)', () => {
    expect(priceLine({ input: 300_000, output: 2_500_000, perImage: 39_000 }).kind).toBe('tokens');
  });
});
