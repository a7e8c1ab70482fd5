import { describe, expect, it } from 'vitest';
import { channelsFromConfig } from './channels-from-config.js';
import { channelsFromEnv } from './channels-from-env.js';

describe('channelsFromEnv', () => {
  it('declares one channel per vendor whose key is set, with its pool, overrides, models and mapping', () => {
    const channels = channelsFromEnv({
      OPENAI_API_KEY: 'sk-a, sk-b',
      DEEPSEEK_API_KEY: 'sk-d',
      DEEPSEEK_BASE_URL: 'http://relay.example/v1/',
      DEEPSEEK_MODELS: 'deepseek-chat, my-*',
      DEEPSEEK_MODEL_MAPPING: 'fast=deepseek-chat, bad, =x',
    });
    expect(channels.map((channel) => channel.id)).toEqual(['env-openai', 'env-deepseek']);
    expect(channels[0]).toMatchObject({
      baseUrl: 'https://api.openai.com/v1',
      keys: [
        { id: 'env-openai-0', key: 'sk-a' },
        { id: 'env-openai-1', key: 'sk-b' },
      ],
      compat: { name: 'openai' },
      source: 'env',
    });
    expect(channels[1]).toMatchObject({
      baseUrl: 'http://relay.example/v1',
      models: ['deepseek-chat', 'my-*'],
      modelMapping: { fast: 'deepseek-chat' },
      compat: { name: 'deepseek', reasoningEcho: 'reasoning_content_tool_turns' },
    });
  });

  it('reads GOOGLE_API_KEY for Gemini when GEMINI_API_KEY is unset, and speaks its wire format', () => {
    expect(channelsFromEnv({ GOOGLE_API_KEY: 'AIza-1' })).toMatchObject([
      { id: 'env-gemini', provider: 'gemini', keys: [{ key: 'AIza-1' }] },
    ]);
    expect(channelsFromEnv({ GEMINI_API_KEY: 'AIza-2', GOOGLE_API_KEY: 'AIza-1' })[0]?.keys[0]?.key).toBe('AIza-2');
    expect(channelsFromEnv({ ANTHROPIC_API_KEY: 'sk-ant' })[0]).toMatchObject({ provider: 'anthropic' });
    expect(channelsFromEnv({ ANTHROPIC_API_KEY: 'sk-ant' })[0]?.compat).toBeUndefined();
  });

  it('declares Ollama by its base URL alone, with no key, and never reads a key variable for it', () => {
    expect(channelsFromEnv({ OLLAMA_API_KEY: 'ignored' })).toEqual([]);
    expect(channelsFromEnv({ OLLAMA_BASE_URL: 'http://127.0.0.1:11434/v1' })).toMatchObject([
      { id: 'env-ollama', keys: [{ key: '' }] },
    ]);
  });

  it('needs a key for other vendors, even with a base URL', () => {
    expect(channelsFromEnv({ OPENAI_BASE_URL: 'http://x/v1', OPENAI_API_KEY: ' , ' })).toEqual([]);
  });
});

describe('channelsFromConfig', () => {
  it("serves 'custom' as plain OpenAI with max_tokens, and needs its base URL and models", () => {
    const [custom] = channelsFromConfig([
      { name: 'vllm', type: 'custom', base_url: 'http://10.0.0.5:8000/v1', models: ['llama-*'] },
    ]);
    expect(custom).toMatchObject({
      vendor: 'custom',
      provider: 'openai',
      compat: { name: 'custom', useMaxTokens: true },
    });
    expect(() => channelsFromConfig([{ name: 'x', type: 'custom', models: ['a'] }])).toThrow(/base_url is required/);
    expect(() => channelsFromConfig([{ name: 'x', type: 'custom', base_url: 'http://x/v1' }])).toThrow(/must list/);
    expect(() => channelsFromConfig([{ name: 'x', type: 'nope' }])).toThrow(/unknown type/);
  });

  it("takes a vendor's default base URL and quirks", () => {
    expect(channelsFromConfig([{ name: 'ds', type: 'deepseek', key: 'sk' }])[0]).toMatchObject({
      baseUrl: 'https://api.deepseek.com/v1',
      compat: { name: 'deepseek' },
    });
  });
});
