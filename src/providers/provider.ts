import type { AudioUsage } from '../audio/audio-usage.js';
import type { SpeechRequest } from '../audio/speech-types.js';
import type { TranscriptionRequest, TranscriptResult } from '../audio/transcription-types.js';
import type { PcmLayout } from '../audio/wav.js';
import type { EmbeddingRequest, EmbeddingResult, ForwardableEmbeddings } from '../embeddings/embedding-types.js';
import type { ImageRequest, ImageResult } from '../images/image-types.js';
import type { ChatRequest, ChatResult, GatewayError, StreamPart } from '../ir/index.js';
import type { RerankRequest, RerankResult } from '../rerank/rerank-types.js';

/**
 * The provider contract. Everything here is pure: no I/O, no clock, no randomness except through
 * the context. The HTTP client sends `EncodedRequest.http`, parses SSE framing, and feeds events
 * to the stream decoder; the provider never touches a socket.
 */
export type ProviderId = 'openai' | 'anthropic' | 'gemini' | 'midjourney-proxy';

/** Where and as whom to call: one channel key, already chosen by the router. */
export interface UpstreamTarget {
  /**
   * Base URL as the vendor's own SDK means it: OpenAI-style ends in `/v1` (requests go to
   * `{base}/chat/completions`); Anthropic and Gemini are the host root.
   */
  baseUrl: string;
  apiKey: string;
  /** The model name the upstream knows (after the channel's model mapping). */
  model: string;
  /** Extra headers the operator configured for this channel. */
  headers?: Record<string, string>;
}

export interface ProviderContext {
  target: UpstreamTarget;
  /** Creates an id with the given prefix (`call_`, `chatcmpl-`...). Injected so tests are deterministic. */
  generateId: (prefix: string) => string;
  /** Unix time in milliseconds. */
  now: () => number;
  /** Facts about the model from the catalog, when known. */
  model?: {
    maxOutputTokens?: number;
    /** The catalog lists it as an image model (mode `image`): it answers with images by default. */
    outputsImages?: boolean;
  };
  /** For OpenAI-compatible vendors: the preset's quirks. */
  compat?: CompatQuirks;
}

/** How an OpenAI-compatible vendor differs from OpenAI itself. */
export interface CompatQuirks {
  /** Preset name (`deepseek`, `groq`...) for logs and headers. */
  name: string;
  /** Send `max_tokens` instead of `max_completion_tokens` (most vendors except OpenAI). */
  useMaxTokens?: boolean;
  /** Field names in which this vendor streams reasoning text, in order of preference. */
  reasoningFields?: string[];
  /** Whether the vendor accepts `stream_options: {include_usage}`. */
  supportsStreamOptions?: boolean;
  /** Vendor spells `tool_choice: "required"` differently (Mistral: `any`). */
  requiredToolChoice?: string;
  /** Vendor name for `seed` (Mistral: `random_seed`). */
  seedField?: string;
  /** How `reasoning_effort` / budget is expressed: `openai` (reasoning_effort), `thinking-type`
   * (`thinking: {type: enabled|disabled}`, Zhipu, Ark, Moonshot), `enable-thinking` (DashScope
   * `enable_thinking` + `thinking_budget`), `openrouter` (`reasoning: {effort|max_tokens}`), `none`. */
  reasoningStyle?: 'openai' | 'thinking-type' | 'enable-thinking' | 'openrouter' | 'none';
  /** Request parameters this vendor rejects; they are dropped and reported. */
  unsupportedParams?: string[];
}

export interface HttpRequestSpec {
  method: 'POST';
  url: string;
  headers: Record<string, string>;
  body: string;
  /** Bytes sent instead of `body` (a multipart upload: audio transcriptions); `body` is then empty. */
  bodyBytes?: Buffer;
}

export interface EncodedRequest {
  http: HttpRequestSpec;
  /** Client parameters the vendor cannot honour and that were dropped (reported in `x-aihub-dropped-params`). */
  droppedParams: string[];
}

/** One server-sent event as framed by the SSE parser. */
export interface SseEvent {
  event?: string;
  data: string;
}

export interface StreamDecoder {
  /** Feeds one SSE event; returns the IR parts it produced (often none). Never throws. */
  push(event: SseEvent): StreamPart[];
  /**
   * The upstream stream ended. Returns any closing parts. If the vendor ended without a proper
   * finish (connection cut, no `message_stop`/`[DONE]`), returns an `error` part.
   */
  end(): StreamPart[];
}

