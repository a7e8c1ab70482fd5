import type { ChatChoice, ChatResult } from '../../ir/index.js';
import { joinToolCallId } from '../common/tool-call-id.js';
import { encodeFinishReason } from './encode-finish-reason.js';
import { encodeUsage, type OpenAIUsage } from './encode-usage.js';
import { type ChatImage, encodeGeneratedImage } from './generated-images.js';

/** What the gateway knows about a response beyond the upstream's answer. */
export interface ResponseMeta {
  /** Our id for the completion (`chatcmpl-...`), used when the upstream gave none we can reuse. */
  id: string;
  /** Unix seconds. */
  created: number;
  /** The model name to show when the upstream did not name one. */
  model: string;
  /** Label for `reasoning_details[].format`, e.g. `anthropic-claude-v1`. */
  reasoningFormat?: string;
  /** The vendor that served the answer: the issuer of its signatures (sealed on generated images). */
  provider?: string;
}

export interface ReasoningDetail {
  type: 'reasoning.text' | 'reasoning.encrypted';
  index: number;
  format?: string;
  text?: string;
  signature?: string;
  data?: string;
}

export function encodeChatCompletion(result: ChatResult, meta: ResponseMeta) {
  const body: Record<string, unknown> = {
    id: meta.id,
    object: 'chat.completion',
    created: result.created ?? meta.created,
    model: result.model ?? meta.model,
    choices: result.choices.map((choice) => encodeChoice(choice, meta)),
  };
  if (result.usage) body.usage = encodeUsage(result.usage) satisfies OpenAIUsage;
  if (result.systemFingerprint) body.system_fingerprint = result.systemFingerprint;
  if (result.serviceTier) body.service_tier = result.serviceTier;
  return body;
}

function encodeChoice(choice: ChatChoice, meta: ResponseMeta) {
  let text: string | null = null;
  let refusal: string | null = null;
  let reasoningText = '';
  const reasoningDetails: ReasoningDetail[] = [];
  const toolCalls: unknown[] = [];
  const images: ChatImage[] = [];
  for (const part of choice.content) {
    switch (part.type) {
      case 'text':
        text = (text ?? '') + part.text;
        break;
      case 'refusal':
        refusal = (refusal ?? '') + part.text;
        break;
      case 'reasoning':
        reasoningText += part.text;
        reasoningDetails.push(reasoningDetail(part, reasoningDetails.length, meta.reasoningFormat));
        break;
      case 'tool-call':
        toolCalls.push({
          id: joinToolCallId(part.id, part.signature),
          type: 'function',
          function: { name: part.name, arguments: part.arguments },
        });
        break;
      case 'generated-image':
        images.push(encodeGeneratedImage(part, meta.provider));
        break;
      default: {
        const exhaustive: never = part;
        return exhaustive;
      }
    }
  }
  const message: Record<string, unknown> = { role: 'assistant', content: text, refusal };
  if (reasoningText) message.reasoning_content = reasoningText;
  // Details only matter when there is something to round-trip (a signature or redacted data).
  if (reasoningDetails.some((detail) => detail.signature || detail.data)) message.reasoning_details = reasoningDetails;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  if (images.length > 0) message.images = images;
  return {
    index: choice.index,
    message,
    logprobs: choice.logprobs ?? null,
    finish_reason: encodeFinishReason(choice.finishReason.unified),
    native_finish_reason: choice.finishReason.raw ?? null,
  };
}

function reasoningDetail(
  part: { text: string; signature?: string; redactedData?: string },
  index: number,
  format: string | undefined,
): ReasoningDetail {
  if (part.redactedData) return withFormat({ type: 'reasoning.encrypted', index, data: part.redactedData }, format);
  const detail: ReasoningDetail = { type: 'reasoning.text', index, text: part.text };
  if (part.signature) detail.signature = part.signature;
  return withFormat(detail, format);
}

function withFormat(detail: ReasoningDetail, format: string | undefined): ReasoningDetail {
  if (format) detail.format = format;
  return detail;
}
