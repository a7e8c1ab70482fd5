import { describe, expect, it } from 'vitest';
import { resolveDialect } from './dialect.js';
import { findCompatPreset } from './presets.js';

describe('findCompatPreset', () => {
  it("finds an OpenAI-compatible vendor's quirks by name, named after it", () => {
    expect(findCompatPreset('mistral')?.quirks).toMatchObject({ name: 'mistral', seedField: 'random_seed' });
    expect(findCompatPreset('openai')?.quirks).toMatchObject({ name: 'openai', supportsDeveloperRole: true });
  });

  it('finds nothing for vendors of another wire format or unknown names', () => {
    expect(findCompatPreset('anthropic')).toBeUndefined();
    expect(findCompatPreset('vllm')).toBeUndefined();
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
