import { describe, expect, it } from 'vitest';
import { catalogFileSchema } from './catalog-schema.js';
import { convertLitellm, convertPrices, mapProvider, nativeId, serializeCatalog } from './litellm-import.js';

const source = {
  name: 'fixture',
  url: 'https://example.com/model_prices.json',
  license: 'MIT',
  copyright: 'Copyright (c) 2023 Berri AI',
  sha256: '0'.repeat(64),
  generator: 'test',
};

/** A small LiteLLM-shaped fixture covering the conversion rules. */
const fixture = {
  sample_spec: { litellm_provider: 'one of https://docs.litellm.ai/docs/providers', mode: 'chat' },
  'gpt-4.1-mini': {
    litellm_provider: 'openai',
    mode: 'chat',
    max_input_tokens: 1047576,
    max_output_tokens: 32768,
    max_tokens: 32768,
    input_cost_per_token: 4e-7,
    output_cost_per_token: 0.0000016,
    cache_read_input_token_cost: 1e-7,
    input_cost_per_token_priority: 7e-7,
    supports_function_calling: true,
    supports_vision: true,
    supports_response_schema: true,
  },
  'ft:gpt-4.1-mini-2025-04-14': { litellm_provider: 'openai', mode: 'chat', input_cost_per_token: 8e-7 },
  'hd/1024-x-1024/dall-e-3': { litellm_provider: 'openai', mode: 'image_generation', input_cost_per_pixel: 7.629e-8 },
  'dall-e-3': { litellm_provider: 'openai', mode: 'image_generation', input_cost_per_image: 0.04 },
  'o3-pro': {
    litellm_provider: 'openai',
    mode: 'responses',
    input_cost_per_token: 0.00002,
    output_cost_per_token: 0.00008,
  },
  'gemini/gemini-2.5-pro': {
    litellm_provider: 'gemini',
    mode: 'chat',
    max_input_tokens: 1048576,
    max_output_tokens: 65535,
    input_cost_per_token: 0.00000125,
    output_cost_per_token: 0.00001,
    output_cost_per_reasoning_token: 0.00001,
    input_cost_per_token_above_200k_tokens: 0.0000025,
    output_cost_per_token_above_200k_tokens: 0.000015,
    input_cost_per_token_above_200k_tokens_priority: 0.0000025,
    supported_modalities: ['text', 'image', 'audio'],
  },
  'gemini-2.5-pro': {
    litellm_provider: 'vertex_ai-language-models',
    mode: 'chat',
    input_cost_per_token: 0.00000125,
    output_cost_per_token: 0.00001,
  },
  'deepseek-chat': {
    litellm_provider: 'deepseek',
    mode: 'chat',
    input_cost_per_token: 2.8e-7,
    output_cost_per_token: 4.2e-7,
  },
  'deepseek/deepseek-chat': {
    litellm_provider: 'deepseek',
    mode: 'chat',
    input_cost_per_token: 2.8e-7,
    output_cost_per_token: 4.2e-7,
    input_cost_per_token_cache_hit: 2.8e-8,
    supports_assistant_prefill: true,
  },
  'dashscope/qwen3-max': {
    litellm_provider: 'dashscope',
    mode: 'chat',
    max_input_tokens: 258048,
    tiered_pricing: [
      { input_cost_per_token: 0.0000024, output_cost_per_token: 0.000012, range: [32000, 128000] },
      { input_cost_per_token: 0.0000012, output_cost_per_token: 0.000006, range: [0, 32000] },
    ],
  },
  'volcengine/doubao-seed-2-0-pro-260215': {
    litellm_provider: 'volcengine',
    mode: 'chat',
    tiered_pricing: [{ input_cost_per_token: 4.6e-7, output_cost_per_token: 0.0000023, range: [0, 32000] }],
  },
  'deepseek-v3-2-251201': {
    litellm_provider: 'volcengine',
    mode: 'chat',
    input_cost_per_token: 0,
    output_cost_per_token: 0,
  },
  'ollama/llama3': { litellm_provider: 'ollama', mode: 'chat', input_cost_per_token: 0, output_cost_per_token: 0 },
  'openrouter/anthropic/claude-sonnet-4.5': {
    litellm_provider: 'openrouter',
    mode: 'chat',
    input_cost_per_token: 0.000003,
    output_cost_per_token: 0.000015,
    input_cost_per_image: 0.0048,
  },
  'anthropic.claude-3-5-sonnet-20240620-v1:0': {
    litellm_provider: 'bedrock',
    mode: 'chat',
    input_cost_per_token: 0.000003,
    output_cost_per_token: 0.000015,
  },
  'us.anthropic.claude-3-5-sonnet-20240620-v1:0': {
    litellm_provider: 'bedrock',
    mode: 'chat',
    input_cost_per_token: 0.000003,
    output_cost_per_token: 0.000015,
  },
  'us.amazon.nova-premier-v1:0': {
    litellm_provider: 'bedrock_converse',
    mode: 'chat',
    input_cost_per_token: 0.0000025,
    output_cost_per_token: 0.0000125,
  },
  'bedrock/us-east-1/anthropic.claude-v2:1': {
    litellm_provider: 'bedrock',
    mode: 'chat',
    input_cost_per_token: 0.000008,
    output_cost_per_token: 0.000024,
  },
  'azure/gpt-4o': {
    litellm_provider: 'azure',
    mode: 'chat',
    input_cost_per_token: 0.0000025,
    output_cost_per_token: 0.00001,
  },
  'azure/eu/gpt-4o-2024-08-06': {
    litellm_provider: 'azure',
    mode: 'chat',
    input_cost_per_token: 0.00000275,
    output_cost_per_token: 0.000011,
  },
  'fireworks-ai-up-to-4b': { litellm_provider: 'fireworks_ai', input_cost_per_token: 2e-7 },
  'tavily/search': { litellm_provider: 'tavily', mode: 'search', input_cost_per_query: 0.008 },
  'github_copilot/gpt-4.1': { litellm_provider: 'github_copilot', mode: 'chat' },
  'newvendor/model-x': { litellm_provider: 'newvendor', mode: 'chat' },
  'cohere/rerank-v3.5': { litellm_provider: 'cohere', mode: 'rerank', input_cost_per_query: 0.002 },
  'whisper-1': {
    litellm_provider: 'openai',
    mode: 'audio_transcription',
    input_cost_per_second: 0.0001,
    output_cost_per_second: 0.0001,
  },
  'tts-1': { litellm_provider: 'openai', mode: 'audio_speech', input_cost_per_character: 0.000015 },
  'moonshot/kimi-k2-0905-preview': {
    litellm_provider: 'moonshot',
    mode: 'chat',
    input_cost_per_token: 6e-7,
    output_cost_per_token: 0.0000025,
    deprecation_date: '2026-05-25',
  },
  'zai/glm-4.6': {
    litellm_provider: 'zai',
    mode: 'chat',
    input_cost_per_token: 6e-7,
    output_cost_per_token: 0.0000022,
  },
  'ai21/legacy': { litellm_provider: 'ai21', mode: 'chat', max_input_tokens: 8192, max_tokens: 4096 },
};

