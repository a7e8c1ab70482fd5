/**
 * The most input tokens a vendor can bill for a request, computed without a tokenizer: a hold
 * sized from it cannot be beaten by the prompt's text, whatever the text is.
 *
 * Why bytes: every tokenizer the vendors use (byte-level BPE: OpenAI, Anthropic, Llama, Qwen,
 * DeepSeek; SentencePiece with byte fallback: Gemini, Mistral) makes a token of at least one byte
 * of UTF-8, so a text of N bytes is at most N tokens; what it adds around the text (roles,
 * separators, a SentencePiece word prefix) is a few tokens per message, allowed for below. A quick
 * estimate of "2.5 characters a token" was beaten 2.5× by `"a1"` repeated (one token a byte).
 *
 * The parts a vendor tokenizes as written (message text, names, ids, tool-call arguments) are kept
 * apart, so an exact count can replace their bytes where it decides between admitting and refusing
 * (prompt-refine.ts). Tool definitions, schemas and unknown pass-through fields count by their JSON
 * bytes (vendors render them in their own formats, never longer than a token per byte plus
 * framing); images, files and audio at the vendor's worst case (media-bounds.ts). No vendor can
 * bill more input than the model accepts, so the catalog's input window caps the whole.
 */
import type { ChatRequest, Message } from '../ir/index.js';
import type { MediaCeilings } from './media-bounds.js';

/**
 * Framing allowances, generous on purpose (they are tokens, but small next to any real prompt):
 * - per message: role and separators (OpenAI's ChatML uses 3–4; the other chat templates are alike);
 * - per tool call or tool result: its wrapper (`functions.name`, ids, JSON punctuation);
 * - once when tools are declared: Anthropic adds a tool-use system prompt of up to 346 tokens
 *   (docs.anthropic.com, "Tool use", pricing), the others less;
 * - per tool definition: its wrapper besides its JSON;
 * - once for a response format: Anthropic's JSON instruction is ~40 tokens of text besides the schema;
 * - the reply's priming tokens.
 */
export const MESSAGE_FRAMING_TOKENS = 16;
export const TOOL_CALL_FRAMING_TOKENS = 16;
export const TOOL_USE_PROMPT_TOKENS = 512;
export const TOOL_DEFINITION_FRAMING_TOKENS = 16;
export const RESPONSE_FORMAT_FRAMING_TOKENS = 128;
export const REPLY_PRIMING_TOKENS = 8;

export interface PromptParts {
  /** Text the vendor tokenizes as it is: an exact count may replace its UTF-8 bytes. */
  texts: string[];
  /** Everything else, already in tokens: framing, JSON bytes, media ceilings. */
  fixedTokens: number;
}

export interface PromptLimits {
  media: MediaCeilings;
  /** The model's input window from the catalog, when known. */
  contextWindow?: number;
}

/** The parts of a request's input, for the bound and for an exact count. */
export function promptParts(request: ChatRequest, media: MediaCeilings): PromptParts {
  const texts: string[] = [];
  let fixed = REPLY_PRIMING_TOKENS;
  const text = (value: string | undefined) => {
    if (value) texts.push(value);
  };
  const opaque = (value: string | undefined) => {
    if (value) fixed += Buffer.byteLength(value);
  };
  for (const message of request.messages) {
    // Not `fixed += messageTokens(...)`: that reads `fixed` before the call adds opaque bytes to it.
    const framing = messageTokens(message, media, text, opaque);
    fixed += framing;
  }
  const tools = request.tools ?? [];
  if (tools.length > 0) fixed += TOOL_USE_PROMPT_TOKENS;
  for (const tool of tools) {
    fixed += TOOL_DEFINITION_FRAMING_TOKENS;
    text(tool.name);
    text(tool.description);
    opaque(JSON.stringify(tool.parameters));
  }
  const format = request.responseFormat;
  if (format && format.type !== 'text') {
    fixed += RESPONSE_FORMAT_FRAMING_TOKENS;
    if (format.type === 'json_schema') {
      text(format.name);
      text(format.description);
      opaque(JSON.stringify(format.schema));
    }
  }
  // Unknown fields pass through to OpenAI-compatible upstreams verbatim and may carry text the
  // vendor tokenizes (documents, predictions, search options): counted by their JSON bytes.
  if (request.extraBody) opaque(JSON.stringify(request.extraBody));
  return { texts, fixedTokens: fixed };
}

/** Adds a message's text through `text`, opaque strings through `opaque`; returns its other tokens. */
function messageTokens(
  message: Message,
  media: MediaCeilings,
  text: (value: string | undefined) => void,
  opaque: (value: string | undefined) => void,
): number {
  let fixed = MESSAGE_FRAMING_TOKENS;
  if ('name' in message) text(message.name);
  if (message.role === 'tool') {
    fixed += TOOL_CALL_FRAMING_TOKENS;
    text(message.toolCallId);
    text(message.toolName);
  }
  for (const part of message.content) {
    switch (part.type) {
      case 'text':
      case 'refusal':
        text(part.text);
        if (part.type === 'text') opaque(part.signature);
        break;
      case 'reasoning':
        // Replayed thinking is input where the vendor accepts it back; redacted thinking and
        // signatures are opaque ciphertext, at least as long as what they stand for.
        text(part.text);
        opaque(part.redactedData);
        opaque(part.signature);
        break;
      case 'tool-call':
        fixed += TOOL_CALL_FRAMING_TOKENS;
        text(part.id);
        text(part.name);
        text(part.arguments);
        opaque(part.signature);
        break;
      case 'image':
        fixed += media.imageTokens;
        break;
      case 'generated-image':
        // An image the model made, sent back in history: input like any image, plus its signature.
        fixed += media.imageTokens;
        opaque(part.signature);
        break;
      case 'file':
        fixed += fileTokens(part.source, part.mediaType, media);
        break;
      case 'audio':
        fixed += media.audioTokens(base64Bytes(part.data));
        break;
      default: {
        const exhaustive: never = part;
        return exhaustive;
      }
    }
  }
  return fixed;
}

/**
 * An inline text file is text: its decoded bytes (counted without decoding it). Any other file,
 * or a file by URL, is billed at the ceiling (its pages and size are unknown before the call).
 */
function fileTokens(
  source: { kind: 'url'; url: string } | { kind: 'base64'; mediaType: string; data: string },
  mediaType: string | undefined,
  media: MediaCeilings,
): number {
  const type = mediaType ?? (source.kind === 'base64' ? source.mediaType : undefined);
  if (source.kind === 'base64' && isTextMedia(type)) return TOOL_CALL_FRAMING_TOKENS + base64Bytes(source.data);
  return media.fileTokens;
}

function isTextMedia(mediaType: string | undefined): boolean {
  return !!mediaType && (mediaType.startsWith('text/') || mediaType === 'application/json');
}

/** Decoded size of base64 text, rounded up, without decoding it. */
function base64Bytes(data: string): number {
  return Math.ceil((data.length * 3) / 4);
}

/** Bytes of the texts plus the fixed tokens, capped by the input window. */
export function promptTokenBound(parts: PromptParts, limits: Pick<PromptLimits, 'contextWindow'>): number {
  let tokens = parts.fixedTokens;
  for (const text of parts.texts) tokens += Buffer.byteLength(text);
  return capToWindow(tokens, limits.contextWindow);
}

/** No vendor bills more input than the model accepts. */
export function capToWindow(tokens: number, contextWindow: number | undefined): number {
  return contextWindow !== undefined && contextWindow > 0 ? Math.min(tokens, contextWindow) : tokens;
}
