import type { Usage } from '../../ir/index.js';
import type { GeminiUsageMetadata } from './response-schema.js';

/**
 * Gemini `usageMetadata` to the IR usage.
 * - Input: `promptTokenCount` (which includes cached tokens) plus `toolUsePromptTokenCount` (the
 *   prompt of built-in tools such as search); `cachedContentTokenCount` is the cache read.
 * - Output: `candidatesTokenCount` is the text, `thoughtsTokenCount` the reasoning; Gemini bills
 *   both as output.
 * Proto3 JSON leaves out zero counts, so in a complete report (one with `totalTokenCount`) a missing
 * count is 0. A partial object (streams send `{trafficType}` mid-way) gives `undefined`.
 */
export function convertGeminiUsage(metadata: GeminiUsageMetadata | undefined): Usage | undefined {
  if (!metadata || metadata.totalTokenCount === undefined) return undefined;
  const prompt = metadata.promptTokenCount ?? 0;
  const toolUsePrompt = metadata.toolUsePromptTokenCount ?? 0;
  const cacheRead = metadata.cachedContentTokenCount ?? 0;
  const text = metadata.candidatesTokenCount ?? 0;
  const reasoning = metadata.thoughtsTokenCount ?? 0;
  const inputTotal = prompt + toolUsePrompt;
  return {
    inputTokens: {
      total: inputTotal,
      noCache: inputTotal - cacheRead,
      cacheRead,
    },
    outputTokens: {
      total: text + reasoning,
      text,
      reasoning,
    },
    raw: metadata,
  };
}

/** The usage with the grounding searches Google bills (grounding-searches.ts), when there were any. */
export function withSearches(usage: Usage | undefined, searches: number | undefined): Usage | undefined {
  if (!usage || searches === undefined) return usage;
  return { ...usage, serverToolCalls: { webSearch: searches } };
}
