import type { IncomingHttpHeaders } from 'node:http';
import type { ChatRequest, ChatResult, GatewayError, StreamPart } from '../ir/index.js';
import type { PassThroughRequest, ProviderId, SseEvent } from '../providers/provider.js';

/**
 * A surface is one inbound API AIHub speaks (OpenAI Chat Completions, Anthropic Messages, OpenAI
 * Responses, Gemini generateContent). It is pure translation: the client's request into the IR,
 * the IR's answer (whole or streamed) back into the client's wire format, and AIHub's errors into
 * the surface's own envelope. The pipeline (src/relay/) is shared by every surface and never
 * looks at a vendor's wire format itself.
 */
export type SurfaceId = 'openai-chat' | 'anthropic-messages' | 'openai-responses' | 'gemini';

export const SURFACE_IDS: readonly SurfaceId[] = ['openai-chat', 'anthropic-messages', 'openai-responses', 'gemini'];

/** What the HTTP layer hands a surface's decoder: the body and whatever else the request carried. */
export interface SurfaceInput {
  /** The JSON body, parsed (its nesting depth already bounded). */
  body: unknown;
  /** Lower-cased request headers (`anthropic-beta`, `anthropic-version`...). */
  headers: IncomingHttpHeaders;
  /** The query string (`?beta=true`, `?alt=sse`). */
  query: Record<string, unknown>;
  /** Path parameters (Gemini's `{model}` and its action, `generateContent` or `streamGenerateContent`). */
  params: Record<string, string>;
  /**
   * The stored conversation a route resolved for the request (OpenAI Responses'
   * `previous_response_id`, owner-checked), as the surface's own items; absent when none.
   */
  history?: readonly unknown[];
  /**
   * The route keeps the answer for a later request (the Responses store), so a request passed
   * through asks the upstream for what replaying it will need; absent when nothing is kept.
   */
  storesAnswer?: boolean;
}

/** Facts about the answer a surface needs to encode it: ids and names it must repeat. */
export interface ResponseMeta {
  /** AIHub's request id (surfaces derive their own ids from it: `chatcmpl-…`, `msg_…`, `resp_…`). */
  requestId: string;
  /** Unix seconds when the answer began. */
  created: number;
  /** The model name the client asked for (what it sees in the answer). */
  model: string;
  /** The vendor that served the answer (how OpenAI's reasoning details name their format). */
  provider: ProviderId;
  /** The channel's vendor (`deepseek`, `anthropic`...), for surfaces that say who served. */
  vendor: string;
}

/**
 * What a request cost, as an answer repeats it in its usage (OpenRouter's `usage.cost`, in USD):
 * relay/answer-cost.ts makes it from the settlement.
 */
export interface AnswerCost {
  /** USD charged to the balance (0 when a subscription plan covered the request). */
  cost: number;
  /**
   * The price book's cost by part, in USD: `prompt_cost`, `completion_cost`, `other_cost`
   * (per-request fees, images, web searches, units), and `plan_cost` when a subscription plan's
   * windows paid instead of the balance. Each part rounded on its own (billing/cost-parts.ts).
   */
  cost_details: {
    prompt_cost: number;
    completion_cost: number;
    other_cost: number;
    plan_cost?: number;
  };
}

/**
 * Encodes one streamed answer. Stateful: one instance per stream. Every method returns the bytes
 * to write (text), possibly empty. The relay sends nothing until the first non-empty frame of
 * content, so an encoder may open its stream (Anthropic `message_start`, Responses
 * `response.created`) lazily with that frame.
 */
