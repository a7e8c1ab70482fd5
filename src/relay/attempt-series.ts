import type { GatewayError } from '../ir/index.js';
import type { UpstreamSignal } from '../upstream/http-client.js';
import { attemptDeadline } from './attempt-deadline.js';
import { reportSuccess } from './attempt-outcome.js';
import type { AttemptPlan, PlannedAttempt } from './attempt-plan.js';
import { afterFailedAttempt, attemptRecorder, noAvailableChannel } from './attempt-retry.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayTrace } from './relay-trace.js';

/** One upstream call of the series, under its attempt's deadline signal. */
export type AttemptAt<T> = (attempt: PlannedAttempt, signal: UpstreamSignal) => Promise<T>;

export interface AttemptSeriesContext {
  requestId: string;
  trace: RelayTrace;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/**
 * The attempts of a request beside the chat loop (embeddings, images, audio, rerank, video and
 * Midjourney submissions), as the chat loop runs them: a retryable upstream failure moves on to
 * the plan's next channel or key, anything else (the client's error, AIHub's own) ends the
 * request. `attemptAt` does one upstream call and returns once its answer is open (a whole JSON
 * body, or a 2xx stream's headers): what happens after is no longer an attempt that can move on.
 * An answer that is a refusal worth another channel (a Midjourney queue that is full) is thrown
 * by `attemptAt` as the upstream's fault (upstream-fault.ts), like any retryable failure.
 */
export function runAttemptSeries<T>(
  plan: AttemptPlan,
  context: AttemptSeriesContext,
  deps: RelayDeps,
  attemptAt: AttemptAt<T>,
): Promise<T>;
/**
 * The same, for an answer still read after the series returns (an open stream whose body the
 * route relays): `adoptDeadline` takes the answer and `dispose`, the end of its attempt's
 * deadline, and returns what the series returns; it disposes at once (a whole answer) or hands
 * `dispose` on to the reader, so the first-byte and total limits keep guarding the read.
 */
export function runAttemptSeries<T, R>(
  plan: AttemptPlan,
  context: AttemptSeriesContext,
  deps: RelayDeps,
  attemptAt: AttemptAt<T>,
  adoptDeadline: (answer: T, dispose: () => void) => R,
): Promise<R>;
export async function runAttemptSeries<T, R>(
  plan: AttemptPlan,
  context: AttemptSeriesContext,
  deps: RelayDeps,
  attemptAt: AttemptAt<T>,
  adoptDeadline?: (answer: T, dispose: () => void) => R,
): Promise<T | R> {
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
    let adopted = false;
    try {
      const result = await attemptAt(attempt, deadline.signal);
      reportSuccess(deps, ticket);
      record('ok', 200);
      if (!adoptDeadline) return result;
      adopted = true;
      return adoptDeadline(result, () => deadline.dispose());
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
      if (!adopted) deadline.dispose();
    }
  }
  throw lastError ?? noAvailableChannel();
}
