import type { GatewayError } from '../ir/index.js';
import type { UpstreamSignal } from '../upstream/http-client.js';
import { attemptDeadline } from './attempt-deadline.js';
import { reportSuccess } from './attempt-outcome.js';
import type { AttemptPlan, PlannedAttempt } from './attempt-plan.js';
import { afterFailedAttempt, attemptRecorder, noAvailableChannel } from './attempt-retry.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayTrace } from './relay-trace.js';

export interface AttemptSeriesContext {
  requestId: string;
  trace: RelayTrace;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/**
 * The attempts of a request beside the chat loop (embeddings, audio), as the chat loop runs them:
 * a retryable upstream failure moves on to the plan's next channel or key, anything else (the
 * client's error, AIHub's own) ends the request. `attemptAt` does one upstream call and returns
 * once its answer is open (a whole JSON body, or a 2xx stream's headers): what happens after is
 * no longer an attempt that can move on.
 */
export async function runAttemptSeries<T>(
  plan: AttemptPlan,
  context: AttemptSeriesContext,
  deps: RelayDeps,
  attemptAt: (attempt: PlannedAttempt, signal: UpstreamSignal) => Promise<T>,
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
      const result = await attemptAt(attempt, deadline.signal);
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
