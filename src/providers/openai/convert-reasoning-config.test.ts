import { describe, expect, it } from 'vitest';
import type { ReasoningConfig } from '../../ir/index.js';
import { convertReasoningConfig, effortForBudget, foldEffort } from './convert-reasoning-config.js';
import { resolveDialect } from './dialect.js';
import { findCompatPreset } from './presets.js';

const convert = (config: ReasoningConfig | undefined, preset?: string) =>
  convertReasoningConfig(config, resolveDialect(preset ? findCompatPreset(preset)?.quirks : undefined));

describe('convertReasoningConfig', () => {
  it('nothing asked, nothing sent', () => {
    expect(convert(undefined)).toEqual({ fields: {}, droppedParams: [] });
    expect(convert({}, 'zhipu')).toEqual({ fields: {}, droppedParams: [] });
  });

  it('OpenAI: effort passes through, a budget becomes the nearest effort, disabled is none', () => {
    expect(convert({ effort: 'xhigh' }).fields).toEqual({ reasoning_effort: 'xhigh' });
    expect(convert({ budgetTokens: 2000 }).fields).toEqual({ reasoning_effort: 'low' });
    expect(convert({ budgetTokens: 10_000 }).fields).toEqual({ reasoning_effort: 'medium' });
    expect(convert({ budgetTokens: 32_000 }).fields).toEqual({ reasoning_effort: 'high' });
    expect(convert({ disabled: true }).fields).toEqual({ reasoning_effort: 'none' });
    expect(convert({ budgetTokens: 0 }).fields).toEqual({ reasoning_effort: 'none' });
  });

  it('Groq folds to the efforts it accepts (minimal → low, xhigh → high)', () => {
    expect(convert({ effort: 'minimal' }, 'groq').fields).toEqual({ reasoning_effort: 'low' });
    expect(convert({ effort: 'xhigh' }, 'groq').fields).toEqual({ reasoning_effort: 'high' });
    expect(convert({ effort: 'none' }, 'groq').fields).toEqual({ reasoning_effort: 'none' });
  });

  it('a vendor that cannot switch reasoning off reports reasoning_effort as dropped', () => {
    expect(convert({ disabled: true }, 'ollama')).toEqual({ fields: {}, droppedParams: ['reasoning_effort'] });
  });

  it('thinking-type vendors: enabled or disabled; DeepSeek also takes an effort', () => {
    expect(convert({ effort: 'high' }, 'zhipu').fields).toEqual({ thinking: { type: 'enabled' } });
    expect(convert({ disabled: true }, 'ark').fields).toEqual({ thinking: { type: 'disabled' } });
    expect(convert({ effort: 'medium' }, 'deepseek').fields).toEqual({
      thinking: { type: 'enabled' },
      reasoning_effort: 'high',
    });
    expect(convert({ effort: 'none' }, 'deepseek').fields).toEqual({ thinking: { type: 'disabled' } });
  });

  it('DashScope: enable_thinking with an optional thinking_budget', () => {
    expect(convert({ budgetTokens: 4000 }, 'dashscope').fields).toEqual({
      enable_thinking: true,
      thinking_budget: 4000,
    });
    expect(convert({ effort: 'low' }, 'dashscope').fields).toEqual({ enable_thinking: true });
    expect(convert({ disabled: true }, 'dashscope').fields).toEqual({ enable_thinking: false });
  });

  it('OpenRouter: reasoning.effort, or reasoning.max_tokens when a budget is given', () => {
    expect(convert({ effort: 'high' }, 'openrouter').fields).toEqual({ reasoning: { effort: 'high' } });
    expect(convert({ effort: 'low', budgetTokens: 3000 }, 'openrouter').fields).toEqual({
      reasoning: { max_tokens: 3000 },
    });
    expect(convert({ disabled: true }, 'openrouter').fields).toEqual({ reasoning: { effort: 'none' } });
  });

  it('style `none` drops and reports', () => {
    const dialect = resolveDialect({ name: 'plain', reasoningStyle: 'none' });
    expect(convertReasoningConfig({ effort: 'high' }, dialect)).toEqual({
      fields: {},
      droppedParams: ['reasoning_effort'],
    });
  });
});

describe('foldEffort and effortForBudget', () => {
  it('picks the lowest accepted effort at or above the request, else the highest', () => {
    expect(foldEffort('medium', ['low', 'high'])).toBe('high');
    expect(foldEffort('xhigh', ['none', 'high'])).toBe('high');
    expect(foldEffort('none', ['low', 'high'])).toBeUndefined();
    expect(foldEffort('minimal', undefined)).toBe('minimal');
  });

  it('maps budgets to efforts', () => {
    expect([0, 1024, 4096, 4097, 16384, 16385].map(effortForBudget)).toEqual([
      'none',
      'low',
      'low',
      'medium',
      'medium',
      'high',
    ]);
  });
});
