import { createHash } from 'node:crypto';
import type { AssistantMessage, Message, ReasoningPart, ToolMessage, UserContentPart } from '../../ir/index.js';
import {
  assertNever,
  convertTextContent,
  convertUserContentPart,
  type OpenAITextContentPart,
  type OpenAIUserContentPart,
} from './convert-content.js';
import type { OpenAIDialect } from './dialect.js';

export interface OpenAIToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type OpenAIReasoningDetail =
  | { type: 'reasoning.text'; text: string; signature?: string; index: number }
  | { type: 'reasoning.encrypted'; data: string; index: number };

export type OpenAIChatMessage =
  | { role: 'system' | 'developer'; content: string | OpenAITextContentPart[]; name?: string }
  | { role: 'user'; content: string | OpenAIUserContentPart[]; name?: string }
  | {
      role: 'assistant';
      content: string | null | MistralAssistantContent[];
      name?: string;
      refusal?: string;
      tool_calls?: OpenAIToolCall[];
      reasoning_content?: string;
      reasoning_details?: OpenAIReasoningDetail[];
    }
  | { role: 'tool'; tool_call_id: string; content: string | OpenAITextContentPart[] };

export type MistralAssistantContent = { type: 'thinking'; thinking: OpenAITextContentPart[] } | OpenAITextContentPart;

export interface ConvertedMessages {
  messages: OpenAIChatMessage[];
  droppedParams: string[];
}

/** Stands in for a tool result whose content was all media (moved to the user message after it). */
export const TOOL_MEDIA_PLACEHOLDER = '[tool result content attached in the next message]';

/** IR messages as OpenAI Chat Completions messages, adapted to the vendor's dialect. */
export function convertMessagesToOpenAI(messages: readonly Message[], dialect: OpenAIDialect): ConvertedMessages {
  const output: OpenAIChatMessage[] = [];
  const dropped = new Set<string>();
  const echoTurns = dialect.reasoningEcho === 'reasoning_content_tool_turns' ? turnsWithToolCalls(messages) : undefined;
  let pendingToolMedia: OpenAIUserContentPart[] = [];
  let userTurn = 0;

  const withName = (message: OpenAIChatMessage, name: string | undefined): OpenAIChatMessage => {
    if (name === undefined || message.role === 'tool') return message;
    if (!dialect.supportsMessageNames) {
      dropped.add('messages[].name');
      return message;
    }
    return { ...message, name };
  };

  for (const message of messages) {
    if (message.role !== 'tool' && pendingToolMedia.length > 0) {
      output.push({ role: 'user', content: pendingToolMedia });
      pendingToolMedia = [];
    }
    switch (message.role) {
      case 'system':
      case 'developer': {
        const role = message.role === 'developer' && !dialect.supportsDeveloperRole ? 'system' : message.role;
        output.push(withName({ role, content: convertTextContent(message.content, dialect) }, message.name));
        break;
      }
      case 'user':
        userTurn += 1;
        output.push(withName({ role: 'user', content: convertUserContent(message.content) }, message.name));
        break;
      case 'assistant': {
        const echo = echoTurns ? echoTurns.has(userTurn) : dialect.reasoningEcho !== 'none';
        output.push(withName(convertAssistantMessage(message, dialect, echo), message.name));
        break;
      }
      case 'tool': {
        const { toolMessage, media } = convertToolMessage(message, dialect);
        output.push(toolMessage);
        pendingToolMedia.push(...media);
        break;
      }
      default:
        assertNever(message);
    }
  }
  if (pendingToolMedia.length > 0) output.push({ role: 'user', content: pendingToolMedia });
  return { messages: output, droppedParams: [...dropped] };
}

function convertUserContent(parts: readonly UserContentPart[]): string | OpenAIUserContentPart[] {
  if (parts.length === 1 && parts[0].type === 'text') return parts[0].text;
  return parts.map(convertUserContentPart);
}

