import type { Usage } from '../../ir/index.js';

export interface GeminiUsageMetadata {
  promptTokenCount: number;
  candidatesTokenCount: number;
  totalTokenCount: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
}

/**
 * IR usage to `usageMetadata`. Gemini counts cached tokens inside `promptTokenCount` (as the IR's
 * input total does) and reports them again as `cachedContentTokenCount`; reasoning is
 * `thoughtsTokenCount`, apart from `candidatesTokenCount`, and the total adds both. Cache writes
 * (Anthropic) have no Gemini field: they stay in the prompt count. Zero counts Gemini leaves out are
 * left out.
 */
export function encodeUsage(usage: Usage): GeminiUsageMetadata {
  const input = usage.inputTokens;
  const output = usage.outputTokens;
  const prompt = input.total ?? (input.noCache ?? 0) + (input.cacheRead ?? 0) + (input.cacheWrite ?? 0);
  const thoughts = output.reasoning ?? 0;
  // Gemini counts an answer's images and audio among its candidates; the IR keeps them apart from text.
  const candidates =
    output.text !== undefined
      ? output.text + (output.image ?? 0) + (output.audio ?? 0)
      : Math.max(0, (output.total ?? 0) - thoughts);
  const metadata: GeminiUsageMetadata = {
    promptTokenCount: prompt,
    candidatesTokenCount: candidates,
    totalTokenCount: prompt + candidates + thoughts,
  };
  if (input.cacheRead) metadata.cachedContentTokenCount = input.cacheRead;
  if (thoughts) metadata.thoughtsTokenCount = thoughts;
  return metadata;
}
