/**
 * The playground's client for `POST /v1/chat/completions`, in the browser (and Node 18+): fetch,
 * a ReadableStream reader, and `eventsource-parser` for correct SSE framing (CRLF, events split
 * across reads, multi-line data). It yields typed events as chunks arrive — text, reasoning
 * (`reasoning_content` or `reasoning`, and `reasoning_details` with signatures), tool calls
 * accumulated by index, usage, finish reasons, in-band errors — plus the response headers that
 * say how AIHub served the request, time to first token and total latency.
 *
 *   for await (const event of streamChatCompletion({ apiKey, body, signal })) render(event);
 *
 * Stopping: abort `signal` (the stream ends with `done`, `result.stopped` true, and what arrived
 * so far), or leave the loop early (the request is aborted). A non-2xx answer throws a
 * ChatStreamError carrying the OpenAI envelope's message, code, type and param; a 401 means the
 * playground credential expired or was revoked: fetch a new one and retry (`isCredentialRejected`).
 * A non-streamed request (`stream: false`) yields the same events from the JSON answer.
 */
import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface ChatStreamOptions {
  /** The Chat Completions body. `stream` defaults to true; streams ask for usage (`stream_options.include_usage`). */
  body: Record<string, unknown>;
  /** The playground credential (`POST /api/playground/credential`) or any API key. */
  apiKey: string;
  /** The `/v1` base URL; default `/v1` on the page's origin. */
  baseUrl?: string;
  signal?: AbortSignal;
  /** Extra request headers (`x-aihub-cache: on`, ...). */
  headers?: Record<string, string>;
  fetch?: typeof fetch;
  /** Milliseconds from any fixed origin (default `performance.now`). */
  now?: () => number;
}

/** How AIHub served the request, from the response headers. */
export interface ResponseInfo {
  status: number;
  /** `x-request-id`: the request-log row's id (`GET /api/logs/{requestId}` has its exact cost). */
  requestId: string | null;
  /** `x-aihub-model`: the upstream model that answered. */
  model: string | null;
  /** `x-aihub-provider`: the vendor. */
  provider: string | null;
  /** `x-aihub-attempts`: upstream attempts, failovers included. */
  attempts: number | null;
  /** `x-aihub-dropped-params`: parameters the vendor cannot honour, dropped. */
  droppedParams: string[];
  /** `x-aihub-cache`: `hit`, `miss` or `bypass` when the response cache was asked. */
  cache: string | null;
  /** OpenAI's `x-ratelimit-*` headers, when a limit applies. */
  rateLimit: {
    limitRequests: string | null;
    remainingRequests: string | null;
    resetRequests: string | null;
    limitTokens: string | null;
    remainingTokens: string | null;
    resetTokens: string | null;
  };
}

export interface ChatUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  /** Prompt tokens read from the vendor's cache (included in promptTokens). */
  cachedTokens: number;
  /** Prompt tokens written to the cache (Anthropic; included in promptTokens), every lifetime. */
  cacheWriteTokens: number;
  /** The part of cacheWriteTokens written for one hour (AIHub's `cache_write_1h_tokens`), priced apart. */
  cacheWrite1hTokens: number;
  /** Reasoning tokens (included in completionTokens). */
  reasoningTokens: number;
}

/** A tool call as assembled so far (arguments grow with each delta). */
export interface ToolCallState {
  index: number;
  id: string;
  name: string;
  arguments: string;
}

/** OpenRouter's `reasoning_details` convention: `reasoning.text` (with `signature`), `reasoning.encrypted`, ... */
export interface ReasoningDetail {
  type: string;
  index?: number;
  text?: string;
  summary?: string;
  signature?: string;
  data?: string;
  format?: string;
  [field: string]: unknown;
}

/** The OpenAI error envelope's `error` object. */
export interface ErrorBody {
  message: string;
  type: string | null;
  code: string | null;
  param: string | null;
}

