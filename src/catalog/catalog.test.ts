import { describe, expect, it } from 'vitest';
import generated from './catalog.generated.json' with { type: 'json' };
import { Catalog, getBuiltinCatalog } from './catalog.js';
import { type CatalogModel, type CatalogModelInput, catalogModelSchema } from './catalog-schema.js';
import { withMediaPrices } from './media-prices.js';

const m = (provider: string, id: string, input = 1, output = 2): CatalogModel =>
  catalogModelSchema.parse({
    provider,
    id,
    mode: 'chat',
    capabilities: {},
    pricesKnown: true,
    prices: { input, output },
  });

describe('Catalog', () => {
  const catalog = new Catalog([
    m('openai', 'gpt-4.1-mini'),
    m('azure', 'gpt-4.1-mini', 3, 4),
    m('openai', 'gpt-4o'),
    m('openrouter', 'openai/gpt-4o'),
  ]);

  it('gets a model by provider and id', () => {
    expect(catalog.get('azure', 'gpt-4.1-mini')?.prices.input).toBe(3);
    expect(catalog.get('openai', 'gpt-4.1-mini')?.prices.input).toBe(1);
    expect(catalog.get('openai', 'GPT-4.1-MINI')).toBeUndefined();
    expect(catalog.get('anthropic', 'gpt-4.1-mini')).toBeUndefined();
    expect(catalog.has('openrouter', 'openai/gpt-4o')).toBe(true);
  });

  it('finds every provider listing an id', () => {
    expect(catalog.findById('gpt-4.1-mini').map((x) => x.provider)).toEqual(['openai', 'azure']);
    expect(catalog.findById('nope')).toEqual([]);
  });

  it('lists by provider, all, size and providers', () => {
    expect(catalog.listByProvider('openai').map((x) => x.id)).toEqual(['gpt-4.1-mini', 'gpt-4o']);
    expect(catalog.listByProvider('nope')).toEqual([]);
    expect(catalog.size).toBe(4);
    expect(catalog.all()).toHaveLength(4);
    expect(catalog.providers()).toEqual(['azure', 'openai', 'openrouter']);
  });

  it('is immutable', () => {
    const model = catalog.get('openai', 'gpt-4o')!;
    expect(Object.isFrozen(model)).toBe(true);
    expect(Object.isFrozen(model.prices)).toBe(true);
    expect(() => {
      (model.prices as { input?: number }).input = 0;
    }).toThrow(TypeError);
    expect(() => (catalog.all() as CatalogModel[]).push(m('x', 'y'))).toThrow(TypeError);
  });

  it('rejects duplicates and invalid data', () => {
    expect(() => new Catalog([m('openai', 'a'), m('openai', 'a')])).toThrow(/duplicate/);
    expect(() => Catalog.fromJson({ version: 1, models: [] })).toThrow();
  });
});

