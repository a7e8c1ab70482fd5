import type { ChatResult } from '../../ir/index.js';
import type { ResponseMeta } from '../surface.js';
import { type AnthropicContentBlock, encodeContentBlocks, refusalText } from './encode-content.js';
import { type AnthropicStopReason, encodeStopReason } from './encode-stop-reason.js';
import { type AnthropicUsage, encodeAnthropicUsage } from './encode-usage.js';

export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicContentBlock[];
  stop_reason: AnthropicStopReason;
  stop_sequence: string | null;
  stop_details: RefusalStopDetails | null;
  usage: AnthropicUsage;
}

/** Why the model refused (`stop_reason: "refusal"`); null otherwise. */
export interface RefusalStopDetails {
  type: 'refusal';
  category: null;
  explanation: string | null;
}

/**
 * Where refusal text goes: with `stop_reason: "refusal"` into `stop_details.explanation`, as
 * Anthropic answers; after any other stop (an OpenAI refusal ending in `stop`) it is what the
 * model said, so a text block.
 */
export function placeRefusal(
  stopReason: AnthropicStopReason,
  refusal: string | undefined,
): { stopDetails: RefusalStopDetails | null; text?: string } {
  if (stopReason === 'refusal')
    return { stopDetails: { type: 'refusal', category: null, explanation: refusal ?? null } };
  return refusal ? { stopDetails: null, text: refusal } : { stopDetails: null };
}

/** Our message id: `msg_` and AIHub's request id (letters, digits, `_` and `-` only). */
export function messageId(requestId: string): string {
  return `msg_${requestId.replace(/[^A-Za-z0-9_-]/g, '')}`;
}

/**
 * A whole answer as the Messages API returns it. Only the first choice exists in Messages
 * (decode never asks for more). `model` is the name the client asked for.
 */
export function encodeMessagesResult(result: ChatResult, meta: ResponseMeta): AnthropicMessage {
  const choice = result.choices[0];
  const parts = choice?.content ?? [];
  const stop = encodeStopReason(
    choice?.finishReason,
    parts.some((part) => part.type === 'tool-call'),
  );
  const content = encodeContentBlocks(parts, meta.provider);
  const refusal = placeRefusal(stop.stop_reason, refusalText(parts));
  if (refusal.text) content.push({ type: 'text', text: refusal.text });
  return {
    id: messageId(meta.requestId),
    type: 'message',
    role: 'assistant',
    model: meta.model,
    content,
    stop_reason: stop.stop_reason,
    stop_sequence: stop.stop_sequence,
    stop_details: refusal.stopDetails,
    usage: encodeAnthropicUsage(result.usage, result.serviceTier),
  };
}
