import type { AssistantContentPart, Message } from '../../ir/index.js';
import { convertToolResultContent, convertUserPart, withCacheControl } from './convert-content.js';
import type {
  AnthropicAssistantBlock,
  AnthropicMessage,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
  AnthropicUserBlock,
} from './wire-types.js';

export interface ConvertedMessages {
  system: AnthropicTextBlock[];
  messages: AnthropicMessage[];
}

/**
 * Converts IR messages to Anthropic's shape:
 * - system and developer messages, wherever they are, are hoisted to the top-level `system`;
 * - tool messages become `tool_result` blocks in a user turn;
 * - consecutive turns of the same role are merged (Anthropic requires alternation), and within a
 *   user turn `tool_result` blocks come first, as Anthropic requires;
 * - names are dropped (Anthropic has no field for them);
 * - reasoning is replayed as `thinking` (with its signature) or `redacted_thinking`; unsigned
 *   reasoning (from another vendor, or never signed) is dropped, because Anthropic rejects it;
 * - a message left with no blocks is skipped.
 */
export function convertMessages(messages: Message[]): ConvertedMessages {
  const system: AnthropicTextBlock[] = [];
  const turns: AnthropicMessage[] = [];

  for (const message of messages) {
    switch (message.role) {
      case 'system':
      case 'developer':
        for (const part of message.content) {
          if (part.text !== '') system.push(withCacheControl({ type: 'text', text: part.text }, part.cacheControl));
        }
        break;
      case 'user':
        appendUserBlocks(
          turns,
          message.content.flatMap((part) => convertUserPart(part) ?? []),
        );
        break;
      case 'tool':
        appendUserBlocks(turns, [
          toolResultBlock(message.toolCallId, convertToolResultContent(message.content), message.isError),
        ]);
        break;
      case 'assistant':
        appendAssistantBlocks(turns, message.content.flatMap(convertAssistantPart));
        break;
      default:
        assertNever(message);
    }
  }
  for (const turn of turns) if (turn.role === 'user') turn.content = toolResultsFirst(turn.content);
  return { system, messages: turns };
}

/**
 * True when the last assistant turn calls tools without starting with a signed thinking block.
 * Anthropic rejects such a request when thinking is enabled (the tool-use loop must carry the
 * thinking that led to the call), so the caller must then send the request without thinking.
 */
export function lastAssistantToolTurnLacksThinking(messages: AnthropicMessage[]): boolean {
  for (let index = messages.length - 1; index >= 0; index--) {
    const message = messages[index];
    if (message.role !== 'assistant') continue;
    if (!message.content.some((block) => block.type === 'tool_use')) return false;
    const first = message.content[0];
    return first.type !== 'thinking' && first.type !== 'redacted_thinking';
  }
  return false;
}

function convertAssistantPart(part: AssistantContentPart): AnthropicAssistantBlock[] {
  switch (part.type) {
    case 'text':
    case 'refusal':
      return part.text === '' ? [] : [{ type: 'text', text: part.text }];
    case 'reasoning':
      // Another vendor's signature means nothing to Anthropic (and would be rejected).
      if (part.signatureProvider !== undefined && part.signatureProvider !== 'anthropic') return [];
      if (part.redactedData !== undefined) return [{ type: 'redacted_thinking', data: part.redactedData }];
      if (part.signature) return [{ type: 'thinking', thinking: part.text, signature: part.signature }];
      return [];
    case 'tool-call':
      return [{ type: 'tool_use', id: part.id, name: part.name, input: parseToolInput(part.arguments) }];
    case 'generated-image':
      // Anthropic takes no image in an assistant turn (only text, tool_use and thinking blocks):
      // an image another model generated earlier in the conversation is left out of the history.
      return [];
    default:
      return assertNever(part);
  }
}

/**
 * Anthropic wants the input as a JSON object. Arguments that are empty, truncated (a call cut off
 * by max_tokens) or not an object are sent as `{}` so the conversation can continue; the original
 * text cannot be represented in Anthropic's format.
 */
function parseToolInput(argumentsText: string): Record<string, unknown> {
  if (argumentsText.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(argumentsText);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
      ? (parsed as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

function toolResultBlock(
  toolUseId: string,
  content: AnthropicToolResultBlock['content'],
  isError: boolean | undefined,
): AnthropicToolResultBlock {
  const block: AnthropicToolResultBlock = { type: 'tool_result', tool_use_id: toolUseId };
  if (content !== undefined) block.content = content;
  if (isError) block.is_error = true;
  return block;
}

function appendUserBlocks(turns: AnthropicMessage[], blocks: AnthropicUserBlock[]): void {
  if (blocks.length === 0) return;
  const last = turns.at(-1);
  if (last?.role === 'user') last.content.push(...blocks);
  else turns.push({ role: 'user', content: blocks });
}

function appendAssistantBlocks(turns: AnthropicMessage[], blocks: AnthropicAssistantBlock[]): void {
  if (blocks.length === 0) return;
  const last = turns.at(-1);
  if (last?.role === 'assistant') last.content.push(...blocks);
  else turns.push({ role: 'assistant', content: blocks });
}

function toolResultsFirst(blocks: AnthropicUserBlock[]): AnthropicUserBlock[] {
  const results = blocks.filter((block) => block.type === 'tool_result');
  if (results.length === 0 || results.length === blocks.length) return blocks;
  return [...results, ...blocks.filter((block) => block.type !== 'tool_result')];
}

function assertNever(value: never): never {
  throw new Error(`unexpected message or part: ${JSON.stringify(value)}`);
}
