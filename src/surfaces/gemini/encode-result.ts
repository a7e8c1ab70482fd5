import type { ChatChoice, ChatResult } from '../../ir/index.js';
import type { ResponseMeta } from '../surface.js';
import { encodeFinishReason } from './encode-finish-reason.js';
import { encodeLogprobs } from './encode-logprobs.js';
import { encodePart, type GeminiAnswerPart } from './encode-parts.js';
import { encodeUsage } from './encode-usage.js';

export interface GeminiCandidate {
  content: { parts?: GeminiAnswerPart[]; role: 'model' };
  finishReason?: string;
  index: number;
  logprobsResult?: unknown;
}

/**
 * A whole answer as Gemini's `GenerateContentResponse`: one candidate per choice, usage in
 * `usageMetadata`, the model the client asked for in `modelVersion`, and the upstream's response
 * id (or ours) in `responseId`. A candidate with no parts has a content with only its role, as
 * Gemini sends when thinking used up the whole budget.
 */
export function encodeGeminiResult(result: ChatResult, meta: ResponseMeta): Record<string, unknown> {
  const body: Record<string, unknown> = {
    candidates: result.choices.map((choice) => encodeCandidate(choice, meta)),
  };
  if (result.usage) body.usageMetadata = encodeUsage(result.usage);
  body.modelVersion = meta.model;
  body.responseId = result.id ?? meta.requestId;
  return body;
}

function encodeCandidate(choice: ChatChoice, meta: ResponseMeta): GeminiCandidate {
  const parts = choice.content.flatMap((part) => encodePart(part, meta.provider) ?? []);
  const candidate: GeminiCandidate = {
    content: parts.length > 0 ? { parts, role: 'model' } : { role: 'model' },
    finishReason: encodeFinishReason(choice.finishReason, meta.provider),
    index: choice.index,
  };
  const logprobs = encodeLogprobs(choice.logprobs);
  if (logprobs) candidate.logprobsResult = logprobs;
  return candidate;
}
