import type { ChatRequest, ChatResult, GatewayError } from '../ir/index.js';
import type { AttemptDetail, RequestEndpoint } from '../logs/request-log-entry.js';
import type { ResponseMeta, SurfaceId, SurfaceStreamEncoder } from '../surfaces/surface.js';
import type { PlannedAttempt } from './attempt-plan.js';
import type { DeliveryMeter } from './delivery-meter.js';
import type { RequestSpan } from './request-span.js';
import type { Settlement } from './settlement.js';

/**
 * What happened to one request, filled in as it goes, so the request log can tell the story
 * even when the request fails half way (the handler reads it in `finally`).
 */
export class RelayTrace {
  /** The request's trace span, when tracing is on (observability/request-tracing.ts). */
  readonly span?: RequestSpan;

  constructor(span?: RequestSpan) {
    if (span) this.span = span;
  }

  /** The inbound API the request came in on. */
  surface?: SurfaceId;
  /** Which of the surface's endpoints: a model's answer, a token count, or embeddings. */
  endpoint: RequestEndpoint = 'generate';
  request?: ChatRequest;
  /** A whole (non-streamed) answer's body as sent, in the surface's format. */
  answer?: unknown;
  /**
   * The answer as served, for routes that keep answers (the Responses store): a translated whole
   * answer's result, or the stream's encoder (which knows the final object once ended); a
   * pass-through's final answer object as the vendor wrote it, when there is one. Absent for
   * cached answers.
   */
  served?: ServedAnswer;
  /** The attempt that served the answer, or the last one tried. */
  attempt?: PlannedAttempt;
  attempts = 0;
  meter?: DeliveryMeter;
  settlement?: Settlement;
  /** The upstream failure that cut a stream short after it began. */
  streamError?: GatewayError;
  /** Milliseconds from the request's arrival to the first byte of the answer. */
  ttftMs?: number;
  /** A token-count request's answer (count_tokens, :countTokens): the count, and whether AIHub estimated it. */
  tokenCount?: { tokens: number; estimated: boolean };
  /** Answered from the response cache (no upstream call, no charge). */
  cached = false;
  /** The response cache's verdict (`bypass` when it does not apply); absent when not asked. */
  cacheOutcome?: CacheOutcome;
  /** Every upstream attempt, oldest first, for the request log. */
  readonly attemptLog: AttemptRecord[] = [];
  /**
   * Hedged attempts that lost the race (relay/hedged-attempts.ts): aborted before their first
   * token, never charged to the caller. Their upstream cost (the prompt they were sent, at the
   * channel's own cost) is the operator's, logged as hedging overhead.
   */
  readonly hedgeLosers: HedgeLoser[] = [];
}

export interface HedgeLoser {
  attempt: PlannedAttempt;
  /** The prompt tokens the loser was sent (AIHub's estimate: it never reported usage). */
  promptTokens: number;
}

export type ServedAnswer =
  | { kind: 'json'; result: ChatResult; meta: ResponseMeta }
  | { kind: 'stream'; encoder: SurfaceStreamEncoder; meta: ResponseMeta }
  /** The vendor's own whole answer (the JSON body, or the final object its stream carried). */
  | { kind: 'pass-through'; answer: unknown };

export type CacheOutcome = 'hit' | 'miss' | 'bypass';

/** One upstream attempt, in the shape the request log stores. */
export type AttemptRecord = AttemptDetail;

/** `…wxyz`: enough to tell pooled keys apart in a log, useless to anyone who reads it. */
export function keyHint(key: string): string | undefined {
  return key.length >= 8 ? `…${key.slice(-4)}` : undefined;
}