function convertAssistantMessage(
  message: AssistantMessage,
  dialect: OpenAIDialect,
  echoReasoning: boolean,
): OpenAIChatMessage {
  let text = '';
  let refusal = '';
  const toolCalls: OpenAIToolCall[] = [];
  const reasoning: ReasoningPart[] = [];
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
        text += part.text;
        break;
      case 'refusal':
        refusal += part.text;
        break;
      case 'reasoning':
        reasoning.push(part);
        break;
      case 'tool-call':
        toolCalls.push({
          id: toolCallId(part.id, dialect),
          type: 'function',
          // An empty string is not JSON; vendors reject it for argument-less calls.
          function: { name: part.name, arguments: part.arguments === '' ? '{}' : part.arguments },
        });
        break;
      case 'generated-image':
        // An assistant message in Chat Completions holds text, refusal and tool calls only: an
        // image a Gemini model generated earlier in the conversation has no place and is left out.
        break;
      default:
        assertNever(part);
    }
  }
  const result: Extract<OpenAIChatMessage, { role: 'assistant' }> = {
    role: 'assistant',
    content: text === '' && toolCalls.length > 0 ? null : text,
  };
  if (refusal !== '' && dialect.isOpenAI) result.refusal = refusal;
  if (toolCalls.length > 0) result.tool_calls = toolCalls;
  if (echoReasoning && reasoning.length > 0) addReasoningEcho(result, reasoning, dialect);
  return result;
}

function addReasoningEcho(
  message: Extract<OpenAIChatMessage, { role: 'assistant' }>,
  reasoning: readonly ReasoningPart[],
  dialect: OpenAIDialect,
): void {
  if (dialect.reasoningEcho === 'mistral_thinking') {
    const thinking: MistralAssistantContent = {
      type: 'thinking',
      thinking: reasoning.filter((part) => part.text !== '').map((part) => ({ type: 'text', text: part.text })),
    };
    if (thinking.thinking.length === 0) return;
    const text = typeof message.content === 'string' && message.content !== '' ? message.content : undefined;
    message.content = text !== undefined ? [thinking, { type: 'text', text }] : [thinking];
    return;
  }
  if (dialect.reasoningEcho === 'reasoning_details') {
    message.reasoning_details = reasoning.map((part, index): OpenAIReasoningDetail => {
      if (part.redactedData !== undefined) return { type: 'reasoning.encrypted', data: part.redactedData, index };
      return part.signature !== undefined
        ? { type: 'reasoning.text', text: part.text, signature: part.signature, index }
        : { type: 'reasoning.text', text: part.text, index };
    });
    return;
  }
  const text = reasoning.map((part) => part.text).join('');
  if (text !== '') message.reasoning_content = text;
}

function convertToolMessage(
  message: ToolMessage,
  dialect: OpenAIDialect,
): { toolMessage: OpenAIChatMessage; media: OpenAIUserContentPart[] } {
  const texts = message.content.filter((part) => part.type === 'text');
  const mediaParts = message.content.filter((part) => part.type !== 'text');
  const id = toolCallId(message.toolCallId, dialect);
  const content =
    texts.length > 0 ? convertTextContent(texts, dialect) : mediaParts.length > 0 ? TOOL_MEDIA_PLACEHOLDER : '';
  const media: OpenAIUserContentPart[] =
    mediaParts.length === 0
      ? []
      : [{ type: 'text', text: `Content of tool result ${id}:` }, ...mediaParts.map(convertUserContentPart)];
  return { toolMessage: { role: 'tool', tool_call_id: id, content }, media };
}

/** User-turn numbers (counted from the start) in which some assistant message called a tool. */
function turnsWithToolCalls(messages: readonly Message[]): Set<number> {
  const turns = new Set<number>();
  let userTurn = 0;
  for (const message of messages) {
    if (message.role === 'user') userTurn += 1;
    else if (message.role === 'assistant' && message.content.some((part) => part.type === 'tool-call'))
      turns.add(userTurn);
  }
  return turns;
}

const ALPHANUMERIC9 = /^[A-Za-z0-9]{9}$/;

/** Mistral accepts only nine-character alphanumeric ids: others are mapped, the same way every time. */
export function toolCallId(id: string, dialect: OpenAIDialect): string {
  if (dialect.toolCallIdFormat !== 'alphanumeric9' || ALPHANUMERIC9.test(id)) return id;
  return createHash('sha256').update(id).digest('hex').slice(0, 9);
}
