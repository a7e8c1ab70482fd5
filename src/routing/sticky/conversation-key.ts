import { createHash } from 'node:crypto';
import type { ChatRequest, Message } from '../../ir/index.js';

/** Where a conversation's identity came from (the request log and tests tell them apart). */
export type ConversationSource = 'prompt-cache-key' | 'session-header' | 'prefix';

export interface ConversationKey {
  /** 32 hex characters: bounded in memory and in Redis whatever the client sent. */
  key: string;
  source: ConversationSource;
}

/** The client's own session header (Claude Code, Cherry Studio and scripts send one). */
export const SESSION_HEADER = 'x-session-id';

/**
 * Longest string hashed whole. A first message carrying a 20 MB image would otherwise cost tens of
 * milliseconds of JSON and SHA-256 per request; the head and tail plus the length tell strings
 * apart well enough, and a collision only makes two conversations prefer the same key (harmless:
 * stickiness is a routing preference, never a correctness boundary).
 */
const MAX_STRING_CHARS = 2 * 1024;

/**
 * The identity of one conversation, for sticky routing: the client's `promptCacheKey` (Responses
 * `prompt_cache_key`, Anthropic `metadata.user_id`, Chat Completions `prompt_cache_key`), else its
 * `x-session-id` header, else a hash of what stays the same over the turns (model, system
 * messages, first user message). Always scoped by the caller's user and the requested model: two
 * users sending the same `prompt_cache_key` never share a route, nor one user's two models.
 */
export function conversationKey(
  request: Pick<ChatRequest, 'model' | 'messages' | 'promptCacheKey'>,
  headers: Record<string, string | string[] | undefined>,
  userId: string,
): ConversationKey {
  const session = firstValue(headers[SESSION_HEADER]);
  let source: ConversationSource;
  let identity: string;
  if (typeof request.promptCacheKey === 'string' && request.promptCacheKey !== '') {
    source = 'prompt-cache-key';
    identity = request.promptCacheKey;
  } else if (session) {
    source = 'session-header';
    identity = session;
  } else {
    source = 'prefix';
    identity = stablePrefix(request.messages);
  }
  const hash = createHash('sha256');
  // Length-prefixed fields: no choice of user id or model can make two tuples hash alike.
  for (const field of [userId, request.model, source, identity]) hash.update(`${field.length}:${field}\n`);
  return { key: hash.digest('hex').slice(0, 32), source };
}

/** System and developer messages, and the first user message: what a growing conversation keeps. */
function stablePrefix(messages: readonly Message[]): string {
  const stable: Message[] = [];
  for (const message of messages) {
    if (message.role === 'system' || message.role === 'developer') stable.push(message);
    else if (message.role === 'user') {
      stable.push(message);
      break;
    }
  }
  return JSON.stringify(stable, sampled);
}

/** JSON replacer: long strings (inline images, files, huge texts) stand in as length, head and tail. */
function sampled(_key: string, value: unknown): unknown {
  if (typeof value !== 'string' || value.length <= MAX_STRING_CHARS) return value;
  const half = MAX_STRING_CHARS / 2;
  return `${value.length}:${value.slice(0, half)}${value.slice(-half)}`;
}

function firstValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' && first.trim() !== '' ? first : undefined;
}
