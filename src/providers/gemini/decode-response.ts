import { type AssistantContentPart, type ChatChoice, type ChatResult, GatewayError } from '../../ir/index.js';
import type { ProviderContext } from '../provider.js';
import { convertGeminiLogprobs } from './convert-logprobs.js';
import { convertGeminiUsage, withSearches } from './convert-usage.js';
import { geminiErrorFromObject } from './decode-error.js';
import { generatedImage } from './generated-image.js';
import { groundingSearches } from './grounding-searches.js';
import { mapGeminiFinishReason } from './map-finish-reason.js';
import {
  type GeminiCandidate,
  type GeminiGenerateContentResponse,
  type GeminiResponsePart,
  generateContentResponseSchema,
} from './response-schema.js';

/** Decodes a 2xx `generateContent` body. Throws GatewayError for an error envelope or a malformed body. */
export function decodeGeminiResponse(body: unknown, context: ProviderContext): ChatResult {
  const parsed = generateContentResponseSchema.safeParse(body);
  if (!parsed.success) {
    throw new GatewayError({
      kind: 'upstream_error',
      message: 'Gemini returned a malformed generateContent response.',
    });
  }
  const response = parsed.data;
  if (response.error) throw geminiErrorFromObject(response.error);

  const searches = groundingSearches(response.candidates ?? [], response.modelVersion ?? context.target.model);
  const usage = withSearches(convertGeminiUsage(response.usageMetadata), searches);
  return {
    ...responseMetadata(response),
    choices: convertCandidates(response, context),
    ...(usage ? { usage } : {}),
  };
}

export function responseMetadata(
  response: GeminiGenerateContentResponse,
): Pick<ChatResult, 'id' | 'model' | 'created'> {
  const created = response.createTime ? Date.parse(response.createTime) : Number.NaN;
  return {
    ...(response.responseId ? { id: response.responseId } : {}),
    ...(response.modelVersion ? { model: response.modelVersion } : {}),
    ...(Number.isNaN(created) ? {} : { created: Math.floor(created / 1000) }),
  };
}

function convertCandidates(response: GeminiGenerateContentResponse, context: ProviderContext): ChatChoice[] {
  const candidates = response.candidates ?? [];
  if (candidates.length === 0) {
    // The prompt itself was blocked (promptFeedback.blockReason), or Gemini sent nothing at all.
    const blockReason = response.promptFeedback?.blockReason;
    const finishReason = blockReason
      ? { unified: 'content-filter' as const, raw: blockReason }
      : mapGeminiFinishReason(undefined, false);
    return [{ index: 0, content: [], finishReason }];
  }
  return candidates.map((candidate, position) => convertCandidate(candidate, position, context));
}

function convertCandidate(candidate: GeminiCandidate, position: number, context: ProviderContext): ChatChoice {
  const content = (candidate.content?.parts ?? []).flatMap((part) => convertPart(part, context));
  const hasToolCalls = content.some((part) => part.type === 'tool-call');
  const logprobs = convertGeminiLogprobs(candidate.logprobsResult);
  return {
    index: candidate.index ?? position,
    content,
    finishReason: mapGeminiFinishReason(candidate.finishReason, hasToolCalls),
    ...(logprobs ? { logprobs } : {}),
  };
}

/**
 * One Gemini part to IR parts. Thought parts become reasoning; a thought signature stays on the
 * part Gemini attached it to (reasoning, text or tool call), because it must be replayed there.
 * A generated image becomes a generated-image part (generated-image.ts). Parts with no IR form
 * (executable code, other inline media) are left out.
 */
function convertPart(part: GeminiResponsePart, context: ProviderContext): AssistantContentPart[] {
  const signature = part.thoughtSignature ? { signature: part.thoughtSignature } : {};
  if (part.functionCall) {
    const call = part.functionCall;
    return [
      {
        type: 'tool-call',
        id: call.id ?? context.generateId('call_'),
        name: call.name ?? '',
        arguments: JSON.stringify(call.args ?? {}),
        ...signature,
      },
    ];
  }
  const image = generatedImage(part);
  if (image) return [image];
  if (part.thought) {
    return part.text || part.thoughtSignature ? [{ type: 'reasoning', text: part.text ?? '', ...signature }] : [];
  }
  if (part.text || part.thoughtSignature) return [{ type: 'text', text: part.text ?? '', ...signature }];
  return [];
}
