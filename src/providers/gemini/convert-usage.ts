import type { Usage } from '../../ir/index.js';
import type { GeminiUsageMetadata } from './response-schema.js';

/**
 * Gemini `usageMetadata` to the IR usage.
 * - Input: `promptTokenCount` (which includes cached tokens) plus `toolUsePromptTokenCount` (the
 *   prompt of built-in tools such as search); `cachedContentTokenCount` is the cache read.
 * - Output: `candidatesTokenCount` is the answer, `thoughtsTokenCount` the reasoning; Gemini bills
 *   both as output. An image model's answer counts its images in `candidatesTokenCount` too, and
 *   splits them out in `candidatesTokensDetails` (`modality: IMAGE`): those are the image tokens,
 *   the rest of the answer is text (the js-genai recordings: 1318 = 1290 IMAGE + 28 text).
 * - Audio: `modality: AUDIO` in `promptTokensDetails` (audio sent in the prompt) and in
 *   `candidatesTokensDetails` (native-audio and TTS answers) are the audio parts, priced apart.
 * Proto3 JSON leaves out zero counts, so in a complete report (one with `totalTokenCount`) a missing
 * count is 0. A partial object (streams send `{trafficType}` mid-way) gives `undefined`.
 */
export function convertGeminiUsage(metadata: GeminiUsageMetadata | undefined): Usage | undefined {
  if (!metadata || metadata.totalTokenCount === undefined) return undefined;
  const prompt = metadata.promptTokenCount ?? 0;
  const toolUsePrompt = metadata.toolUsePromptTokenCount ?? 0;
  const cacheRead = metadata.cachedContentTokenCount ?? 0;
  const answer = metadata.candidatesTokenCount ?? 0;
  const reasoning = metadata.thoughtsTokenCount ?? 0;
  const image = Math.min(answer, modalityTokens(metadata.candidatesTokensDetails, 'IMAGE'));
  const audioOutput = Math.min(answer - image, modalityTokens(metadata.candidatesTokensDetails, 'AUDIO'));
  const text = answer - image - audioOutput;
  const inputTotal = prompt + toolUsePrompt;
  const audioInput = Math.min(inputTotal - cacheRead, modalityTokens(metadata.promptTokensDetails, 'AUDIO'));
  return {
    inputTokens: {
      total: inputTotal,
      noCache: inputTotal - cacheRead,
      cacheRead,
      ...(audioInput > 0 ? { audio: audioInput } : {}),
    },
    outputTokens: {
      total: answer + reasoning,
      text,
      reasoning,
      ...(image > 0 ? { image } : {}),
      ...(audioOutput > 0 ? { audio: audioOutput } : {}),
    },
    raw: metadata,
  };
}

/** The entries of one modality in a `*TokensDetails` list (ModalityTokenCount[]); 0 when there are none. */
function modalityTokens(details: GeminiUsageMetadata['candidatesTokensDetails'], modality: 'IMAGE' | 'AUDIO'): number {
  let total = 0;
  for (const entry of details ?? []) {
    if (entry.modality === modality && typeof entry.tokenCount === 'number' && entry.tokenCount > 0) {
      total += entry.tokenCount;
    }
  }
  return total;
}

/** The usage with the grounding searches Google bills (grounding-searches.ts), when there were any. */
export function withSearches(usage: Usage | undefined, searches: number | undefined): Usage | undefined {
  if (!usage || searches === undefined) return usage;
  return { ...usage, serverToolCalls: { webSearch: searches } };
}