export type ChatStreamEvent =
  | { type: 'response'; response: ResponseInfo }
  | { type: 'content-delta'; choice: number; delta: string }
  | { type: 'reasoning-delta'; choice: number; delta: string }
  | { type: 'reasoning-details'; choice: number; details: ReasoningDetail[] }
  | { type: 'refusal-delta'; choice: number; delta: string }
  | { type: 'tool-call-delta'; choice: number; index: number; argumentsDelta: string; toolCall: ToolCallState }
  | { type: 'usage'; usage: ChatUsage }
  | { type: 'finish'; choice: number; finishReason: string; nativeFinishReason: string | null }
  /** An error after the answer began (HTTP 200 already sent): the stream then ends. */
  | { type: 'error'; error: ErrorBody }
  | { type: 'done'; result: ChatStreamResult };

export interface ChatStreamChoice {
  index: number;
  content: string;
  reasoning: string;
  reasoningDetails: ReasoningDetail[];
  refusal: string;
  toolCalls: ToolCallState[];
  finishReason: string | null;
  nativeFinishReason: string | null;
}

export interface ChatStreamResult {
  response: ResponseInfo | null;
  /** The completion id and model the chunks named. */
  id: string | null;
  model: string | null;
  /** By index; `choices[0]` is the answer unless `n` > 1. */
  choices: ChatStreamChoice[];
  usage: ChatUsage | null;
  /** The in-band error that ended the stream, if any. */
  error: ErrorBody | null;
  /** The caller aborted (stop generation): what arrived until then is kept. */
  stopped: boolean;
  timing: {
    /** Until the response headers. */
    firstByteMs: number | null;
    /** Until the first text, reasoning, refusal or tool-call delta (time to first token). */
    firstTokenMs: number | null;
    totalMs: number;
  };
}

/** A non-2xx answer (or no answer: status 0, code `network_error`), with the envelope's fields. */
export class ChatStreamError extends Error {
  constructor(
    readonly status: number,
    readonly code: string | null,
    message: string,
    readonly type: string | null = null,
    readonly param: string | null = null,
    readonly requestId: string | null = null,
    /** `retry-after` in seconds, on a 429 or 503. */
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(message);
    this.name = 'ChatStreamError';
  }
}

/** True when the key was refused (expired, revoked at logout): get a new playground credential and retry once. */
export function isCredentialRejected(error: unknown): boolean {
  return error instanceof ChatStreamError && error.status === 401;
}

