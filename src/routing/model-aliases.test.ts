import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../ir/index.js';
import { type ModelAliases, modelAliasesSchema, resolveAlias } from './model-aliases.js';

const request = (model: string, fallbackModels?: string[]): ChatRequest =>
  ({
    model,
    messages: [],
    stream: false,
    includeUsage: false,
    ...(fallbackModels ? { fallbackModels } : {}),
  }) as ChatRequest;

const aliases: ModelAliases = {
  fast: { models: ['gpt-4.1-mini', 'gemini-2.5-flash-lite'] },
  smart: { models: ['claude-sonnet-4-5'], groups: { vip: ['claude-opus-4-1', 'claude-sonnet-4-5'] } },
};

describe('resolveAlias', () => {
  it('replaces an alias with its first model and the rest as fallbacks, before the caller’s own', () => {
    expect(resolveAlias(request('fast', ['deepseek-chat', 'gemini-2.5-flash-lite']), aliases, 'default')).toMatchObject(
      {
        model: 'gpt-4.1-mini',
        fallbackModels: ['gemini-2.5-flash-lite', 'deepseek-chat'],
      },
    );
  });

  it('uses the caller’s group list where there is one', () => {
    expect(resolveAlias(request('smart'), aliases, 'vip')).toMatchObject({
      model: 'claude-opus-4-1',
      fallbackModels: ['claude-sonnet-4-5'],
    });
    const plain = resolveAlias(request('smart'), aliases, 'default');
    expect(plain.model).toBe('claude-sonnet-4-5');
    expect(plain.fallbackModels).toBeUndefined();
  });

  it('leaves any other model, and inherited object keys, alone', () => {
    const other = request('gpt-4o');
    expect(resolveAlias(other, aliases, 'default')).toBe(other);
    const proto = request('toString');
    expect(resolveAlias(proto, aliases, 'default')).toBe(proto);
  });

  it('validates what an operator saves', () => {
    expect(modelAliasesSchema.safeParse({ fast: { models: [] } }).success).toBe(false);
    expect(modelAliasesSchema.safeParse({ 'bad name': { models: ['a'] } }).success).toBe(false);
    expect(modelAliasesSchema.safeParse(aliases).success).toBe(true);
  });
});
