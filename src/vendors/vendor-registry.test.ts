import { describe, expect, it } from 'vitest';
import { globToRegExp } from '../routing/glob.js';
import { BUILTIN_VENDORS } from './builtin-vendors.js';
import type { VendorEntry } from './vendor-entry.js';
import { builtinVendors, VendorRegistry } from './vendor-registry.js';

describe('the built-in vendors', () => {
  it('keep the start-up contract: key and base-URL variables and default URLs (README, DESIGN.md §4)', () => {
    expect(
      builtinVendors.vendors.map((vendor) => [vendor.name, vendor.envKey, vendor.envBaseUrl, vendor.defaultBaseUrl]),
    ).toEqual([
      ['openai', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'https://api.openai.com/v1'],
      ['anthropic', 'ANTHROPIC_API_KEY', 'ANTHROPIC_BASE_URL', 'https://api.anthropic.com'],
      ['gemini', 'GEMINI_API_KEY', 'GEMINI_BASE_URL', 'https://generativelanguage.googleapis.com'],
      ['deepseek', 'DEEPSEEK_API_KEY', 'DEEPSEEK_BASE_URL', 'https://api.deepseek.com/v1'],
      ['dashscope', 'DASHSCOPE_API_KEY', 'DASHSCOPE_BASE_URL', 'https://dashscope.aliyuncs.com/compatible-mode/v1'],
      ['moonshot', 'MOONSHOT_API_KEY', 'MOONSHOT_BASE_URL', 'https://api.moonshot.cn/v1'],
      ['zhipu', 'ZHIPU_API_KEY', 'ZHIPU_BASE_URL', 'https://open.bigmodel.cn/api/paas/v4'],
      ['ark', 'ARK_API_KEY', 'ARK_BASE_URL', 'https://ark.cn-beijing.volces.com/api/v3'],
      ['xai', 'XAI_API_KEY', 'XAI_BASE_URL', 'https://api.x.ai/v1'],
      ['mistral', 'MISTRAL_API_KEY', 'MISTRAL_BASE_URL', 'https://api.mistral.ai/v1'],
      ['groq', 'GROQ_API_KEY', 'GROQ_BASE_URL', 'https://api.groq.com/openai/v1'],
      ['openrouter', 'OPENROUTER_API_KEY', 'OPENROUTER_BASE_URL', 'https://openrouter.ai/api/v1'],
      // Added in the console only: no environment variables, so the start-up contract is unchanged.
      ['siliconflow', undefined, undefined, 'https://api.siliconflow.cn/v1'],
      ['cohere', 'COHERE_API_KEY', 'COHERE_BASE_URL', 'https://api.cohere.com'],
      ['jina', 'JINA_API_KEY', 'JINA_BASE_URL', 'https://api.jina.ai/v1'],
      ['ollama', undefined, 'OLLAMA_BASE_URL', 'http://127.0.0.1:11434/v1'],
      ['midjourney', 'MIDJOURNEY_API_KEY', 'MIDJOURNEY_BASE_URL', null],
      ['custom', undefined, undefined, null],
    ]);
  });

  it('give OpenAI-compatible vendors quirks named after them, and no one else', () => {
    for (const vendor of builtinVendors.vendors) {
      if (vendor.provider === 'openai') expect(vendor.compat?.name).toBe(vendor.name);
      else expect(vendor.compat).toBeUndefined();
    }
  });

  it('have a test model among their own model globs, or none', () => {
    for (const vendor of builtinVendors.vendors) {
      const { testModel } = vendor;
      if (!testModel || vendor.modelGlobs.length === 0) continue;
      expect(builtinVendors.vendorForModelId(testModel), vendor.name).toBe(vendor.name);
    }
  });

  it('cannot be changed at run time', () => {
    const openai = builtinVendors.find('openai');
    expect(Object.isFrozen(openai)).toBe(true);
    expect(Object.isFrozen(openai?.modelGlobs)).toBe(true);
  });
});

