import type { ChatResult } from '../../ir/index.js';
import type { ResponseMeta } from '../surface.js';
import { type AnthropicContentBlock, encodeContentBlocks } from './encode-content.js';
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
  usage: AnthropicUsage;
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
  return {
    id: messageId(meta.requestId),
    type: 'message',
    role: 'assistant',
    model: meta.model,
    content: encodeContentBlocks(parts, meta.provider),
    stop_reason: stop.stop_reason,
    stop_sequence: stop.stop_sequence,
    usage: encodeAnthropicUsage(result.usage, result.serviceTier),
  };
}