describe('mapProvider / nativeId', () => {
  it('maps LiteLLM provider names to ours', () => {
    expect(mapProvider('zai')?.provider).toBe('zhipu');
    expect(mapProvider('volcengine')?.provider).toBe('ark');
    expect(mapProvider('vertex_ai-anthropic_models')?.provider).toBe('vertex');
    expect(mapProvider('together_ai')?.provider).toBe('together');
    expect(mapProvider('bedrock_converse')?.provider).toBe('bedrock');
    expect(mapProvider('nonexistent')).toBeUndefined();
    expect(mapProvider('toString')).toBeUndefined();
  });

  it('strips routing prefixes to the vendor-native id', () => {
    expect(nativeId('gemini/gemini-2.5-flash', 'gemini', 'gemini')).toEqual({ id: 'gemini-2.5-flash' });
    expect(nativeId('deepseek/deepseek-chat', 'deepseek', 'deepseek')).toEqual({ id: 'deepseek-chat' });
    expect(nativeId('openrouter/anthropic/claude-sonnet-4.5', 'openrouter', 'openrouter')).toEqual({
      id: 'anthropic/claude-sonnet-4.5',
    });
    expect(nativeId('openrouter/openrouter/auto', 'openrouter', 'openrouter')).toEqual({ id: 'openrouter/auto' });
    expect(nativeId('vertex_ai/claude-sonnet-4-5@20250929', 'vertex_ai-anthropic_models', 'vertex')).toEqual({
      id: 'claude-sonnet-4-5@20250929',
    });
    expect(nativeId('fireworks_ai/accounts/fireworks/models/qwen3-8b', 'fireworks_ai', 'fireworks')).toEqual({
      id: 'accounts/fireworks/models/qwen3-8b',
    });
    expect(nativeId('gpt-4o', 'openai', 'openai')).toEqual({ id: 'gpt-4o' });
  });

  it('skips variants and placeholders', () => {
    expect(nativeId('ft:gpt-4o-2024-08-06', 'openai', 'openai')).toEqual({ skip: 'fine-tune-placeholder' });
    expect(nativeId('low/1024-x-1536/gpt-image-1', 'openai', 'openai')).toEqual({ skip: 'size-variant' });
    expect(nativeId('max-x-max/50-steps/stability.stable-diffusion-xl-v0', 'bedrock', 'bedrock')).toEqual({
      skip: 'size-variant',
    });
    expect(nativeId('bedrock/eu-central-1/anthropic.claude-v1', 'bedrock', 'bedrock')).toEqual({
      skip: 'region-variant',
    });
    expect(nativeId('bedrock/*/1-month-commitment/cohere.command-text-v14', 'bedrock', 'bedrock')).toEqual({
      skip: 'region-variant',
    });
    expect(nativeId('azure/global-standard/gpt-4o-mini', 'azure', 'azure')).toEqual({ skip: 'region-variant' });
    expect(nativeId('azure_ai/global/grok-3', 'azure_ai', 'azure-ai')).toEqual({ skip: 'region-variant' });
    expect(nativeId('together-ai-21.1b-41b', 'together_ai', 'together')).toEqual({ skip: 'pricing-bucket' });
    expect(nativeId('openai/container', 'openai', 'openai')).toEqual({ skip: 'not-a-model' });
  });
});

