import type { AssistantContentPart, AssistantMessage, Message, ReasoningPart } from '../../ir/index.js';
import { splitToolCallId } from '../common/tool-call-id.js';
import { LOCAL_SHELL_TOOL_NAME, localShellArguments } from './client-run-tools.js';
import { decodeInputPart, decodeToolOutput } from './decode-content.js';
import { imageFromGenerationItem } from './image-generation-item.js';
import { itemToolName } from './namespace-tools.js';
import { openReasoning } from './reasoning-envelope.js';
import {
  assistantMessageItem,
  customToolCallItem,
  customToolCallOutputItem,
  functionCallItem,
  functionCallOutputItem,
  itemReference,
  localShellCallItem,
  localShellCallOutputItem,
  reasoningItem,
  userMessageItem,
} from './request-schema.js';
import { invalidField, parseField } from './schema-error.js';

/** One Responses input item as JSON (what a client sends and what the store keeps). */
export type ResponseItem = Record<string, unknown>;

export interface DecodeItemsOptions {
  /** Items of the stored conversation (`previous_response_id`), decoded before `items`. */
  history?: readonly unknown[];
  /** Resolves an `item_reference` (a stored item by id); without it a reference is a 400. */
  resolveItemReference?: (id: string) => ResponseItem | undefined;
}

/**
 * Items the vendor's own tools produced (web search, code interpreter, MCP, shell, compaction...).
 * They mean something to OpenAI only: an OpenAI upstream receives the client's body untouched, and
 * for any other vendor the request's server tools already refuse it, so the IR skips them.
 */
const VENDOR_ITEM_TYPES: ReadonlySet<string> = new Set([
  'web_search_call',
  'file_search_call',
  'computer_call',
  'computer_call_output',
  'code_interpreter_call',
  'image_generation_call',
  'shell_call',
  'shell_call_output',
  'apply_patch_call',
  'apply_patch_call_output',
  'mcp_list_tools',
  'mcp_approval_request',
  'mcp_approval_response',
  'mcp_call',
  'tool_search_call',
  'tool_search_output',
  'compaction',
]);

/**
 * Input items → IR messages. Assistant-side items in a row (reasoning, assistant messages,
 * function calls) form one assistant turn, in order, so reasoning stays attached to the turn it
 * preceded; a user/system message or a tool output ends the turn.
 */
export function decodeInputItems(items: readonly unknown[], at: string, options: DecodeItemsOptions = {}): Message[] {
  const decoder = new ItemDecoder(options);
  for (const [index, item] of (options.history ?? []).entries()) {
    decoder.add(item, `previous_response_id.items[${index}]`, 0);
  }
  for (const [index, item] of items.entries()) decoder.add(item, `${at}[${index}]`, 0);
  return decoder.finish();
}

class ItemDecoder {
  private readonly messages: Message[] = [];
  private turn: AssistantMessage | undefined;
  /** Tool outputs name their tool only through the call id. */
  private readonly toolNames = new Map<string, string>();

  constructor(private readonly options: DecodeItemsOptions) {}