export interface InlineMediaNeeds {
  images: boolean;
  files: boolean;
}

/**
 * A request in the vendor's own API, to be sent as the client wrote it: only the model and the
 * credentials change (and the output limit, when the caller's balance capped it).
 */
export interface PassThroughRequest {
  /** The vendor endpoint the client called: `messages`, `generateContent`, `responses`. */
  endpoint: 'messages' | 'generateContent' | 'responses';
  /** The client's JSON body, parsed. */
  body: Record<string, unknown>;
  /** The client's request headers (lower-cased): the vendor's own (`anthropic-beta`...) are forwarded. */
  headers: Record<string, string | string[] | undefined>;
  stream: boolean;
  /** Set when billing capped the output below what the client asked: the vendor's limit field gets it. */
  maxOutputTokens?: number;
}

/**
 * A client's token-count request in this vendor's own API (Anthropic's
 * `/v1/messages/count_tokens`, Gemini's `:countTokens`), sent as the client wrote it: only the
 * model and the credentials change.
 */
export interface CountTokensRequest {
  /** The client's JSON body, parsed. */
  body: Record<string, unknown>;
  /** The client's request headers (lower-cased): the vendor's own (`anthropic-beta`...) are forwarded. */
  headers: Record<string, string | string[] | undefined>;
}

export interface Provider {
  readonly id: ProviderId;
  /**
   * Which http(s) media URLs must be fetched and inlined as bytes before encoding (through the
   * SSRF guard), because the vendor will not fetch them itself.
   */
  readonly inlineMedia: InlineMediaNeeds;
  /** Builds the upstream HTTP request. Throws GatewayError(invalid_request) when the request cannot be honoured. */
  encodeRequest(request: ChatRequest, context: ProviderContext): EncodedRequest;
  /** Decodes a 2xx non-streaming body (already JSON-parsed). Throws GatewayError if it is an error in disguise. */
  decodeResponse(body: unknown, context: ProviderContext): ChatResult;
  createStreamDecoder(context: ProviderContext): StreamDecoder;
  /**
   * Builds the upstream request for a client that speaks this vendor's own API (same vendor in and
   * out): the body untouched but for the model, credentials and a capped output limit. Absent, or
   * undefined for an endpoint, means the request is translated through the IR instead.
   */
  encodePassThrough?(request: PassThroughRequest, context: ProviderContext): EncodedRequest;
  /**
   * Whether `encodePassThrough` sends the endpoint as is to an upstream with these quirks: decided
   * per channel, because an OpenAI-compatible vendor (`compat`) speaks Chat Completions only.
   */
  passesThrough?(endpoint: PassThroughRequest['endpoint'], compat: CompatQuirks | undefined): boolean;
  /**
   * Whether this vendor's stream events, with these quirks, are its native surface's own frames
   * (OpenAI itself answering Chat Completions), so that surface may forward them to its client
   * (SurfaceStreamEncoder.forward) instead of encoding their decoded parts again. The request is
   * still translated. Absent: never.
   */
  forwardsStreamFrames?(compat: CompatQuirks | undefined): boolean;
  /**
   * The vendor continues a conversation's last assistant message (a prefill) rather than answering
   * it as a finished turn: what a broken stream's continuation on another channel needs
   * (relay/stream-continuation.ts). Absent: it does not.
   */
  readonly continuesPrefill?: boolean;
  /**
   * Decoders of a pass-through answer whose wire format is not the one `encodeRequest` gets back
   * (OpenAI's `/responses` answers in Responses objects and events, not Chat Completions). Absent:
   * `decodeResponse` and `createStreamDecoder` read it (Anthropic Messages, Gemini generateContent).
   */
  decodePassThroughResponse?(
    endpoint: PassThroughRequest['endpoint'],
    body: unknown,
    context: ProviderContext,
  ): ChatResult;
  createPassThroughStreamDecoder?(endpoint: PassThroughRequest['endpoint'], context: ProviderContext): StreamDecoder;
  /**
   * Builds the call to the vendor's own token-counting endpoint for a client that speaks its API.
   * Absent: the vendor cannot count, and the gateway estimates.
   */
  encodeCountTokens?(request: CountTokensRequest, context: ProviderContext): EncodedRequest;
  /** The count in a 2xx answer of that endpoint; undefined when the body is not a count. */
  tokenCountOf?(body: unknown): number | undefined;
  /** `POST /v1/embeddings` for this vendor (undefined: it serves no embeddings). */
  encodeEmbeddings?(request: EmbeddingRequest, context: ProviderContext): EncodedRequest;
  /** The vectors (in input order) and usage in a 2xx answer of that endpoint; throws for one that is not. */
  decodeEmbeddings?(body: unknown, inputCount: number): EmbeddingResult;
  /**
   * For a vendor that answers embeddings in OpenAI's own shape: the usage of a 2xx answer that can
   * go to the client byte for byte (its vectors in input order and in the client's `format`), read
   * without decoding the vectors; undefined when it cannot (decodeEmbeddings then decodes it).
   */
  forwardableEmbeddings?(
    bytes: Buffer,
    inputCount: number,
    format: 'float' | 'base64',
  ): ForwardableEmbeddings | undefined;
  /** `POST /v1/audio/speech` for this vendor (undefined: it speaks no text). */
  readonly speech?: SpeechCodec;
  /** `POST /v1/audio/transcriptions` and `/translations` for this vendor (undefined: it transcribes nothing). */
  readonly transcription?: TranscriptionCodec;
  /**
   * Whether a channel with these quirks serves `POST /v1/rerank`, and how its vendor bills it: per
   * search (Cohere) or by tokens (Jina, DashScope). Undefined: it serves none.
   */
  rerankBilling?(compat: CompatQuirks | undefined): 'search' | 'tokens' | undefined;
  /** The vendor's rerank call; only for a channel `rerankBilling` says serves one. */
  encodeRerank?(request: RerankRequest, context: ProviderContext): EncodedRequest;
  /** The scores (best first) and billed units in a 2xx answer of that call; throws for one that is not. */
  decodeRerank?(body: unknown, context: ProviderContext, documentCount: number): RerankResult;
  /**
   * `POST /v1/images/generations` and `/edits` for this vendor's image models (undefined: it makes
   * no images; an image model it cannot serve is a 400 invalid_request).
   */
  encodeImages?(request: ImageRequest, context: ProviderContext): EncodedRequest;
  /** The images and usage in a 2xx JSON answer of that call; throws for one that is not (or a refusal). */
  decodeImages?(request: ImageRequest, body: unknown): ImageResult;
  /** Maps a non-2xx answer (status, lower-cased headers, raw body text) to a GatewayError. */
  decodeError(status: number, headers: Record<string, string | string[] | undefined>, bodyText: string): GatewayError;
}

