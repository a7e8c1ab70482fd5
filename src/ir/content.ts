/**
 * Content parts: the pieces a message is made of, independent of any vendor's wire format.
 * Binary data is carried as base64 text so the IR stays JSON-serialisable.
 */

/** Where binary content comes from: a URL (http(s) or data:) or inline base64 bytes. */
export type BinarySource = { kind: 'url'; url: string } | { kind: 'base64'; mediaType: string; data: string };

/**
 * A prompt-cache breakpoint (Anthropic `cache_control`, sent by OpenAI clients the way OpenRouter
 * accepts it on content parts). Vendors with automatic caching ignore it.
 */
export interface CacheControl {
  type: 'ephemeral';
  ttl?: '5m' | '1h';
}

export interface TextPart {
  type: 'text';
  text: string;
  cacheControl?: CacheControl;
  /** Gemini attaches thought signatures to ordinary text parts as well as to function calls. */
  signature?: string;
}

export interface ImagePart {
  type: 'image';
  source: BinarySource;
  /** OpenAI's `detail` hint (`low`, `high`, `auto`); other vendors ignore it. */
  detail?: string;
  cacheControl?: CacheControl;
}

export interface FilePart {
  type: 'file';
  source: BinarySource;
  /** MIME type when known (`application/pdf`, ...). For a base64 source it equals source.mediaType. */
  mediaType?: string;
  filename?: string;
  cacheControl?: CacheControl;
  /**
   * Anthropic document citations (`citations: {enabled: true}`): the answer cites passages of this
   * document. Only Anthropic honours it; other providers refuse the request rather than drop it.
   */
  citations?: boolean;
}

export interface AudioPart {
  type: 'audio';
  /** base64 bytes */
  data: string;
  /** `wav`, `mp3`, ... as OpenAI's `input_audio.format`. */
  format: string;
}

/** Model reasoning ("thinking"). `signature` must be sent back unchanged for Anthropic and Gemini. */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  signature?: string;
  /**
   * Which vendor issued `signature`/`redactedData` (`anthropic`, `gemini`...), when known. A
   * signature only means something to its issuer: replayed to another vendor it is dropped.
   */
  signatureProvider?: string;
  /** Anthropic `redacted_thinking` (opaque, encrypted). When set, `text` is empty. */
  redactedData?: string;
}

/** A tool call the model made. `arguments` is the JSON text of the arguments, exactly as produced. */
export interface ToolCallPart {
  type: 'tool-call';
  id: string;
  name: string;
  arguments: string;
  /** Gemini thought signature attached to this functionCall part. */
  signature?: string;
}

/**
 * An image the model generated in its answer (Gemini image models' `inlineData` parts). Always
 * inline bytes: no vendor answers a chat with an image URL. Kept apart from the user's `ImagePart`
 * because it carries what only an answer has: the thought signature its issuer wants back when the
 * client replays the turn (Gemini 3 image models sign their images).
 */
export interface GeneratedImagePart {
  type: 'generated-image';
  /** `image/png`, `image/jpeg`... */
  mediaType: string;
  /** base64 bytes */
  data: string;
  signature?: string;
  /** Which vendor issued `signature` (`gemini`), when known; another vendor's is dropped on replay. */
  signatureProvider?: string;
}

/** A refusal (OpenAI `refusal`, Anthropic `stop_reason: refusal` explanation). */
export interface RefusalPart {
  type: 'refusal';
  text: string;
}

export type UserContentPart = TextPart | ImagePart | FilePart | AudioPart;
export type AssistantContentPart = TextPart | ReasoningPart | ToolCallPart | RefusalPart | GeneratedImagePart;
export type ToolResultContentPart = TextPart | ImagePart | FilePart;
