import { GatewayError } from '../ir/index.js';
import type { FailureScope } from '../routing/health/failure-class.js';
import type { HealthTicket } from '../routing/health/route-health.js';
import { connectionWaitMs } from '../upstream/connection-wait.js';
import { attemptFailure } from './attempt-failure.js';
import { reportFailure } from './attempt-outcome.js';
import type { PlannedAttempt } from './attempt-plan.js';
import type { RelayDeps } from './relay-deps.js';
import { keyHint, type RelayTrace } from './relay-trace.js';
import { fromGatewaySide } from './upstream-failure.js';

/** Records the outcome of one attempt in the trace (its status, and the upstream's own error). */
export type AttemptRecorder = (outcome: string, status?: number, upstreamError?: GatewayError) => void;

/** Longest upstream error text kept in an attempt's record. */
const MAX_DETAIL_CHARS = 300;

/**
 * The recorder of an attempt that starts now, timed from here. `signal` is the attempt's upstream
 * signal (connection-wait.ts keys its measure by it).
 */
export function attemptRecorder(trace: RelayTrace, attempt: PlannedAttempt, signal: object): AttemptRecorder {
  const started = performance.now();
  // Each attempt records exactly one entry, so the next ordinal is this attempt's number.
  const endSpan = trace.span?.attempt(attempt, {
    attemptNumber: trace.attemptLog.length + 1,
    endpoint: trace.endpoint,
    signal,
  });
  return (outcome, status, upstreamError) => {
    endSpan?.(outcome, status);
    const ms = Math.round(performance.now() - started);
    trace.attemptLog.push(attemptRecord(attempt, outcome, ms, { status, signal, upstreamError }));
  };
}

/** One attempt as the request log stores it. */
export function attemptRecord(
  attempt: PlannedAttempt,
  outcome: string,
  ms: number,
  details: { status?: number; signal: object; upstreamError?: GatewayError },
) {
  const { status, signal, upstreamError } = details;
  const entry: RelayTrace['attemptLog'][number] = {
    channel: attempt.channel.name,
    model: attempt.upstreamModel,
    outcome,
    ms,
  };
  const hint = keyHint(attempt.apiKey);
  if (hint) entry.key = hint;
  if (status !== undefined) entry.status = status;
  const waited = connectionWaitMs(signal);
  if (waited) entry.connectionWaitMs = waited;
  if (attempt.lastResort) entry.lastResort = true;
  // The upstream's own words, which the client is not always shown (upstream-failure.ts).
  if (upstreamError) entry.detail = upstreamError.message.slice(0, MAX_DETAIL_CHARS);
  return entry;
}

export interface FailedAttempt {
  requestId: string;
  attempt: PlannedAttempt;
  attemptNumber: number;
  ticket: HealthTicket;
  /** Whether the client had gone when the attempt failed. */
  clientGone: boolean;
  record: AttemptRecorder;
}

/**
 * After a failed attempt (any loop of upstream attempts: a chat answer, embeddings): tells route
 * health (attempt-outcome.ts), records the attempt, and either throws the error that ends the
 * request (the client's leaving, AIHub's own error, a failure no other attempt would mend) or
 * returns the client-facing error and the failure's scope, for the plan to choose the next attempt.
 */
export function afterFailedAttempt(
  thrown: unknown,
  failed: FailedAttempt,
  deps: RelayDeps,
): { error: GatewayError; scope: FailureScope } {
  const failure = attemptFailure(thrown, failed.clientGone);
  const verdict = reportFailure(deps, failed.ticket, failed.attempt, failure, failed.requestId);
  if (!verdict) {
    // The client's leaving or AIHub's own error: no other upstream would do better.
    failed.record(failure.error.code ?? failure.error.kind);
    throw failure.error;
  }
  const error = fromGatewaySide(failure.error);
  failed.record(error.code ?? error.kind, error.upstreamStatus, failure.error);
  deps.logger.warn(
    {
      requestId: failed.requestId,
      channel: failed.attempt.channel.name,
      attempt: failed.attemptNumber,
      kind: error.kind,
      status: error.upstreamStatus,
      scope: verdict.scope,
    },
    'upstream attempt failed',
  );
  if (!error.retryable || verdict.scope === 'request' || verdict.scope === 'cancelled') throw error;
  return { error, scope: verdict.scope };
}

/** What a request that ran out of attempts answers when none failed upstream (no channel could start one). */
export function noAvailableChannel(): GatewayError {
  return new GatewayError({
    kind: 'no_channel',
    message: 'No upstream channel is available for this model.',
    code: 'no_available_channel',
  });
}
