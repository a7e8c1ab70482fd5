import type { ChatUsage, ReasoningDetail, ToolCallState } from './chat-stream';

/** An image attached to a user turn, as a data URL (sent inline; never uploaded elsewhere). */
export interface Attachment {
  id: string;
  name: string;
  mediaType: string;
  /** `data:image/png;base64,...`; empty when it was dropped to fit the session storage. */
  dataUrl: string;
  size: number;
}

/** Why a reply failed, in a form that can be stored and translated later. */
export interface ReplyError {
  /** HTTP status; 0 for no answer; 200 for an error inside the stream. */
  status: number;
  code: string | null;
  /** The server's own message (English). */
  message: string;
  retryAfterSeconds: number | null;
  requestId: string | null;
  /** When the error arrived (for the retry-after countdown). */
  at: number;
}

export interface ReplyStats {
  requestId: string | null;
  /** The upstream model and vendor that answered (`x-aihub-model`, `x-aihub-provider`). */
  servedModel: string | null;
  provider: string | null;
  usage: ChatUsage | null;
  /** Units, from the usage × the sale price, shown at once. */
  estimatedCost: number | null;
  /** Units, from the request log (the charge), when it arrived. */
  loggedCost: number | null;
  /** `pending` while the log is asked; `failed` when it never came. */
  loggedState: 'pending' | 'done' | 'failed' | 'none';
  ttftMs: number | null;
  totalMs: number | null;
  droppedParams: string[];
  cache: string | null;
}

export type TurnStatus = 'streaming' | 'done' | 'stopped' | 'error';

export interface UserTurn {
  id: string;
  role: 'user';
  content: string;
  attachments: Attachment[];
}

export interface AssistantTurn {
  id: string;
  role: 'assistant';
  /** The model it was asked of. */
  model: string;
  content: string;
  reasoning: string;
  reasoningDetails: ReasoningDetail[];
  /** Milliseconds spent reasoning (first reasoning token until the answer began or ended). */
  reasoningMs: number | null;
  refusal: string;
  toolCalls: ToolCallState[];
  finishReason: string | null;
  status: TurnStatus;
  stats: ReplyStats | null;
  error: ReplyError | null;
  /** Epoch ms when the request started (for a live "thinking" timer). */
  startedAt: number;
}

/** The result of a tool call, typed in by the user. */
export interface ToolTurn {
  id: string;
  role: 'tool';
  toolCallId: string;
  name: string;
  content: string;
}

export type Turn = UserTurn | AssistantTurn | ToolTurn;

/** One conversation with one model; compare mode shows two or three side by side. */
export interface Column {
  id: string;
  model: string | null;
  turns: Turn[];
}

export type ReasoningMode = 'default' | 'effort' | 'budget';
export const REASONING_EFFORTS = ['minimal', 'low', 'medium', 'high'] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

export interface PlaygroundSettings {
  systemPrompt: string;
  /** Null: the model's default. */
  temperature: number | null;
  maxTokens: number | null;
  reasoningMode: ReasoningMode;
  reasoningEffort: ReasoningEffort;
  thinkingBudget: number;
  /** A JSON array of tool definitions (OpenAI format); empty: no tools. */
  toolsJson: string;
}

export interface PlaygroundState {
  compare: boolean;
  columns: Column[];
  settings: PlaygroundSettings;
}

export const DEFAULT_SETTINGS: PlaygroundSettings = {
  systemPrompt: '',
  temperature: null,
  maxTokens: null,
  reasoningMode: 'default',
  reasoningEffort: 'medium',
  thinkingBudget: 4096,
  toolsJson: '',
};

export const MAX_COLUMNS = 3;

let counter = 0;
/** A short unique id (works without crypto.randomUUID, which plain-HTTP pages lack). */
export function newId(prefix = 't'): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36)}${counter.toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}
