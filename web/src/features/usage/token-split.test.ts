import { describe, expect, it } from 'vitest';
import { tokenSplit } from './token-split';
import type { UsageTotals } from './types';

const log = {
  promptTokens: 10_100,
  completionTokens: 80,
  cachedTokens: 1_000,
  cacheWriteTokens: 9_000,
  cacheWrite1hTokens: 6_000,
  reasoningTokens: 30,
};

describe('tokenSplit', () => {
  it('splits input into uncached, read, 5 m and 1 h writes, and output into text and reasoning', () => {
    expect(tokenSplit(log)).toEqual({
      uncachedInput: 100,
      cacheRead: 1_000,
      cacheWrite5m: 3_000,
      cacheWrite1h: 6_000,
      textOutput: 50,
      reasoningOutput: 30,
    });
  });

  it('never shows a negative part when a vendor’s counts disagree', () => {
    const odd = tokenSplit({ ...log, promptTokens: 5, cacheWrite1hTokens: 20_000, completionTokens: 1 });
    expect(odd).toMatchObject({ uncachedInput: 0, cacheWrite5m: 0, cacheWrite1h: 9_000, textOutput: 0 });
  });

  it('splits a period’s totals the same way, for the usage page’s summary and model rows', () => {
    const totals: UsageTotals = {
      requests: 3,
      errors: 0,
      promptTokens: 30_000,
      completionTokens: 900,
      cachedTokens: 12_000,
      cacheWriteTokens: 15_000,
      cacheWrite1hTokens: 4_000,
      reasoningTokens: 0,
      cost: 1,
    };
    expect(tokenSplit(totals)).toMatchObject({
      uncachedInput: 3_000,
      cacheRead: 12_000,
      cacheWrite5m: 11_000,
      cacheWrite1h: 4_000,
    });
  });
});