export interface SurfaceStreamEncoder {
  /** Frames for one IR part (often none). */
  encode(part: StreamPart): string;
  /**
   * The closing frames after the last part (OpenAI's usage chunk and `[DONE]`, Anthropic's
   * `message_delta` and `message_stop`, Responses' `response.completed`, a Gemini JSON array's `]`).
   * Called once, also after `error`. `cost` is what the request was charged, when the settlement
   * committed: surfaces whose usage report can carry it (OpenAI's usage chunk) add it there.
   */
  end(cost?: AnswerCost): string;
  /** An in-band error once the stream has begun (the HTTP status is already sent). */
  error(error: GatewayError): string;
  /**
   * When the upstream streams this surface's own frames (Provider.forwardsStreamFrames): the
   * frame for one upstream event, its `data` as it came with only what AIHub defines changed (our
   * id), so it is neither re-encoded nor stripped of fields AIHub does not model. `parts` is what
   * the event decoded to, which the encoder takes into its state as `encode` would. Empty: the
   * event shows the client nothing. Undefined: this event's parts go through `encode` instead.
   */
  forward?(data: string, parts: readonly StreamPart[]): string | undefined;
}

/** An error as this surface answers it: the status is the GatewayError's own. */
export interface SurfaceErrorBody {
  body: unknown;
  /** Extra headers the envelope needs (Anthropic's `request-id`, also in `answerHeaders`). */
  headers?: Record<string, string>;
}

/**
 * Writes a vendor's own stream events to a client of the same vendor's API (pass-through): the
 * events as they came, in the framing the client asked for, plus AIHub's own error when the
 * upstream breaks off. Stateful: one per stream.
 */
export interface PassThroughFramer {
  frame(event: SseEvent): string;
  /** An in-band error (the surface's error envelope body) once the stream has begun. */
  error(envelope: unknown): string;
  /** After the last event (a JSON-array stream's `]`). */
  end(): string;
  /**
   * The whole answer the stream carried, once it ended, where the API's events carry one
   * (Responses' `response.completed`): what a route that keeps answers stores.
   */
  answer?(): unknown;
}

export interface Surface {
  readonly id: SurfaceId;
  /** The vendor whose native API this surface is: same vendor in and out may pass through untouched. */
  readonly nativeProvider: ProviderId;
  /** Content type of a streamed answer (`text/event-stream`; Gemini's JSON-array stream is `application/json`). */
  streamContentType(request: ChatRequest, input: SurfaceInput): string;
  /** The client's request in the IR. Throws GatewayError (invalid_request, 400) when it is not valid. */
  decode(input: SurfaceInput): ChatRequest;
  /**
   * A JSON answer with what the request cost in its usage object (`usage.cost`, `usage.cost_details`),
   * where clients of this API look for it (Chat Completions: OpenRouter's fields). Absent: the
   * answer keeps its body (a pass-through stays the vendor's, byte for byte), and the
   * `x-aihub-cost` header alone says the cost.
   */
  withCost?(body: unknown, cost: AnswerCost): unknown;
  /** A whole answer's JSON body. */
  encodeResult(result: ChatResult, request: ChatRequest, meta: ResponseMeta): unknown;
  /** A stream's encoder (one per answer). */
  createStreamEncoder(request: ChatRequest, meta: ResponseMeta, input: SurfaceInput): SurfaceStreamEncoder;
  /**
   * Headers every answer of this surface carries, success or error (Anthropic's clients read
   * `request-id` for support and logs). Absent: none beyond AIHub's own.
   */
  answerHeaders?(requestId: string): Record<string, string>;
  /** The surface's error envelope for an error answered with an HTTP status (Anthropic's names the request). */
  encodeError(error: GatewayError, requestId?: string): SurfaceErrorBody;
  /**
   * When the channel's vendor is this surface's own (`nativeProvider`) and its provider can send
   * the endpoint as is, the request passes through untouched; absent, it is always translated.
   */
  passThrough?: {
    endpoint: PassThroughRequest['endpoint'];
    createFramer(input: SurfaceInput): PassThroughFramer;
    /**
     * The body to send upstream when it is not the client's as it came: what the route resolved
     * (Responses' stored history, which the upstream does not hold) written into it. Absent: `input.body`.
     */
    upstreamBody?(input: SurfaceInput): Record<string, unknown>;
  };
}
