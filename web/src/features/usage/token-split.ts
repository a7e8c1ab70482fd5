/**
 * Tokens split the way they are billed (src/billing/cost.ts): uncached input, cache reads,
 * five-minute and one-hour cache writes, text output and reasoning output. The log, its usage
 * aggregates and the playground's stream usage all carry totals and parts (`promptTokens`
 * includes the cached and written tokens, `completionTokens` the reasoning, `cacheWriteTokens`
 * the one-hour writes); the rest is the difference, never negative.
 */
import type { RequestLog } from './types';

/** A request-log row, a usage aggregate (UsageTotals) or a reply's usage: they share these fields. */
export type TokenSplitLog = Pick<
  RequestLog,
  'promptTokens' | 'completionTokens' | 'cachedTokens' | 'cacheWriteTokens' | 'cacheWrite1hTokens' | 'reasoningTokens'
>;

export interface TokenSplit {
  uncachedInput: number;
  cacheRead: number;
  cacheWrite5m: number;
  cacheWrite1h: number;
  textOutput: number;
  reasoningOutput: number;
}

export function tokenSplit(log: TokenSplitLog): TokenSplit {
  const cacheWrite1h = Math.min(log.cacheWrite1hTokens, log.cacheWriteTokens);
  return {
    uncachedInput: Math.max(0, log.promptTokens - log.cachedTokens - log.cacheWriteTokens),
    cacheRead: log.cachedTokens,
    cacheWrite5m: log.cacheWriteTokens - cacheWrite1h,
    cacheWrite1h,
    textOutput: Math.max(0, log.completionTokens - log.reasoningTokens),
    reasoningOutput: log.reasoningTokens,
  };
}