describe('vendorForModelId', () => {
  it.each([
    ['gpt-5.9-turbo', 'openai'],
    ['chatgpt-4o-latest', 'openai'],
    ['o1', 'openai'],
    ['o3-mini', 'openai'],
    ['o4-mini-2025-04-16', 'openai'],
    ['text-embedding-3-large', 'openai'],
    ['dall-e-3', 'openai'],
    ['whisper-1', 'openai'],
    ['tts-1-hd', 'openai'],
    ['claude-sonnet-9', 'anthropic'],
    ['gemini-9-flash', 'gemini'],
    ['gemma-3-27b-it', 'gemini'],
    ['learnlm-2.0-flash-experimental', 'gemini'],
    ['imagen-4.0-generate-001', 'gemini'],
    ['deepseek-v9', 'deepseek'],
    ['qwen-max', 'dashscope'],
    ['qwen3-coder-plus', 'dashscope'],
    ['qwq-plus', 'dashscope'],
    ['moonshot-v1-8k', 'moonshot'],
    ['kimi-k3', 'moonshot'],
    ['glm-5', 'zhipu'],
    ['doubao-seed-9', 'ark'],
    ['grok-9', 'xai'],
    ['mistral-large-latest', 'mistral'],
    ['codestral-latest', 'mistral'],
    ['pixtral-large-latest', 'mistral'],
    ['magistral-medium-latest', 'mistral'],
    ['ministral-8b-latest', 'mistral'],
    ['open-mistral-nemo', 'mistral'],
    ['open-mixtral-8x22b', 'mistral'],
    ['voxtral-small-latest', 'mistral'],
    ['devstral-small-latest', 'mistral'],
    ['GPT-4O', 'openai'],
  ])('%s → %s', (id, vendor) => {
    expect(builtinVendors.vendorForModelId(id)).toBe(vendor);
  });

  it.each([['llama-3.3-70b'], ['meta-llama/llama-3.3-70b'], ['openai/gpt-4o'], [''], ['omni']])(
    '%s → undefined',
    (id) => {
      expect(builtinVendors.vendorForModelId(id)).toBeUndefined();
    },
  );

  // Routing and pricing once kept their own lists, and Mistral's differed (`open-mixtral-*` and
  // `voxtral-*` were priced as Mistral's but not routed to a Mistral channel).
  it('recognises a chat model exactly when routing sends it to the vendor by default', () => {
    for (const id of ['open-mixtral-8x7b', 'voxtral-mini-latest', 'mistral-medium-3', 'gpt-9', 'qwen9']) {
      const vendor = builtinVendors.vendorForModelId(id) ?? '';
      expect(
        builtinVendors.modelGlobs(vendor).some((glob) => globToRegExp(glob).test(id)),
        id,
      ).toBe(true);
    }
  });
});

describe('VendorRegistry', () => {
  const custom = BUILTIN_VENDORS.find((entry) => entry.name === 'custom') as VendorEntry;
  const entry = (overrides: Partial<VendorEntry>): VendorEntry => ({
    name: 'acme',
    displayName: { en: 'Acme' },
    provider: 'openai',
    defaultBaseUrl: 'https://api.acme.example/v1',
    modelGlobs: ['acme-*'],
    suggestedModels: [],
    badge: { monogram: 'Ac', hue: 10 },
    ...overrides,
  });

  it('refuses duplicate or upper-case names, quirks on another wire format, and no generic endpoint', () => {
    expect(() => new VendorRegistry([custom, entry({}), entry({})])).toThrow(/unique/);
    expect(() => new VendorRegistry([custom, entry({ name: 'Acme' })])).toThrow(/unique/);
    expect(() => new VendorRegistry([custom, entry({ provider: 'anthropic', quirks: {} })])).toThrow(/quirks/);
    expect(() => new VendorRegistry([entry({})])).toThrow(/generic/);
  });

  it('derives the environment variables from the prefix, and reads no key variable for key-less vendors', () => {
    const registry = new VendorRegistry([
      custom,
      entry({ env: { prefix: 'ACME' } }),
      entry({ name: 'local', env: { prefix: 'LOCAL' }, keyOptional: true }),
    ]);
    expect(registry.find('acme')).toMatchObject({ envKey: 'ACME_API_KEY', envBaseUrl: 'ACME_BASE_URL' });
    expect(registry.find('local')?.envKey).toBeUndefined();
    expect(registry.find('local')?.envBaseUrl).toBe('LOCAL_BASE_URL');
    expect(registry.generic.name).toBe('custom');
  });
});
