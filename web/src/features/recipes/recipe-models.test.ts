import { describe, expect, it } from 'vitest';
import { isTranslated, modelFamily, recommendedModel, recommendedSmallModel } from './recipe-models';

const IDS = [
  'claude-haiku-4-5',
  'claude-opus-4-1',
  'claude-sonnet-4-5',
  'deepseek-chat',
  'deepseek-reasoner',
  'gemini-2.5-flash',
  'gemini-2.5-pro',
  'gpt-5',
  'gpt-5-mini',
  'qwen-max',
  'qwen-turbo',
];

describe('recipe models', () => {
  it.each([
    ['claude-sonnet-4-5', 'claude'],
    ['anthropic/claude-3-5-haiku', 'claude'],
    ['gpt-4.1', 'gpt'],
    ['o3-mini', 'gpt'],
    ['openai/gpt-5', 'gpt'],
    ['gemini-2.5-pro', 'gemini'],
    ['deepseek-reasoner', 'deepseek'],
    ['qwen3-coder-plus', 'qwen'],
    ['qwq-32b', 'qwen'],
    ['glm-4.6', 'other'],
  ])('%s is of family %s', (id, family) => {
    expect(modelFamily(id)).toBe(family);
  });

  it('recommends each client its own vendor first', () => {
    expect(recommendedModel('claude-code', IDS)).toBe('claude-sonnet-4-5');
    expect(recommendedModel('codex', IDS)).toBe('gpt-5');
    expect(recommendedModel('gemini-cli', IDS)).toBe('gemini-2.5-pro');
    expect(recommendedModel('anthropic-sdk', IDS)).toBe('claude-sonnet-4-5');
  });

  it('falls back to the newest large model of the family, then to any model', () => {
    expect(recommendedModel('claude-code', ['claude-3-5-haiku', 'claude-3-7-sonnet', 'claude-sonnet-4-2'])).toBe(
      'claude-sonnet-4-2',
    );
    expect(recommendedModel('claude-code', ['claude-3-5-haiku'])).toBe('claude-3-5-haiku');
    expect(recommendedModel('claude-code', ['deepseek-chat', 'qwen-max'])).toBe('deepseek-chat');
    expect(recommendedModel('codex', [])).toBeNull();
    // "gemini" holds "mini": it must not read as a small model.
    expect(recommendedModel('gemini-cli', ['gemini-2.0-flash', 'gemini-3-pro-preview'])).toBe('gemini-3-pro-preview');
  });

  it("picks a small model of the main model's family for background work", () => {
    expect(recommendedSmallModel('claude-sonnet-4-5', IDS)).toBe('claude-haiku-4-5');
    expect(recommendedSmallModel('gpt-5', IDS)).toBe('gpt-5-mini');
    expect(recommendedSmallModel('gemini-2.5-pro', IDS)).toBe('gemini-2.5-flash');
    expect(recommendedSmallModel('deepseek-reasoner', IDS)).toBe('deepseek-chat');
    expect(recommendedSmallModel('qwen-max', IDS)).toBe('qwen-turbo');
    expect(recommendedSmallModel('glm-4.6', IDS)).toBe('glm-4.6');
    expect(recommendedSmallModel('claude-opus-4-1', ['claude-opus-4-1'])).toBe('claude-opus-4-1');
  });

  it('prefers the closest relative and undated aliases', () => {
    const openai = [
      'gpt-4o',
      'gpt-4o-mini-search-preview',
      'gpt-4o-mini-tts',
      'gpt-4o-mini',
      'o4-mini-2025-04-16',
      'o4-mini',
      'gpt-4.1-nano',
      'gpt-5-mini',
    ];
    expect(recommendedSmallModel('gpt-4o', openai)).toBe('gpt-4o-mini');
    expect(recommendedSmallModel('gpt-5', openai)).toBe('gpt-5-mini');
    expect(recommendedSmallModel('o3', openai)).toBe('o4-mini');
    const anthropic = [
      'claude-haiku-4-5-20251001',
      'claude-3-5-haiku-20241022',
      'claude-haiku-4-5',
      'claude-sonnet-4-5',
    ];
    expect(recommendedSmallModel('claude-sonnet-4-5', anthropic)).toBe('claude-haiku-4-5');
    expect(recommendedModel('claude-code', ['claude-sonnet-4-5-20250929', 'claude-sonnet-4-2'])).toBe(
      'claude-sonnet-4-2',
    );
  });

  it('says when AIHub translates between the client and the model', () => {
    expect(isTranslated('claude-code', 'claude-sonnet-4-5')).toBe(false);
    expect(isTranslated('claude-code', 'gpt-5')).toBe(true);
    expect(isTranslated('codex', 'claude-sonnet-4-5')).toBe(true);
    expect(isTranslated('gemini-cli', 'gemini-2.5-pro')).toBe(false);
  });
});
