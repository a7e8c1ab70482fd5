import { describe, expect, it } from 'vitest';
import type { ReasoningConfig } from '../../ir/index.js';
import { toThinkingConfig } from './thinking-config.js';

describe('toThinkingConfig', () => {
  it('sends nothing when the client expressed no preference', () => {
    expect(toThinkingConfig(undefined, 'gemini-2.5-pro')).toBeUndefined();
  });

  it.each<[ReasoningConfig, number]>([
    [{ effort: 'minimal' }, 512],
    [{ effort: 'low' }, 1024],
    [{ effort: 'medium' }, 8192],
    [{ effort: 'high' }, 24576],
    [{ effort: 'xhigh' }, 32768],
    [{ effort: 'low', budgetTokens: 3000 }, 3000],
  ])('gemini-2.5-pro %j → thinkingBudget %i', (reasoning, budget) => {
    expect(toThinkingConfig(reasoning, 'gemini-2.5-pro')).toEqual({ includeThoughts: true, thinkingBudget: budget });
  });

  it('caps the budget of flash models at 24576', () => {
    expect(toThinkingConfig({ effort: 'xhigh' }, 'gemini-2.5-flash')).toEqual({
      includeThoughts: true,
      thinkingBudget: 24576,
    });
  });

  it('asks for thoughts at the default effort when reasoning is on without effort or budget', () => {
    expect(toThinkingConfig({}, 'gemini-2.5-flash')).toEqual({ includeThoughts: true });
  });

  it.each<[ReasoningConfig]>([[{ disabled: true }], [{ effort: 'none' }], [{ budgetTokens: 0 }]])(
    'turns thinking off with budget 0 for %j',
    (reasoning) => {
      expect(toThinkingConfig(reasoning, 'gemini-2.5-flash')).toEqual({ thinkingBudget: 0 });
    },
  );

  it.each<[ReasoningConfig, unknown]>([
    [{ effort: 'minimal' }, { includeThoughts: true, thinkingLevel: 'low' }],
    [{ effort: 'low' }, { includeThoughts: true, thinkingLevel: 'low' }],
    [{ effort: 'medium' }, { includeThoughts: true, thinkingLevel: 'high' }],
    [{ effort: 'xhigh' }, { includeThoughts: true, thinkingLevel: 'high' }],
    [
      { effort: 'high', budgetTokens: 2048 },
      { includeThoughts: true, thinkingBudget: 2048 },
    ],
    [{ disabled: true }, { thinkingLevel: 'low' }],
  ])('gemini-3 %j → %j', (reasoning, expected) => {
    expect(toThinkingConfig(reasoning, 'gemini-3-pro-preview')).toEqual(expected);
  });
});
