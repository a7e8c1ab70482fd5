import { describe, expect, it } from 'vitest';
import { planThinking, requestedBudget } from './thinking-budget.js';

describe('requestedBudget', () => {
  it.each([
    ['minimal', 1024],
    ['low', 2048],
    ['medium', 8192],
    ['high', 16384],
    ['xhigh', 32768],
  ] as const)('maps effort %s to %d', (effort, budget) => {
    expect(requestedBudget({ effort })).toBe(budget);
  });

  it('lets an explicit budget win over the effort', () => {
    expect(requestedBudget({ effort: 'high', budgetTokens: 3000 })).toBe(3000);
  });

  it('is off when disabled, none, zero or unspecified', () => {
    expect(requestedBudget(undefined)).toBeUndefined();
    expect(requestedBudget({})).toBeUndefined();
    expect(requestedBudget({ effort: 'none' })).toBeUndefined();
    expect(requestedBudget({ budgetTokens: 0 })).toBeUndefined();
    expect(requestedBudget({ effort: 'high', disabled: true })).toBeUndefined();
  });
});

describe('planThinking', () => {
  it('uses the client max, then the catalog max, then 4096 without thinking', () => {
    expect(planThinking(undefined, 100, 64000)).toEqual({ maxTokens: 100 });
    expect(planThinking(undefined, undefined, 64000)).toEqual({ maxTokens: 64000 });
    expect(planThinking(undefined, undefined, undefined)).toEqual({ maxTokens: 4096 });
  });

  it('raises the budget to the 1024 minimum', () => {
    expect(planThinking({ budgetTokens: 500 }, 4096, undefined)).toEqual({ budgetTokens: 1024, maxTokens: 4096 });
  });

  it('keeps max_tokens when it already exceeds the budget', () => {
    expect(planThinking({ budgetTokens: 3000 }, 4096, undefined)).toEqual({ budgetTokens: 3000, maxTokens: 4096 });
  });

  it('adds the client max on top of the budget when it does not exceed it', () => {
    expect(planThinking({ effort: 'high' }, 1000, undefined)).toEqual({ budgetTokens: 16384, maxTokens: 17384 });
    expect(planThinking({ effort: 'medium' }, 8192, undefined)).toEqual({ budgetTokens: 8192, maxTokens: 16384 });
  });

  it('adds 4096 when the client set no max', () => {
    expect(planThinking({ effort: 'medium' }, undefined, undefined)).toEqual({ budgetTokens: 8192, maxTokens: 12288 });
  });

  it('stays within the model maximum, shrinking the budget when needed', () => {
    expect(planThinking({ effort: 'high' }, undefined, 64000)).toEqual({ budgetTokens: 16384, maxTokens: 64000 });
    expect(planThinking({ effort: 'xhigh' }, 8000, 32000)).toEqual({ budgetTokens: 16000, maxTokens: 32000 });
    expect(planThinking({ effort: 'low' }, undefined, 1024)).toEqual({ maxTokens: 1024 });
  });
});
