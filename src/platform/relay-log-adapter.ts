import { emptyUsage, type Usage } from '../ir/index.js';
import type { RequestLogEntry } from '../logs/request-log-entry.js';
import type { RequestLogSink } from '../logs/request-log-writer.js';
import type { FinishedRequest } from '../metrics/request-metrics.js';
import type { RelayBilling, RelayLog, RelayLogRecord } from '../relay/relay-ports.js';
import type { RelayTrace } from '../relay/relay-trace.js';

/** The operator's cost of a usage on a route (the billing port's upstreamCost). */
export type UpstreamCosts = Pick<RelayBilling, 'upstreamCost'>;

/**
 * The relay's log port over the batched request-log writer: one entry per /v1 request, built from
 * the trace. Prompt and output text are only assembled when the operator turned prompt logging on.
 * It is also the one place every request's outcome passes: the metrics observe the same entry
 * (`observe`), so what /metrics counts is what the request log holds, and the request's trace
 * span ends here with the same figures. With `costs`, each entry also says what the request cost
 * the operator upstream (the serving channel's cost) and what hedging spent on losing attempts.
 */
export function relayLogAdapter(
  sink: RequestLogSink,
  promptLogging: () => boolean,
  observe?: (finished: FinishedRequest) => void,
  costs?: UpstreamCosts,
): RelayLog {
  return {
    record(record: RelayLogRecord): void {
      const entry = toEntry(record, promptLogging(), costs);
      sink.write(entry);
      observe?.({ entry, cacheOutcome: record.trace.cacheOutcome, error: record.error });
      record.trace.span?.end(entry, record.error);
    },
    update(requestId, patch) {
      return sink.update(requestId, patch);
    },
  };
}

export function toEntry(record: RelayLogRecord, withText: boolean, costs?: UpstreamCosts): RequestLogEntry {
  const { trace, caller, error } = record;
  const usage: Usage | undefined = trace.settlement?.usage ?? trace.meter?.usage;
  const attempt = trace.attempt;
  const entry: RequestLogEntry = {
    id: record.requestId,
    createdAt: record.createdAt,
    userId: caller?.userId ?? null,
    keyId: caller?.keyId ?? null,
    keyKind: caller?.keyId ? (caller.keyKind ?? 'standard') : null,
    // The group routing and the price multiplier used: the key's group, else its owner's.
    keyGroup: caller?.group ?? null,
    modelRequested: trace.request?.model ?? '',
    modelServed: trace.meter?.servedModel ?? attempt?.upstreamModel ?? null,
    provider: attempt?.channel.vendor ?? null,
    channel: attempt?.channel.name ?? null,
    status: record.status,
    stream: record.stream,
    attempts: trace.attempts,
    // A token count logs the prompt it counted as its input (it costs nothing either way).
    promptTokens: usage ? inputTotal(usage) : (trace.tokenCount?.tokens ?? 0),
    completionTokens: usage ? outputTotal(usage) : 0,
    cachedTokens: usage?.inputTokens.cacheRead ?? 0,
    cacheWriteTokens: usage?.inputTokens.cacheWrite ?? 0,
    cacheWrite1hTokens: usage?.inputTokens.cacheWrite1h ?? 0,
    reasoningTokens: usage?.outputTokens.reasoning ?? 0,
    webSearchCalls: usage?.serverToolCalls?.webSearch ?? 0,
    units: usage?.units ?? null,
    usageEstimated: trace.settlement?.estimated ?? trace.tokenCount?.estimated ?? false,
    cost: trace.settlement?.cost ?? 0,
    planDrawn: trace.settlement?.planDrawn ?? 0,
    upstreamCost: costs ? upstreamCost(trace, usage, costs) : null,
    hedgeOverhead: costs ? hedgeOverhead(trace, costs) : 0,
    latencyMs: record.latencyMs,
    ttftMs: trace.ttftMs ?? null,
    finishReason: trace.meter?.finishReason?.raw ?? trace.meter?.finishReason?.unified ?? null,
    errorCode: error ? (error.code ?? error.kind) : null,
    errorMessage: error?.message ?? null,
    clientIp: record.clientIp,
    attemptsDetail: trace.attemptLog.length > 0 ? trace.attemptLog : null,
    cachedResponse: trace.cached,
    surface: trace.surface ?? 'openai-chat',
    endpoint: trace.endpoint,
  };
  if (withText) {
    if (trace.request) entry.prompt = JSON.stringify(trace.request.messages);
    if (trace.meter) entry.output = trace.meter.text.kept;
  }
  return entry;
}

/** Jobs' usage is known only as they finish (the row is updated then), so their upstream cost is not known here. */
const JOB_ENDPOINTS = new Set(['video', 'midjourney']);

/**
 * What the answer cost the operator: the usage at the serving route's cost. Nothing delivered
 * (failed, refused, a token count) and cache hits cost nothing upstream; null when not known.
 */
function upstreamCost(trace: RelayTrace, usage: Usage | undefined, costs: UpstreamCosts): number | null {
  if (trace.cached) return 0;
  if (JOB_ENDPOINTS.has(trace.endpoint)) return null;
  if (!usage) return 0;
  if (!trace.attempt) return null;
  return costs.upstreamCost(trace.attempt, usage) ?? null;
}

/** The prompts sent to hedged attempts that lost the race, each at its own route's cost (unknown: 0). */
function hedgeOverhead(trace: RelayTrace, costs: UpstreamCosts): number {
  let total = 0;
  for (const loser of trace.hedgeLosers) {
    const prompt = emptyUsage();
    prompt.inputTokens.total = loser.promptTokens;
    total += costs.upstreamCost(loser.attempt, prompt) ?? 0;
  }
  return total;
}

function inputTotal(usage: Usage): number {
  const input = usage.inputTokens;
  return input.total ?? (input.noCache ?? 0) + (input.cacheRead ?? 0) + (input.cacheWrite ?? 0);
}

function outputTotal(usage: Usage): number {
  const output = usage.outputTokens;
  return output.total ?? (output.text ?? 0) + (output.reasoning ?? 0);
}
