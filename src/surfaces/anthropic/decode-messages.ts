import { z } from 'zod';
import type { AssistantContentPart, Message, TextPart, ToolMessage, UserContentPart } from '../../ir/index.js';
import { splitToolCallId } from '../common/tool-call-id.js';
import {
  blockType,
  decodeAssistantBlock,
  decodeTextBlock,
  decodeToolResultContent,
  decodeUserBlock,
} from './decode-content.js';
import { type FieldPath, parseAt } from './invalid-request.js';
import { type AnthropicMessageInput, cacheControlSchema } from './request-schema.js';

const toolResultBlock = z.looseObject({
  type: z.literal('tool_result'),
  tool_use_id: z.string(),
  content: z.unknown().optional(),
  is_error: z.boolean().nullish(),
  cache_control: cacheControlSchema.nullish(),
});

/**
 * `messages` → IR messages, in order. Like the API, consecutive turns of the same role are
 * accepted (Anthropic merges them). A user turn holding `tool_result` blocks becomes one IR tool
 * message per result, in place, then a user message with the turn's other blocks, if any. A
 * `system` turn (Anthropic's mid-conversation system prompt) stays in place as a system message.
 */
export function decodeMessages(messages: AnthropicMessageInput[]): Message[] {
  // Tool results name their tool only through the call id; remember names to fill `toolName`.
  const toolNames = new Map<string, string>();
  const decoded: Message[] = [];
  for (const [index, message] of messages.entries()) {
    const path = ['messages', index, 'content'];
    switch (message.role) {
      case 'system': {
        const content = systemContent(message.content, path);
        if (content.length > 0) decoded.push({ role: 'system', content });
        break;
      }
      case 'assistant': {
        const content = assistantContent(message.content, path);
        for (const part of content) if (part.type === 'tool-call') toolNames.set(part.id, part.name);
        decoded.push({ role: 'assistant', content });
        break;
      }
      case 'user':
        decoded.push(...userTurn(message.content, path, toolNames));
        break;
      default: {
        const exhaustive: never = message.role;
        throw new Error(`unexpected role ${String(exhaustive)}`);
      }
    }
  }
  return decoded;
}

/** `system` as a string or text blocks (top-level, or a mid-conversation system turn). */
export function systemContent(content: unknown, path: FieldPath): TextPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  if (!Array.isArray(content)) return [];
  const parts: TextPart[] = [];
  content.forEach((block, index) => {
    // Only text has an IR form; Anthropic-only system blocks (`tool_addition`) are left out.
    if (blockType(block, [...path, index]) === 'text') parts.push(decodeTextBlock(block, [...path, index]));
  });
  return parts;
}

function assistantContent(content: AnthropicMessageInput['content'], path: FieldPath): AssistantContentPart[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  const parts: AssistantContentPart[] = [];
  content.forEach((block, index) => {
    const part = decodeAssistantBlock(block, [...path, index]);
    if (part) parts.push(part);
  });
  return parts;
}

function userTurn(
  content: AnthropicMessageInput['content'],
  path: FieldPath,
  toolNames: ReadonlyMap<string, string>,
): Message[] {
  if (typeof content === 'string') return [{ role: 'user', content: [{ type: 'text', text: content }] }];
  const results: ToolMessage[] = [];
  const rest: UserContentPart[] = [];
  content.forEach((block, index) => {
    const blockPath = [...path, index];
    if (blockType(block, blockPath) === 'tool_result') {
      results.push(toolResult(block, blockPath, toolNames));
      return;
    }
    const part = decodeUserBlock(block, blockPath);
    if (part) rest.push(part);
  });
  const turn: Message[] = [...results];
  // A turn of nothing but tool results needs no empty user message after them.
  if (rest.length > 0 || results.length === 0) turn.push({ role: 'user', content: rest });
  return turn;
}

function toolResult(block: unknown, path: FieldPath, toolNames: ReadonlyMap<string, string>): ToolMessage {
  const result = parseAt(toolResultBlock, block, path);
  const { id } = splitToolCallId(result.tool_use_id);
  const message: ToolMessage = {
    role: 'tool',
    toolCallId: id,
    content: decodeToolResultContent(result.content, [...path, 'content']),
  };
  // The IR has no breakpoint on a tool message: it moves to the result's last part, the same prefix.
  const last = message.content.at(-1);
  if (result.cache_control && last) {
    last.cacheControl = result.cache_control.ttl
      ? { type: 'ephemeral', ttl: result.cache_control.ttl }
      : { type: 'ephemeral' };
  }
  const toolName = toolNames.get(id);
  if (toolName) message.toolName = toolName;
  if (result.is_error === true) message.isError = true;
  return message;
}
