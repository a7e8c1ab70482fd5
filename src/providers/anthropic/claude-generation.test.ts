import { describe, expect, it } from 'vitest';
import { adaptiveEffort, claudeThinkingStyle } from './claude-generation.js';

describe('claudeThinkingStyle', () => {
  it.each([
    ['claude-3-7-sonnet-20250219', 'budget'],
    ['claude-sonnet-4-5', 'budget'],
    ['claude-opus-4-5-20251101', 'budget'],
    ['claude-haiku-4-5', 'budget'],
    ['claude-opus-4-20250514', 'budget'],
    ['claude-opus-4-6', 'adaptive'],
    ['claude-sonnet-4-6', 'adaptive'],
    ['claude-opus-4-7', 'adaptive-only'],
    ['claude-opus-4-8', 'adaptive-only'],
    ['claude-opus-4-7-20260416', 'adaptive-only'],
    ['claude-opus-5', 'adaptive-only'],
    ['claude-sonnet-5', 'adaptive-only'],
    ['claude-fable-5', 'adaptive-only'],
    ['something-else', 'budget'],
  ])('%s → %s', (model, style) => {
    expect(claudeThinkingStyle(model)).toBe(style);
  });
});

describe('adaptiveEffort', () => {
  it.each([
    [{ effort: 'minimal' }, 'adaptive-only', 'low'],
    [{ effort: 'medium' }, 'adaptive-only', 'medium'],
    [{ effort: 'xhigh' }, 'adaptive-only', 'xhigh'],
    [{ effort: 'xhigh' }, 'adaptive', 'max'],
    [{ budgetTokens: 1024 }, 'adaptive-only', 'low'],
    [{ budgetTokens: 10000 }, 'adaptive-only', 'high'],
    [{ budgetTokens: 64000 }, 'adaptive-only', 'xhigh'],
  ] as const)('%j on %s → %s', (reasoning, style, effort) => {
    expect(adaptiveEffort(reasoning, style)).toBe(effort);
  });
});
