import type { AssistantContentPart, TextPart, ToolResultContentPart, UserContentPart } from './content.js';

/**
 * One turn of a conversation. System and developer messages stay in place in the list;
 * providers whose API takes a separate system field hoist them.
 */
export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

export interface SystemMessage {
  role: 'system' | 'developer';
  content: TextPart[];
  name?: string;
}

export interface UserMessage {
  role: 'user';
  content: UserContentPart[];
  name?: string;
}

export interface AssistantMessage {
  role: 'assistant';
  /** In order: reasoning first (when present), then text and tool calls as produced. */
  content: AssistantContentPart[];
  name?: string;
}

export interface ToolMessage {
  role: 'tool';
  toolCallId: string;
  /** The tool's name, when the client supplied it or it can be found from the matching call. */
  toolName?: string;
  content: ToolResultContentPart[];
  /** The tool reported a failure (Anthropic `is_error`); vendors without the flag see only the content. */
  isError?: boolean;
}