describe('the built-in catalog', () => {
  const catalog = getBuiltinCatalog();

  it('loads once and validates', () => {
    expect(getBuiltinCatalog()).toBe(catalog);
    expect(catalog.size).toBe(withMediaPrices(generated.models as CatalogModelInput[]).length);
  });

  it('has at least 600 models and 15 providers, including every provider AIHub configures', () => {
    expect(catalog.size).toBeGreaterThanOrEqual(600);
    expect(catalog.providers().length).toBeGreaterThanOrEqual(15);
    for (const provider of [
      'openai',
      'anthropic',
      'gemini',
      'deepseek',
      'dashscope',
      'moonshot',
      'zhipu',
      'ark',
      'xai',
      'mistral',
      'groq',
      'openrouter',
      'ollama',
      'vertex',
      'azure',
      'bedrock',
      'cohere',
      'together',
      'fireworks',
      'perplexity',
      'cerebras',
      'deepinfra',
    ]) {
      expect(catalog.listByProvider(provider).length, provider).toBeGreaterThan(0);
    }
  });

  it('is sorted by provider then id (deterministic file)', () => {
    const keys = catalog.all().map((x) => [x.provider, x.id] as const);
    const sorted = [...keys].sort((a, b) => (a[0] !== b[0] ? (a[0] < b[0] ? -1 : 1) : a[1] < b[1] ? -1 : 1));
    expect(keys).toEqual(sorted);
  });

  it('prices gpt-4.1-mini at $0.40 / $1.60 per 1M tokens', () => {
    const model = catalog.get('openai', 'gpt-4.1-mini');
    expect(model).toMatchObject({
      mode: 'chat',
      contextWindow: 1_047_576,
      maxOutputTokens: 32_768,
      pricesKnown: true,
      prices: { input: 400_000, output: 1_600_000, cacheRead: 100_000 },
    });
    expect(model?.capabilities).toMatchObject({ tools: true, vision: true, structuredOutput: true });
  });

  it('knows claude-sonnet-4-5 with its cache and long-context prices', () => {
    const model = catalog.get('anthropic', 'claude-sonnet-4-5');
    expect(model).toMatchObject({
      contextWindow: 200_000,
      maxOutputTokens: 64_000,
      prices: {
        input: 3_000_000,
        output: 15_000_000,
        cacheRead: 300_000,
        cacheWrite: 3_750_000,
        cacheWrite1h: 6_000_000,
      },
    });
    expect(model?.prices.tiers).toEqual([
      {
        aboveInputTokens: 200_000,
        input: 6_000_000,
        output: 22_500_000,
        cacheRead: 600_000,
        cacheWrite: 7_500_000,
        cacheWrite1h: 12_000_000,
      },
    ]);
    expect(model?.capabilities).toMatchObject({
      tools: true,
      vision: true,
      reasoning: true,
      promptCaching: true,
      pdf: true,
    });
  });

  it('knows gemini-2.5-flash-lite with its context window', () => {
    expect(catalog.get('gemini', 'gemini-2.5-flash-lite')).toMatchObject({
      contextWindow: 1_048_576,
      maxOutputTokens: 65_535,
      prices: { input: 100_000, output: 400_000, cacheRead: 10_000, inputAudio: 300_000 },
    });
    expect(catalog.get('gemini', 'gemini-2.5-flash-lite')?.capabilities.audioInput).toBe(true);
  });

  it('uses vendor-native ids and keeps one entry per provider', () => {
    expect(catalog.get('deepseek', 'deepseek-chat')?.prices).toMatchObject({ input: 280_000, output: 420_000 });
    expect(catalog.get('dashscope', 'qwen-plus')?.prices).toMatchObject({ input: 400_000, output: 1_200_000 });
    expect(catalog.get('zhipu', 'glm-4.6')?.prices).toMatchObject({ input: 600_000, output: 2_200_000 });
    expect(catalog.get('xai', 'grok-4')?.prices).toMatchObject({ input: 3_000_000, output: 15_000_000 });
    expect(catalog.get('mistral', 'mistral-large-latest')).toBeDefined();
    expect(catalog.get('groq', 'llama-3.3-70b-versatile')?.prices).toMatchObject({ input: 590_000, output: 790_000 });
    expect(catalog.get('openrouter', 'anthropic/claude-sonnet-4.5')?.prices.input).toBe(3_000_000);
    expect(catalog.listByProvider('moonshot').some((x) => x.id.startsWith('kimi-k2'))).toBe(true);
    expect(catalog.listByProvider('ark').some((x) => x.id.startsWith('doubao-'))).toBe(true);
    expect(catalog.get('vertex', 'gemini-2.5-flash-lite')).toBeDefined();
    // the same native id under several providers is kept for each of them
    const providers = catalog.findById('gemini-2.5-flash-lite').map((x) => x.provider);
    expect(providers).toEqual(expect.arrayContaining(['gemini', 'vertex']));
    // no LiteLLM routing prefixes left on the providers that use bare ids
    for (const provider of [
      'openai',
      'anthropic',
      'gemini',
      'deepseek',
      'dashscope',
      'moonshot',
      'zhipu',
      'xai',
      'mistral',
    ]) {
      for (const model of catalog.listByProvider(provider)) {
        expect(model.id, `${provider}/${model.id}`).not.toMatch(
          /^(?:gemini|deepseek|dashscope|moonshot|zai|xai|mistral|openai)\//,
        );
      }
    }
  });

  it('skips region variants, size variants and fine-tune placeholders', () => {
    for (const model of catalog.all()) {
      expect(model.id).not.toMatch(/^ft:/);
      expect(model.id).not.toMatch(/(?:^|\/)\d+-x-\d+\//);
    }
    expect(catalog.get('bedrock', 'anthropic.claude-3-5-sonnet-20240620-v1:0')).toBeDefined();
    expect(catalog.get('bedrock', 'us.anthropic.claude-3-5-sonnet-20240620-v1:0')).toBeUndefined();
    expect(catalog.get('azure', 'gpt-4o')).toBeDefined();
    expect(catalog.listByProvider('azure').filter((x) => /^(?:eu|us|global)\//.test(x.id))).toEqual([]);
  });

  it('marks unknown prices instead of inventing zeros, and keeps real zeros', () => {
    for (const model of catalog.all()) {
      if (model.mode === 'chat' && model.pricesKnown) {
        expect(model.prices.input, `${model.provider}/${model.id}`).toBeTypeOf('number');
        expect(model.prices.output, `${model.provider}/${model.id}`).toBeTypeOf('number');
      }
    }
    expect(catalog.get('ollama', 'llama3')).toMatchObject({ pricesKnown: true, prices: { input: 0, output: 0 } });
    const placeholder = catalog.get('ark', 'deepseek-v3-2-251201');
    expect(placeholder?.pricesKnown).toBe(false);
    expect(placeholder?.prices.input).toBeUndefined();
  });
});