describe('convertPrices', () => {
  const notes = () => ({ inexact: [] as string[], derived: [] as string[] });

  it('converts per-token USD to exact units per 1M tokens and ignores priority/batch prices', () => {
    expect(convertPrices(fixture['gpt-4.1-mini'], 'chat', 'x', notes())).toEqual({
      input: 400_000,
      output: 1_600_000,
      cacheRead: 100_000,
    });
  });

  it('keeps a reasoning price only when it differs from output, and builds long-context tiers', () => {
    expect(convertPrices(fixture['gemini/gemini-2.5-pro'], 'chat', 'x', notes())).toEqual({
      input: 1_250_000,
      output: 10_000_000,
      tiers: [{ aboveInputTokens: 200_000, input: 2_500_000, output: 15_000_000 }],
    });
    expect(
      convertPrices(
        { input_cost_per_token: 1e-7, output_cost_per_token: 4e-7, output_cost_per_reasoning_token: 0.0000035 },
        'chat',
        'x',
        notes(),
      ),
    ).toEqual({ input: 100_000, output: 400_000, reasoning: 3_500_000 });
  });

  it('reads tiered_pricing bands: the band from 0 is the base price', () => {
    expect(convertPrices(fixture['dashscope/qwen3-max'], 'chat', 'x', notes())).toEqual({
      input: 1_200_000,
      output: 6_000_000,
      tiers: [{ aboveInputTokens: 32_000, input: 2_400_000, output: 12_000_000 }],
    });
  });

  it('prices images, requests, characters and seconds', () => {
    expect(convertPrices(fixture['dall-e-3'], 'image_generation', 'x', notes())).toEqual({ perImage: 40_000 });
    expect(convertPrices(fixture['openrouter/anthropic/claude-sonnet-4.5'], 'chat', 'x', notes())).toMatchObject({
      perInputImage: 4_800,
    });
    expect(convertPrices(fixture['cohere/rerank-v3.5'], 'rerank', 'x', notes())).toEqual({ perRequest: 2_000 });
    expect(convertPrices(fixture['tts-1'], 'audio_speech', 'x', notes())).toEqual({ inputCharacters: 15_000_000 });
    expect(convertPrices(fixture['whisper-1'], 'audio_transcription', 'x', notes())).toEqual({
      inputSeconds: 100_000_000,
    });
  });

  it("prices a web search from search_context_cost_per_query's medium size, in units per search", () => {
    const bySize = {
      search_context_size_low: 0.025,
      search_context_size_medium: 0.0275,
      search_context_size_high: 0.03,
    };
    const entry = { input_cost_per_token: 0.000003, output_cost_per_token: 0.000015 };
    expect(convertPrices({ ...entry, search_context_cost_per_query: bySize }, 'chat', 'x', notes()).perWebSearch).toBe(
      27_500,
    );
    // Anthropic's "$10 per 1,000 searches" as LiteLLM lists it.
    const anthropic = {
      search_context_size_low: 0.01,
      search_context_size_medium: 0.01,
      search_context_size_high: 0.01,
    };
    expect(
      convertPrices({ ...entry, search_context_cost_per_query: anthropic }, 'chat', 'x', notes()).perWebSearch,
    ).toBe(10_000);
    expect(convertPrices(entry, 'chat', 'x', notes()).perWebSearch).toBeUndefined();
  });

  it('records rounded prices', () => {
    const n = notes();
    expect(convertPrices({ input_cost_per_token: 0.0000025000001 }, 'chat', 'm', n)).toEqual({ input: 2_500_000 });
    expect(n.inexact).toEqual(['m.input_cost_per_token']);
  });
});

