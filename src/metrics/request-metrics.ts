import { Counter, Histogram, type Registry } from 'prom-client';
import type { GatewayError } from '../ir/index.js';
import { isRateLimitError } from '../limits/rate-limit-error.js';
import type { RequestLogEntry } from '../logs/request-log-entry.js';
import type { CacheOutcome } from '../relay/relay-trace.js';
import { type KnownModels, modelLabel, NONE, statusClass, upstreamFailureClass } from './metric-labels.js';

/** What the request metrics read of a finished request: its log entry, plus two facts the log does not keep. */
export interface FinishedRequest {
  entry: RequestLogEntry;
  /** The response cache's verdict; absent when the request ended before the cache was asked. */
  cacheOutcome: CacheOutcome | undefined;
  error: GatewayError | undefined;
}

/** Seconds: from a cached answer (milliseconds) to a long generation (minutes). */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const TTFT_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60];
/** Output tokens per second of a stream: slow reasoning models to fast small ones. */
const TOKENS_PER_SECOND_BUCKETS = [5, 10, 20, 30, 50, 75, 100, 150, 200, 300, 500, 1000];
const UNITS_PER_USD = 1_000_000;
/** aihub_tokens_total's `type` label, and the log entry's count behind it (counted only when above 0). */
const TOKEN_COUNTS = [
  ['input', 'promptTokens'],
  ['output', 'completionTokens'],
  ['cached', 'cachedTokens'],
  ['reasoning', 'reasoningTokens'],
] as const satisfies ReadonlyArray<readonly [string, keyof RequestLogEntry]>;

/**
 * The per-request metrics, fed once per finished request from the request log's own entry (the
 * relay log adapter is the single place a request's outcome is known). Every label is bounded
 * (metric-labels.ts): surface and endpoint from fixed sets, channel names the operator's, models
 * only the catalog's or the price rules', never a user or a key.
 *
 * Cost on the hot path: label values are lookups; prom-client keys each update by its label
 * values. Measured on the development machine (2 cores, Node 20, 200,000 observations in a loop):
 * about 4 µs of CPU per request for a streamed answer with one attempt (ten metric updates),
 * against the ~50 µs a request costs a bare proxy (DESIGN.md §5).
 */
export class RequestMetrics {
  private readonly requests: Counter<'surface' | 'endpoint' | 'model' | 'channel' | 'status_class' | 'cache'>;
  private readonly duration: Histogram<'surface' | 'model' | 'stream'>;
  private readonly timeToFirstToken: Histogram<'surface' | 'model'>;
  private readonly tokensPerSecond: Histogram<'surface' | 'model'>;
  private readonly tokens: Counter<'type' | 'model' | 'channel'>;
  private readonly cost: Counter<'model' | 'channel'>;
  private readonly attempts: Counter<'channel' | 'outcome'>;
  private readonly upstreamErrors: Counter<'channel' | 'class'>;
  private readonly limiterRejections: Counter<'surface'>;

  constructor(
    registry: Registry,
    private readonly known: KnownModels,
  ) {
    const registers = [registry];
    this.requests = new Counter({
      name: 'aihub_requests_total',
      help: 'Finished API requests, by inbound surface, endpoint, model, channel, HTTP status class and response-cache outcome.',
      labelNames: ['surface', 'endpoint', 'model', 'channel', 'status_class', 'cache'],
      registers,
    });
    this.duration = new Histogram({
      name: 'aihub_request_duration_seconds',
      help: 'Time from a request’s arrival to its last byte.',
      labelNames: ['surface', 'model', 'stream'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.timeToFirstToken = new Histogram({
      name: 'aihub_time_to_first_token_seconds',
      help: 'Time from a request’s arrival to the first byte of its answer.',
      labelNames: ['surface', 'model'],
      buckets: TTFT_BUCKETS,
      registers,
    });
    this.tokensPerSecond = new Histogram({
      name: 'aihub_output_tokens_per_second',
      help: 'Output tokens per second of streamed answers, after their first byte.',
      labelNames: ['surface', 'model'],
      buckets: TOKENS_PER_SECOND_BUCKETS,
      registers,
    });
    this.tokens = new Counter({
      name: 'aihub_tokens_total',
      help: 'Tokens billed: input (all of it), output (all of it), and of these cached input and reasoning output.',
      labelNames: ['type', 'model', 'channel'],
      registers,
    });
    this.cost = new Counter({
      name: 'aihub_cost_usd_total',
      help: 'What requests were charged, in US dollars.',
      labelNames: ['model', 'channel'],
      registers,
    });
    this.attempts = new Counter({
      name: 'aihub_upstream_attempts_total',
      help: 'Upstream attempts, by channel and outcome (ok or failed).',
      labelNames: ['channel', 'outcome'],
      registers,
    });
    this.upstreamErrors = new Counter({
      name: 'aihub_upstream_errors_total',
      help: 'Failed upstream attempts, by channel and failure class.',
      labelNames: ['channel', 'class'],
      registers,
    });
    this.limiterRejections = new Counter({
      name: 'aihub_limiter_rejections_total',
      help: 'Requests refused by AIHub’s own rate and concurrency limits.',
      labelNames: ['surface'],
      registers,
    });
  }

  /** Records one finished request. Never throws: metrics must not fail a request. */
  observe(request: FinishedRequest): void {
    try {
      this.record(request);
    } catch {
      // A metric that cannot be recorded is lost; the request and its log row are not.
    }
  }

  private record({ entry, cacheOutcome, error }: FinishedRequest): void {
    const surface = entry.surface ?? 'openai-chat';
    const model = modelLabel(this.known, entry.modelRequested, entry.modelServed ?? null, entry.provider ?? null);
    const channel = entry.channel ?? NONE;
    this.requests.inc({
      surface,
      endpoint: entry.endpoint ?? 'generate',
      model,
      channel,
      status_class: statusClass(entry.status),
      cache: cacheOutcome ?? NONE,
    });
    const latencySeconds = entry.latencyMs / 1000;
    this.duration.observe({ surface, model, stream: entry.stream ? 'true' : 'false' }, latencySeconds);
    if (entry.ttftMs != null) {
      const ttftSeconds = entry.ttftMs / 1000;
      this.timeToFirstToken.observe({ surface, model }, ttftSeconds);
      const generatingSeconds = latencySeconds - ttftSeconds;
      if (entry.stream && entry.completionTokens > 0 && generatingSeconds > 0) {
        this.tokensPerSecond.observe({ surface, model }, entry.completionTokens / generatingSeconds);
      }
    }
    for (const [type, field] of TOKEN_COUNTS) {
      const count = entry[field];
      if (count > 0) this.tokens.inc({ type, model, channel }, count);
    }
    if (entry.cost > 0) this.cost.inc({ model, channel }, entry.cost / UNITS_PER_USD);
    for (const attempt of entry.attemptsDetail ?? []) {
      const attemptChannel = attempt.channel ?? NONE;
      const ok = attempt.outcome === 'ok';
      this.attempts.inc({ channel: attemptChannel, outcome: ok ? 'ok' : 'failed' });
      if (!ok) this.upstreamErrors.inc({ channel: attemptChannel, class: upstreamFailureClass(attempt) });
    }
    if (isRateLimitError(error)) this.limiterRejections.inc({ surface });
  }
}
