/**
 * Public types shared by the upstream emulators: recorded requests, the per-request script
 * (content overrides plus one optional fault), emulator options and the handle every
 * `start*Emulator()` resolves to.
 */
import type { IncomingHttpHeaders } from 'node:http';

/** Parsed JSON of unknown shape (request bodies are read leniently, like the real APIs do). */
// biome-ignore lint/suspicious/noExplicitAny: arbitrary parsed JSON
export type Json = any;

/** Every request an emulator received (when recording is on), in arrival order. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, e.g. `/v1/chat/completions`. */
  path: string;
  /** Query parameters (last value wins), e.g. `{ alt: 'sse', key: '...' }`. */
  query: Record<string, string>;
  /** Lower-cased header names, as node:http gives them. */
  headers: IncomingHttpHeaders;
  /**
   * Parsed JSON body; `undefined` when the body is empty or not JSON. A multipart/form-data body
   * is its text fields with `files: {name: [{filename, contentType, size}]}`.
   */
  body: Json;
  /** The body as received (UTF-8). */
  rawBody: string;
  /** `Date.now()` when the body had been read. */
  receivedAt: number;
}

/** A tool call the script forces the emulator to answer with. */
export interface ToolCallSpec {
  name: string;
  /** Object (serialised by the emulator) or an already serialised JSON string. Default `{}`. */
  arguments?: Record<string, unknown> | string;
  /** Call id; default a deterministic vendor-shaped id (`call_…`, `toolu_01…`; Gemini sends none). */
  id?: string;
}

/** Usage numbers that replace the chars/4 estimates. */
export interface UsageOverride {
  inputTokens?: number;
  outputTokens?: number;
  reasoningTokens?: number;
  /** Prompt tokens served from cache (OpenAI cached_tokens, Anthropic cache_read_input_tokens, Gemini cachedContentTokenCount). */
  cachedTokens?: number;
  /** Anthropic cache_creation_input_tokens (all lifetimes). */
  cacheWriteTokens?: number;
  /**
   * The one-hour part of `cacheWriteTokens` (Anthropic `cache_creation.ephemeral_1h_input_tokens`).
   * Default: derived from the request's `cache_control` `ttl: "1h"` breakpoints (anthropic-cache-ttl.ts).
   */
  cacheWrite1hTokens?: number;
}

/** One element of a raw body: text or bytes written as-is, or a pause. */
export type RawChunk = string | Buffer | Uint8Array | { delayMs: number };

/**
 * A fault for one request. "Chunks" are the frames of the success response: one SSE event each
 * (Anthropic `ping` included, OpenAI `data: [DONE]` included), or for a non-stream JSON body the
 * two halves of the body.
 */
export type Fault =
  /** HTTP error with the vendor's error body (built from status unless `body` is given). */
  | {
      type: 'http-error';
      status: number;
      /** Replaces the vendor-shaped body; objects are JSON-serialised, strings sent as-is. */
      body?: unknown;
      /** Message / error type (OpenAI `type`, Anthropic `error.type`, Gemini `status`) for the generated body. */
      message?: string;
      errorType?: string;
      /** Sets `retry-after` (OpenAI, Anthropic) or a `RetryInfo.retryDelay` detail (Gemini). */
      retryAfterSeconds?: number;
      headers?: Record<string, string>;
    }
  /** Destroy the socket with a TCP RST after reading the request, before any response byte. */
  | { type: 'reset-before-headers' }
  /** Send nothing for `ms` then answer normally; without `ms`, never answer (until the client gives up or close()). */
  | { type: 'hang-before-headers'; ms?: number }
  /** Stop after `afterChunks` frames for `ms` (idle gap) then continue; without `ms`, hang forever. */
  | { type: 'hang-mid-stream'; afterChunks: number; ms?: number }
  /** After `afterChunks` frames, reset the connection (`how: 'reset'`, TCP RST, default) or close it (`'close'`, FIN). */
  | { type: 'reset-mid-stream'; afterChunks: number; how?: 'reset' | 'close' }
  /** After `afterChunks` frames, write one frame whose data is not valid JSON, then (unless `thenEnd`) continue. */
  | { type: 'malformed'; afterChunks: number; data?: string; thenEnd?: boolean }
  /**
   * After HTTP 200 and `afterChunks` frames (default 0: the very first event), send the vendor's in-band
   * error event and end the stream. Non-stream requests get the error body with status 200.
   */
  | { type: 'in-band-error'; afterChunks?: number; body?: unknown; message?: string; errorType?: string }
  /** End the stream cleanly without its terminal event(s); with `afterChunks`, end right after that many frames. */
  | { type: 'no-terminal'; afterChunks?: number }
  /** Escape hatch: status, headers and body written exactly as given. */
  | {
      type: 'raw';
      status?: number;
      /** Default `content-type: text/event-stream`. */
      headers?: Record<string, string>;
      chunks: RawChunk[];
      /** How the response ends: `end` (default), `reset` (TCP RST), `hang` (until the client aborts or close()). */
      end?: 'end' | 'reset' | 'hang';
    };

