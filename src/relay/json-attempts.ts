import { GatewayError } from '../ir/index.js';
import type { EncodedRequest, Provider } from '../providers/provider.js';
import type { UpstreamSignal } from '../upstream/http-client.js';
import { upstreamFault } from '../upstream/upstream-fault.js';
import { attemptDeadline } from './attempt-deadline.js';
import { reportSuccess } from './attempt-outcome.js';
import type { AttemptPlan, PlannedAttempt } from './attempt-plan.js';
import { afterFailedAttempt, attemptRecorder, noAvailableChannel } from './attempt-retry.js';
import { readJsonBody, sendEncodedRequest } from './provider-call.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayTrace } from './relay-trace.js';

/** What the attempts of one JSON endpoint call (embeddings, rerank) need of it. */
export interface JsonAttemptsContext {
  requestId: string;
  trace: RelayTrace;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/**
 * The attempts of a JSON endpoint, as the chat loop runs them: each within its channel's deadline,
 * recorded on the trace; a retryable upstream failure moves on to the plan's next channel or key
 * (health reported by the one failed-attempt rule), anything else ends the request.
 */
export async function runJsonAttempts<T>(
  plan: AttemptPlan,
  context: JsonAttemptsContext,
  deps: RelayDeps,
  callAt: (attempt: PlannedAttempt, signal: UpstreamSignal) => Promise<T>,
): Promise<T> {
  const { trace } = context;
  let lastError: GatewayError | undefined;
  let previous: Parameters<AttemptPlan['next']>[0];
  while (!context.signal.aborted) {
    const started = plan.next(previous);
    if (!started) break;
    const { attempt, ticket } = started;
    trace.attempt = attempt;
    trace.attempts = plan.count;
    const deadline = attemptDeadline(context.signal, attempt.channel.timeouts);
    const record = attemptRecorder(trace, attempt, deadline.signal);
    try {
      const result = await callAt(attempt, deadline.signal);
      reportSuccess(deps, ticket);
      record('ok', 200);
      return result;
    } catch (thrown) {
      const failed = {
        requestId: context.requestId,
        attempt,
        attemptNumber: plan.count,
        ticket,
        clientGone: context.signal.aborted,
        record,
      };
      const { error, scope } = afterFailedAttempt(thrown, failed, deps);
      lastError = error;
      previous = scope;
    } finally {
      deadline.dispose();
    }
  }
  throw lastError ?? noAvailableChannel();
}

/**
 * Sends an encoded request and reads its 2xx JSON answer. The vendor's error status (decoded by its
 * provider) and an unreadable answer are the upstream's faults; network failures are marked already.
 */
export async function fetchUpstreamJson(
  provider: Provider,
  encoded: EncodedRequest,
  attempt: PlannedAttempt,
  signal: UpstreamSignal,
): Promise<unknown> {
  const response = await sendEncodedRequest(provider, encoded, attempt, signal).catch((error: unknown) => {
    throw error instanceof GatewayError && error.upstreamStatus !== undefined ? upstreamFault(error) : error;
  });
  return readJsonBody(response).catch((error: unknown) => {
    throw error instanceof GatewayError ? upstreamFault(error) : error;
  });
}

/** Runs a decoder of an upstream answer: a GatewayError it throws is the upstream's fault (retried elsewhere). */
export function decodeUpstream<T>(decode: () => T): T {
  try {
    return decode();
  } catch (error) {
    if (error instanceof GatewayError) throw upstreamFault(error);
    throw error;
  }
}