describe('convertLitellm', () => {
  const { catalog, report } = convertLitellm(fixture, source);
  const get = (provider: string, id: string) => catalog.models.find((m) => m.provider === provider && m.id === id);

  it('produces a file that passes the schema, sorted by provider then id', () => {
    expect(catalogFileSchema.safeParse(catalog).success).toBe(true);
    const keys = catalog.models.map((m) => `${m.provider} ${m.id}`);
    expect(keys).toEqual([...keys].sort());
    expect(catalog.source.entries).toBe(Object.keys(fixture).length - 1);
  });

  it('converts a chat model with capabilities and limits', () => {
    expect(get('openai', 'gpt-4.1-mini')).toEqual({
      provider: 'openai',
      id: 'gpt-4.1-mini',
      mode: 'chat',
      contextWindow: 1_047_576,
      maxOutputTokens: 32_768,
      capabilities: { tools: true, vision: true, structuredOutput: true },
      pricesKnown: true,
      prices: { input: 400_000, output: 1_600_000, cacheRead: 100_000 },
    });
    expect(get('gemini', 'gemini-2.5-pro')?.capabilities).toEqual({ vision: true, audioInput: true });
    expect(get('ai21', 'legacy')).toMatchObject({ contextWindow: 8192, maxOutputTokens: 4096, pricesKnown: false });
  });

  it('maps modes and endpoints', () => {
    expect(get('openai', 'o3-pro')).toMatchObject({ mode: 'chat', endpoint: 'responses' });
    expect(get('openai', 'dall-e-3')).toMatchObject({ mode: 'image', pricesKnown: true });
    expect(get('openai', 'whisper-1')).toMatchObject({ mode: 'audio' });
    expect(get('cohere', 'rerank-v3.5')).toMatchObject({ mode: 'rerank' });
  });

  it('keeps the same id under two providers, and one entry per provider + id', () => {
    expect(get('gemini', 'gemini-2.5-pro')).toBeDefined();
    expect(get('vertex', 'gemini-2.5-pro')).toBeDefined();
    expect(catalog.models.filter((m) => m.provider === 'deepseek' && m.id === 'deepseek-chat')).toHaveLength(1);
    // the entry with more facts wins
    expect(get('deepseek', 'deepseek-chat')?.prices.cacheRead).toBe(28_000);
    expect(report.duplicates).toEqual([{ dropped: 'deepseek-chat', kept: 'deepseek/deepseek-chat' }]);
  });

  it('skips region variants, keeps region-only Bedrock profiles', () => {
    expect(get('bedrock', 'anthropic.claude-3-5-sonnet-20240620-v1:0')).toBeDefined();
    expect(get('bedrock', 'us.anthropic.claude-3-5-sonnet-20240620-v1:0')).toBeUndefined();
    expect(get('bedrock', 'us.amazon.nova-premier-v1:0')).toBeDefined();
    expect(catalog.models.some((m) => m.id.includes('us-east-1'))).toBe(false);
    expect(get('azure', 'gpt-4o')).toBeDefined();
    expect(catalog.models.some((m) => m.provider === 'azure' && m.id.startsWith('eu/'))).toBe(false);
  });

  it('skips non-models and reports unknown providers', () => {
    expect(catalog.models.some((m) => m.id.startsWith('ft:'))).toBe(false);
    expect(catalog.models.some((m) => m.id.includes('1024-x-1024'))).toBe(false);
    expect(catalog.models.some((m) => m.provider === 'tavily' || m.provider === 'github_copilot')).toBe(false);
    expect(report.unknownProviders).toEqual(['newvendor']);
    expect(report.skipped).toMatchObject({
      'fine-tune-placeholder': 1,
      'size-variant': 1,
      'pricing-bucket': 1,
      'skipped-provider': 2,
      'unknown-provider': 1,
      'region-variant': 3,
      duplicate: 1,
    });
  });

  it('treats placeholder zeros as unknown and real zeros as free', () => {
    expect(get('ark', 'deepseek-v3-2-251201')).toMatchObject({ pricesKnown: false, prices: {} });
    expect(get('ollama', 'llama3')).toMatchObject({ pricesKnown: true, prices: { input: 0, output: 0 } });
    expect(get('ark', 'doubao-seed-2-0-pro-260215')).toMatchObject({
      pricesKnown: true,
      prices: { input: 460_000, output: 2_300_000 },
    });
  });

  it('keeps deprecation dates and maps zai to zhipu', () => {
    expect(get('moonshot', 'kimi-k2-0905-preview')?.deprecationDate).toBe('2026-05-25');
    expect(get('zhipu', 'glm-4.6')?.prices).toEqual({ input: 600_000, output: 2_200_000 });
  });

  it('serializes deterministically, one model per line', () => {
    const text = serializeCatalog(catalog);
    expect(serializeCatalog(convertLitellm(fixture, source).catalog)).toBe(text);
    expect(JSON.parse(text)).toEqual(catalog);
    const modelLines = text.split('\n').filter((line) => line.startsWith('    {'));
    expect(modelLines).toHaveLength(catalog.models.length);
  });

  it('rejects non-object input', () => {
    expect(() => convertLitellm([], source)).toThrow(TypeError);
  });
});