  add(item: unknown, at: string, depth: number): void {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw invalidField(at, `Invalid value for '${at}': each input item must be an object.`);
    }
    const record = item as Record<string, unknown>;
    const type = itemType(record);
    switch (type) {
      case 'message':
        this.message(record, at);
        return;
      case 'function_call': {
        const call = parseField(functionCallItem, record, at);
        this.toolCall(call.call_id, itemToolName(record, call.name), call.arguments || '{}');
        return;
      }
      case 'custom_tool_call': {
        // A freeform tool's input is text; as history for any model it reads as `{"input": ...}`.
        const call = parseField(customToolCallItem, record, at);
        this.toolCall(call.call_id, itemToolName(record, call.name), JSON.stringify({ input: call.input }));
        return;
      }
      case 'local_shell_call': {
        // Codex's shell for codex-mini models; for any other model it was a `local_shell` function call.
        const call = parseField(localShellCallItem, record, at);
        this.toolCall(call.call_id, LOCAL_SHELL_TOOL_NAME, localShellArguments(call.action));
        return;
      }
      case 'local_shell_call_output': {
        const output = parseField(localShellCallOutputItem, record, at);
        const callId = output.call_id ?? output.id;
        if (!callId) throw invalidField(`${at}.call_id`, `Missing required parameter: '${at}.call_id'.`);
        this.toolOutput(callId, decodeToolOutput(output.output, `${at}.output`));
        return;
      }
      case 'function_call_output': {
        const output = parseField(functionCallOutputItem, record, at);
        this.toolOutput(output.call_id, decodeToolOutput(output.output, `${at}.output`));
        return;
      }
      case 'custom_tool_call_output': {
        const output = parseField(customToolCallOutputItem, record, at);
        this.toolOutput(output.call_id, decodeToolOutput(output.output, `${at}.output`));
        return;
      }
      case 'reasoning':
        this.reasoning(record, at);
        return;
      case 'item_reference':
        this.reference(record, at, depth);
        return;
      case 'image_generation_call': {
        const image = imageFromGenerationItem(record);
        if (image) this.openTurn().content.push(image);
        return;
      }
      default:
        if (typeof type === 'string' && VENDOR_ITEM_TYPES.has(type)) return;
        throw invalidField(
          `${at}.type`,
          typeof type === 'string'
            ? `Invalid value for '${at}.type': unsupported input item type '${type.slice(0, 100)}'.`
            : `Missing required parameter: '${at}.type'.`,
        );
    }
  }

  finish(): Message[] {
    this.closeTurn();
    return this.messages;
  }

  private message(record: Record<string, unknown>, at: string): void {
    if (record.role === 'assistant') {
      const message = parseField(assistantMessageItem, record, at);
      const turn = this.openTurn();
      if (typeof message.content === 'string') {
        if (message.content) turn.content.push({ type: 'text', text: message.content });
        return;
      }
      for (const part of message.content) {
        turn.content.push(
          part.type === 'refusal' ? { type: 'refusal', text: part.refusal } : { type: 'text', text: part.text },
        );
      }
      return;
    }
    const message = parseField(userMessageItem, record, at);
    this.closeTurn();
    if (message.role === 'user') {
      const content =
        typeof message.content === 'string'
          ? [{ type: 'text' as const, text: message.content }]
          : message.content.map((part, index) => decodeInputPart(part, `${at}.content[${index}]`));
      this.messages.push({ role: 'user', content });
      return;
    }
    const content =
      typeof message.content === 'string'
        ? [{ type: 'text' as const, text: message.content }]
        : message.content.map((part, index) => {
            if (part.type !== 'input_text') {
              throw invalidField(
                `${at}.content[${index}].type`,
                `Invalid value for '${at}.content[${index}].type': ${message.role} messages take only input_text.`,
              );
            }
            return { type: 'text' as const, text: part.text };
          });
    this.messages.push({ role: message.role, content });
  }

  private toolCall(callId: string, name: string, args: string): void {
    const { id, signature } = splitToolCallId(callId);
    this.toolNames.set(id, name);
    const part: AssistantContentPart = { type: 'tool-call', id, name, arguments: args };
    if (signature) part.signature = signature;
    this.openTurn().content.push(part);
  }

  private toolOutput(callId: string, content: ReturnType<typeof decodeToolOutput>): void {
    this.closeTurn();
    const { id } = splitToolCallId(callId);
    const toolName = this.toolNames.get(id);
    this.messages.push(
      toolName ? { role: 'tool', toolCallId: id, toolName, content } : { role: 'tool', toolCallId: id, content },
    );
  }

  private reasoning(record: Record<string, unknown>, at: string): void {
    const item = parseField(reasoningItem, record, at);
    // Summaries are what the client was shown; raw reasoning text (`content`) is what open models return.
    const text = (item.content?.length ? item.content : (item.summary ?? [])).map((part) => part.text).join('\n\n');
    let part: ReasoningPart | undefined;
    if (item.encrypted_content) {
      part = openReasoning(item.encrypted_content);
      if (!part) {
        throw invalidField(
          `${at}.encrypted_content`,
          `Invalid value for '${at}.encrypted_content': not a valid reasoning envelope.`,
        );
      }
    } else if (text) {
      part = { type: 'reasoning', text };
    }
    if (part) this.openTurn().content.push(part);
  }

  private reference(record: Record<string, unknown>, at: string, depth: number): void {
    const reference = parseField(itemReference, record, at);
    const resolved = depth === 0 ? this.options.resolveItemReference?.(reference.id) : undefined;
    if (!resolved) {
      throw invalidField(
        `${at}.id`,
        `Item references are not supported here ('${at}'): send the item itself, or use previous_response_id.`,
      );
    }
    this.add(resolved, at, depth + 1);
  }

  private openTurn(): AssistantMessage {
    this.turn ??= { role: 'assistant', content: [] };
    return this.turn;
  }

  private closeTurn(): void {
    if (this.turn && this.turn.content.length > 0) this.messages.push(this.turn);
    this.turn = undefined;
  }
}

/** An item's type; the easy message form omits it, an item reference may too. */
export function itemType(record: Record<string, unknown>): unknown {
  if (record.type !== undefined) return record.type;
  if (record.role !== undefined) return 'message';
  if (typeof record.id === 'string' && Object.keys(record).length === 1) return 'item_reference';
  return undefined;
}