/** Streams one chat completion; the last event is always `done` with the whole result. */
export async function* streamChatCompletion(
  options: ChatStreamOptions,
): AsyncGenerator<ChatStreamEvent, ChatStreamResult, void> {
  const now = options.now ?? (() => performance.now());
  const fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
  const startedAt = now();
  const controller = new AbortController();
  const external = options.signal;
  const onAbort = () => controller.abort(external?.reason);
  if (external?.aborted) onAbort();
  else external?.addEventListener('abort', onAbort, { once: true });

  const accumulator = new ChatCompletionAccumulator(now, startedAt);
  let finished = false;
  try {
    const body = requestBody(options.body);
    let response: Response;
    try {
      response = await fetchImpl(`${(options.baseUrl ?? '/v1').replace(/\/+$/, '')}/chat/completions`, {
        method: 'POST',
        headers: {
          ...options.headers,
          authorization: `Bearer ${options.apiKey}`,
          'content-type': 'application/json',
          accept: body.stream ? 'text/event-stream' : 'application/json',
        },
        body: JSON.stringify(body),
        signal: controller.signal,
      });
    } catch (error) {
      if (controller.signal.aborted) {
        finished = true;
        const result = accumulator.finish(true);
        yield { type: 'done', result };
        return result;
      }
      throw new ChatStreamError(0, 'network_error', error instanceof Error ? error.message : 'Network error');
    }
    if (!response.ok) throw await errorFrom(response);
    const info = responseInfo(response);
    accumulator.setResponse(info);
    yield { type: 'response', response: info };

    let stopped = false;
    try {
      if (!(response.headers.get('content-type') ?? '').includes('text/event-stream')) {
        yield* accumulator.completion(JSON.parse(await response.text()));
      } else if (response.body) {
        yield* readEvents(response.body, accumulator);
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      stopped = true;
    }
    finished = true;
    const result = accumulator.finish(stopped);
    yield { type: 'done', result };
    return result;
  } finally {
    external?.removeEventListener('abort', onAbort);
    // The consumer left the loop early (or an error escaped): stop the request upstream.
    if (!finished) controller.abort();
  }
}

/** Reads SSE frames into events until `[DONE]` or the end of the body. */
async function* readEvents(
  body: ReadableStream<Uint8Array>,
  accumulator: ChatCompletionAccumulator,
): AsyncGenerator<ChatStreamEvent, void, void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  const pending: EventSourceMessage[] = [];
  const parser = createParser({ onEvent: (message) => pending.push(message) });
  try {
    for (;;) {
      const { value, done } = await reader.read();
      parser.feed(done ? decoder.decode() : decoder.decode(value, { stream: true }));
      while (pending.length > 0) {
        const message = pending.shift()!;
        if (message.data === '[DONE]') return;
        yield* accumulator.chunk(message.data);
      }
      if (done) return;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/**
 * Turns chunks (or a whole completion) into events while keeping the running result: one per
 * request. Exported for callers that read SSE themselves.
 */
export class ChatCompletionAccumulator {
  private readonly choices = new Map<number, ChatStreamChoice>();
  private response: ResponseInfo | null = null;
  private id: string | null = null;
  private model: string | null = null;
  private usage: ChatUsage | null = null;
  private error: ErrorBody | null = null;
  private firstByteMs: number | null = null;
  private firstTokenMs: number | null = null;

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly startedAt: number = now(),
  ) {}

  setResponse(response: ResponseInfo): void {
    this.response = response;
    this.firstByteMs = this.now() - this.startedAt;
  }

  /** Events for one SSE `data:` payload. A payload that is not JSON becomes an `error` event (never echoed). */
  *chunk(data: string): Generator<ChatStreamEvent, void, void> {
    let chunk: unknown;
    try {
      chunk = JSON.parse(data);
    } catch {
      yield* this.fail({
        message: 'The stream sent a malformed chunk.',
        type: null,
        code: 'malformed_chunk',
        param: null,
      });
      return;
    }
    if (!isObject(chunk)) return;
    if (isObject(chunk.error)) {
      yield* this.fail(errorBody(chunk.error));
      return;
    }
    if (typeof chunk.id === 'string') this.id ??= chunk.id;
    if (typeof chunk.model === 'string') this.model = chunk.model;
    for (const choice of Array.isArray(chunk.choices) ? chunk.choices : []) {
      if (!isObject(choice)) continue;
      const index = typeof choice.index === 'number' ? choice.index : 0;
      if (isObject(choice.delta)) yield* this.message(index, choice.delta, false);
      yield* this.finishReason(index, choice);
    }
    if (isObject(chunk.usage)) yield* this.setUsage(chunk.usage);
  }

  /** Events for a whole (non-streamed) completion, as if it had streamed in one chunk. */
  *completion(completion: unknown): Generator<ChatStreamEvent, void, void> {
    if (!isObject(completion)) return;
    if (isObject(completion.error)) {
      yield* this.fail(errorBody(completion.error));
      return;
    }
    if (typeof completion.id === 'string') this.id = completion.id;
    if (typeof completion.model === 'string') this.model = completion.model;
    for (const choice of Array.isArray(completion.choices) ? completion.choices : []) {
      if (!isObject(choice)) continue;
      const index = typeof choice.index === 'number' ? choice.index : 0;
      if (isObject(choice.message)) yield* this.message(index, choice.message, true);
      yield* this.finishReason(index, choice);
    }
    if (isObject(completion.usage)) yield* this.setUsage(completion.usage);
  }

  /** The result so far; `stopped` when the caller aborted. */
  finish(stopped = false): ChatStreamResult {
    return {
      response: this.response,
      id: this.id,
      model: this.model,
      choices: [...this.choices.values()]
        .sort((a, b) => a.index - b.index)
        .map((choice) => ({
          ...choice,
          reasoningDetails: [...choice.reasoningDetails],
          toolCalls: [...choice.toolCalls].sort((a, b) => a.index - b.index),
        })),
      usage: this.usage,
      error: this.error,
      stopped,
      timing: { firstByteMs: this.firstByteMs, firstTokenMs: this.firstTokenMs, totalMs: this.now() - this.startedAt },
    };
  }

  private *message(index: number, delta: Record<string, unknown>, whole: boolean): Generator<ChatStreamEvent> {
    const choice = this.choice(index);
    // Vendors name reasoning text differently; a delta carrying both repeats it, so one is taken.
    const reasoning =
      typeof delta.reasoning_content === 'string' && delta.reasoning_content
        ? delta.reasoning_content
        : typeof delta.reasoning === 'string'
          ? delta.reasoning
          : '';
    if (reasoning) {
      this.markToken();
      choice.reasoning += reasoning;
      yield { type: 'reasoning-delta', choice: index, delta: reasoning };
    }
    if (Array.isArray(delta.reasoning_details) && delta.reasoning_details.length > 0) {
      const details = delta.reasoning_details.filter(isObject) as ReasoningDetail[];
      for (const detail of details) mergeDetail(choice.reasoningDetails, detail);
      yield { type: 'reasoning-details', choice: index, details };
    }
    if (typeof delta.content === 'string' && delta.content) {
      this.markToken();
      choice.content += delta.content;
      yield { type: 'content-delta', choice: index, delta: delta.content };
    }
    if (typeof delta.refusal === 'string' && delta.refusal) {
      this.markToken();
      choice.refusal += delta.refusal;
      yield { type: 'refusal-delta', choice: index, delta: delta.refusal };
    }
    const calls = Array.isArray(delta.tool_calls) ? delta.tool_calls : [];
    for (const [position, call] of calls.entries()) {
      if (!isObject(call)) continue;
      // A whole message lists its calls in order; stream deltas name their index.
      const callIndex = typeof call.index === 'number' && !whole ? call.index : position;
      let state = choice.toolCalls.find((existing) => existing.index === callIndex);
      if (!state) {
        state = { index: callIndex, id: '', name: '', arguments: '' };
        choice.toolCalls.push(state);
      }
      const fn = isObject(call.function) ? call.function : {};
      if (typeof call.id === 'string' && call.id) state.id = call.id;
      if (typeof fn.name === 'string' && fn.name) state.name = fn.name;
      const argumentsDelta = typeof fn.arguments === 'string' ? fn.arguments : '';
      state.arguments += argumentsDelta;
      this.markToken();
      yield { type: 'tool-call-delta', choice: index, index: callIndex, argumentsDelta, toolCall: { ...state } };
    }
  }

  private *finishReason(index: number, choice: Record<string, unknown>): Generator<ChatStreamEvent> {
    if (typeof choice.finish_reason !== 'string') return;
    const state = this.choice(index);
    state.finishReason = choice.finish_reason;
    state.nativeFinishReason = typeof choice.native_finish_reason === 'string' ? choice.native_finish_reason : null;
    yield {
      type: 'finish',
      choice: index,
      finishReason: state.finishReason,
      nativeFinishReason: state.nativeFinishReason,
    };
  }

  private *setUsage(usage: Record<string, unknown>): Generator<ChatStreamEvent> {
    const prompt = isObject(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
    const completion = isObject(usage.completion_tokens_details) ? usage.completion_tokens_details : {};
    const promptTokens = count(usage.prompt_tokens);
    const completionTokens = count(usage.completion_tokens);
    this.usage = {
      promptTokens,
      completionTokens,
      totalTokens: typeof usage.total_tokens === 'number' ? count(usage.total_tokens) : promptTokens + completionTokens,
      cachedTokens: count(prompt.cached_tokens),
      cacheWriteTokens: count(prompt.cache_write_tokens),
      cacheWrite1hTokens: count(prompt.cache_write_1h_tokens),
      reasoningTokens: count(completion.reasoning_tokens),
    };
    yield { type: 'usage', usage: this.usage };
  }

  private *fail(error: ErrorBody): Generator<ChatStreamEvent> {
    this.error = error;
    yield { type: 'error', error };
  }

  private markToken(): void {
    this.firstTokenMs ??= this.now() - this.startedAt;
  }

  private choice(index: number): ChatStreamChoice {
    let choice = this.choices.get(index);
    if (!choice) {
      choice = {
        index,
        content: '',
        reasoning: '',
        reasoningDetails: [],
        refusal: '',
        toolCalls: [],
        finishReason: null,
        nativeFinishReason: null,
      };
      this.choices.set(index, choice);
    }
    return choice;
  }
}

/** An assistant turn in the wire format (the `assistant` case of code-snippets' ChatMessage). */
export interface AssistantMessage {
  role: 'assistant';
  content: string | null;
  tool_calls?: Array<{ id: string; type: 'function'; function: { name: string; arguments: string } }>;
  reasoning_content?: string;
  reasoning_details?: ReasoningDetail[];
}

/**
 * The assistant turn to send back with the next request: text, tool calls, and the reasoning with
 * its signatures exactly as received (AIHub replays them so a thinking model continues).
 */
export function toAssistantMessage(choice: ChatStreamChoice): AssistantMessage {
  const message: AssistantMessage = { role: 'assistant', content: choice.content || null };
  if (choice.toolCalls.length > 0) {
    message.tool_calls = choice.toolCalls.map((call) => ({
      id: call.id,
      type: 'function',
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  if (choice.reasoning) message.reasoning_content = choice.reasoning;
  if (choice.reasoningDetails.length > 0) message.reasoning_details = choice.reasoningDetails;
  return message;
}

function requestBody(body: Record<string, unknown>): Record<string, unknown> {
  const stream = body.stream !== false;
  const out: Record<string, unknown> = { ...body, stream };
  if (stream) {
    const streamOptions = isObject(body.stream_options) ? body.stream_options : {};
    out.stream_options = { ...streamOptions, include_usage: true };
  }
  return out;
}

/** Pieces of one detail (same index and type) arrive in several deltas: text is appended, the rest replaced. */
function mergeDetail(details: ReasoningDetail[], piece: ReasoningDetail): void {
  const existing =
    piece.index === undefined
      ? undefined
      : details.find((detail) => detail.index === piece.index && detail.type === piece.type);
  if (!existing) {
    details.push({ ...piece });
    return;
  }
  for (const [field, value] of Object.entries(piece)) {
    if ((field === 'text' || field === 'summary') && typeof value === 'string') {
      existing[field] = `${typeof existing[field] === 'string' ? existing[field] : ''}${value}`;
    } else if (value !== undefined && value !== null) {
      existing[field] = value;
    }
  }
}

function responseInfo(response: Response): ResponseInfo {
  const header = (name: string) => response.headers.get(name);
  const attempts = Number.parseInt(header('x-aihub-attempts') ?? '', 10);
  return {
    status: response.status,
    requestId: header('x-request-id'),
    model: header('x-aihub-model'),
    provider: header('x-aihub-provider'),
    attempts: Number.isFinite(attempts) ? attempts : null,
    droppedParams: (header('x-aihub-dropped-params') ?? '')
      .split(',')
      .map((name) => name.trim())
      .filter(Boolean),
    cache: header('x-aihub-cache'),
    rateLimit: {
      limitRequests: header('x-ratelimit-limit-requests'),
      remainingRequests: header('x-ratelimit-remaining-requests'),
      resetRequests: header('x-ratelimit-reset-requests'),
      limitTokens: header('x-ratelimit-limit-tokens'),
      remainingTokens: header('x-ratelimit-remaining-tokens'),
      resetTokens: header('x-ratelimit-reset-tokens'),
    },
  };
}

async function errorFrom(response: Response): Promise<ChatStreamError> {
  const requestId = response.headers.get('x-request-id');
  const retryAfter = Number.parseFloat(response.headers.get('retry-after') ?? '');
  const retryAfterSeconds = Number.isFinite(retryAfter) ? retryAfter : null;
  let text = '';
  try {
    text = await response.text();
  } catch {
    // The body could not be read; the status still says what happened.
  }
  try {
    const parsed: unknown = JSON.parse(text);
    if (isObject(parsed) && isObject(parsed.error) && typeof parsed.error.message === 'string') {
      const body = errorBody(parsed.error);
      return new ChatStreamError(
        response.status,
        body.code,
        body.message,
        body.type,
        body.param,
        requestId,
        retryAfterSeconds,
      );
    }
  } catch {
    // Not JSON (a proxy's HTML page): the status text below.
  }
  return new ChatStreamError(
    response.status,
    null,
    response.statusText || `HTTP ${response.status}`,
    null,
    null,
    requestId,
    retryAfterSeconds,
  );
}

function errorBody(error: Record<string, unknown>): ErrorBody {
  const text = (value: unknown) =>
    typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;
  return {
    message: text(error.message) ?? 'The upstream failed.',
    type: text(error.type),
    code: text(error.code),
    param: text(error.param),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}