/**
 * How a vendor answers speech: `stream`, the 2xx body is the audio in the format asked (or
 * OpenAI's events, for `stream_format: "sse"`), relayed as it arrives, its usage read from the
 * events; `pcm`, one JSON answer holding raw PCM (Gemini), which AIHub wraps for the client.
 */
export type SpeechAnswer =
  | { kind: 'stream'; eventUsage(event: SseEvent): AudioUsage | undefined }
  | { kind: 'pcm'; decode(body: unknown): { pcm: Buffer; layout: PcmLayout; usage?: AudioUsage } };

/** `POST /v1/audio/speech` in a vendor's API. Pure, like the rest of the provider. */
export interface SpeechCodec {
  /** The upstream request; throws the client's GatewayError (400) for what this vendor cannot say. */
  encode(request: SpeechRequest, context: ProviderContext): EncodedRequest;
  answer: SpeechAnswer;
}

/** A transcription answer in the format asked: a transcript AIHub shapes, or the vendor's text (srt, vtt) relayed as is. */
export type TranscriptAnswer = { result: TranscriptResult } | { verbatim: string };

/** `POST /v1/audio/transcriptions` and `/translations` in a vendor's API. */
export interface TranscriptionCodec {
  /** The upstream request; throws the client's GatewayError (400) for what this vendor cannot do. */
  encode(request: TranscriptionRequest, context: ProviderContext): EncodedRequest;
  /** The whole answer (its text) to the request encoded for `upstreamModel`. */
  decode(text: string, request: TranscriptionRequest, upstreamModel: string): TranscriptAnswer;
  /** The vendor streams transcripts itself (OpenAI's `transcript.text.*` events); its usage is read from them. */
  streamEventUsage?(event: SseEvent): AudioUsage | undefined;
}
