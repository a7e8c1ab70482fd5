import { describe, expect, it } from 'vitest';
import { resolveDialect } from './dialect.js';
import { COMPAT_PRESETS, findCompatPreset, matchesModelGlob } from './presets.js';

describe('COMPAT_PRESETS', () => {
  it('has every vendor of the start-up contract with its key, base-URL variable and default URL', () => {
    expect(
      COMPAT_PRESETS.map((preset) => [preset.name, preset.envKey, preset.envBaseUrl, preset.defaultBaseUrl]),
    ).toEqual([
      ['openai', 'OPENAI_API_KEY', 'OPENAI_BASE_URL', 'https://api.openai.com/v1'],
      ['deepseek', 'DEEPSEEK_API_KEY', 'DEEPSEEK_BASE_URL', 'https://api.deepseek.com/v1'],
      ['dashscope', 'DASHSCOPE_API_KEY', 'DASHSCOPE_BASE_URL', 'https://dashscope.aliyuncs.com/compatible-mode/v1'],
      ['moonshot', 'MOONSHOT_API_KEY', 'MOONSHOT_BASE_URL', 'https://api.moonshot.cn/v1'],
      ['zhipu', 'ZHIPU_API_KEY', 'ZHIPU_BASE_URL', 'https://open.bigmodel.cn/api/paas/v4'],
      ['ark', 'ARK_API_KEY', 'ARK_BASE_URL', 'https://ark.cn-beijing.volces.com/api/v3'],
      ['xai', 'XAI_API_KEY', 'XAI_BASE_URL', 'https://api.x.ai/v1'],
      ['mistral', 'MISTRAL_API_KEY', 'MISTRAL_BASE_URL', 'https://api.mistral.ai/v1'],
      ['groq', 'GROQ_API_KEY', 'GROQ_BASE_URL', 'https://api.groq.com/openai/v1'],
      ['openrouter', 'OPENROUTER_API_KEY', 'OPENROUTER_BASE_URL', 'https://openrouter.ai/api/v1'],
      ['ollama', null, 'OLLAMA_BASE_URL', 'http://127.0.0.1:11434/v1'],
    ]);
    for (const preset of COMPAT_PRESETS) expect(preset.quirks.name).toBe(preset.name);
  });

  it('model globs pick the vendor', () => {
    const vendorOf = (model: string) =>
      COMPAT_PRESETS.find((preset) => matchesModelGlob(model, preset.modelPrefixes))?.name;
    expect(
      [
        'gpt-4o-mini',
        'o3-mini',
        'deepseek-chat',
        'qwen3-max',
        'kimi-k2',
        'glm-4.6',
        'doubao-seed-1-6',
        'grok-4',
        'Mistral-Large-Latest',
        'llama3',
      ].map(vendorOf),
    ).toEqual(['openai', 'openai', 'deepseek', 'dashscope', 'moonshot', 'zhipu', 'ark', 'xai', 'mistral', undefined]);
  });
});

describe('resolveDialect', () => {
  it('no compat is OpenAI itself', () => {
    expect(resolveDialect(undefined)).toMatchObject({
      name: 'openai',
      isOpenAI: true,
      maxTokensField: 'max_completion_tokens',
      supportsDeveloperRole: true,
    });
  });

  it('a compat object finds its preset by name; an unknown vendor gets OpenAI-compatible defaults', () => {
    expect(resolveDialect({ name: 'groq' })).toMatchObject({
      reasoningFields: ['reasoning'],
      supportsMessageNames: false,
      maxTokensField: 'max_tokens',
    });
    expect(resolveDialect({ name: 'vllm' })).toMatchObject({
      isOpenAI: false,
      reasoningFields: ['reasoning_content', 'reasoning'],
      supportsStreamOptions: true,
      supportsDeveloperRole: false,
      reasoningEcho: 'none',
    });
  });

  it('is resolved once per compat object', () => {
    const quirks = findCompatPreset('xai')?.quirks ?? { name: 'xai' };
    expect(resolveDialect(quirks)).toBe(resolveDialect(quirks));
  });
});