/** What the emulator does with one request. Every field is optional; `{}` is the default answer. */
export interface ScriptStep {
  /** Replaces the answer text (with tool calls: text sent before them). */
  text?: string;
  /** `true`: include reasoning even if not requested; `false`: never; a string: this reasoning text. */
  reasoning?: boolean | string;
  /** `true`: call the first declared tool as for "weather"; `false`: never; a list: exactly these calls. */
  toolCalls?: boolean | ToolCallSpec[];
  /** With `toolCalls: true` (or the "weather" rule): two calls; default when the user text contains "parallel". */
  parallel?: boolean;
  /** The vendor's raw finish/stop reason, replacing the computed one (e.g. `length`, `max_tokens`, `SAFETY`). */
  finishReason?: string;
  usage?: UsageOverride;
  /**
   * Web searches the vendor ran before answering, each billed per call: Anthropic answers with a
   * `server_tool_use` + `web_search_tool_result` block pair per search and
   * `usage.server_tool_use.web_search_requests`; Responses with a `web_search_call` item per search
   * (streamed: `response.web_search_call.*` events). Chat Completions and Gemini ignore it.
   */
  webSearches?: number;
  /**
   * OpenAI emulator: count usage like OpenAI (`o200k`) or bill the most any tokenizer could
   * (`maximum`) instead of chars/4 (usage-counting.ts). Ignored when `usage` is given.
   */
  usageCounting?: 'o200k' | 'maximum';
  /** The `model` reported in the response (default: the requested model). */
  responseModel?: string;
  /**
   * The vendor's safety system refuses the request (image endpoints): OpenAI a 400
   * `moderation_blocked`, Gemini an `IMAGE_SAFETY` stop without an image, Imagen a filtered prediction.
   */
  refusal?: boolean;
  /** Per-request pacing overrides (see EmulatorOptions). */
  chunkCount?: number;
  chunkDelayMs?: number;
  headersDelayMs?: number;
  /** Extra response headers (success responses). */
  headers?: Record<string, string>;
  fault?: Fault;
}

/** A queued or default script entry: a step, or a function of the request returning one. */
export type ScriptEntry = ScriptStep | ((req: RecordedRequest) => ScriptStep | undefined);

/** Pre-serialised bodies for the benchmark's fast mode. */
export interface FixedResponse {
  /** Body for non-stream requests (objects are JSON-serialised once at start). */
  json?: string | object;
  /** Body for stream requests: one string, or frames (joined into one write unless chunkDelayMs > 0 paces them). */
  sse?: string | string[];
}

export interface EmulatorOptions {
  /** Expected API key(s). Default `'test-key'`. `null` disables the check. */
  apiKey?: string | string[] | null;
  /** Pieces the answer text (and each tool call's arguments, reasoning) is split into. Default 4. */
  chunkCount?: number;
  /** Delay between stream frames, ms. Default 0. */
  chunkDelayMs?: number;
  /** Delay before the response headers (time to first byte), ms. Default 0. */
  headersDelayMs?: number;
  /** Models listed by the models route; when given, other models get the vendor's 404. */
  models?: string[];
  /** Name in the default answer `Hello from <label> emulator: …` (default OpenAI / Anthropic / Gemini). */
  label?: string;
  /** Keep RecordedRequests. Default true, false in fixedResponse mode. */
  record?: boolean;
  /**
   * Fast mode for benchmarks: answers every generation request (while nothing is queued or scripted)
   * with a body serialised once at start, without parsing or recording the request. `true` uses the
   * default answer to the prompt "benchmark".
   */
  fixedResponse?: boolean | FixedResponse;
  /** Listen address. Default 127.0.0.1, port 0 (ephemeral). */
  host?: string;
  port?: number;
}

export interface Emulator {
  /** Base URL as the vendor SDK means it (OpenAI `…/v1`, Anthropic and Gemini the host root). */
  readonly url: string;
  /** `http://127.0.0.1:PORT`. */
  readonly origin: string;
  readonly port: number;
  /** Recorded requests (same array for the emulator's lifetime; reset() empties it). */
  readonly requests: RecordedRequest[];
  /** Requests whose connection closed before the emulator finished its response. */
  readonly abortedRequests: number;
  /** Every request received, recorded or not. */
  readonly requestCount: number;
  /** Requests currently being answered. */
  readonly activeRequests: number;
  /** Queue steps for the next generation requests, consumed one per request in arrival order. */
  enqueue(...steps: ScriptEntry[]): void;
  /** The step used when the queue is empty (`undefined`: default behaviour). */
  setScript(step: ScriptEntry | undefined): void;
  /** Queued steps not yet consumed. */
  pendingSteps(): number;
  /** Clears requests, queue, script and counters. */
  reset(): void;
  /** Resolves once `abortedRequests >= count` (default 1); rejects after `timeoutMs` (default 5000). */
  waitForAborted(count?: number, timeoutMs?: number): Promise<void>;
  /** Stops listening and destroys open connections (hanging responses included). */
  close(): Promise<void>;
}
