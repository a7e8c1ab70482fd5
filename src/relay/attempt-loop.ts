import type { ChatRequest } from '../ir/index.js';
import { GatewayError } from '../ir/index.js';
import type { Provider } from '../providers/provider.js';
import type { FailureScope } from '../routing/health/failure-class.js';
import { networkError } from '../upstream/http-client.js';
import { inlineRemoteMedia } from '../upstream/media-inliner.js';
import { attemptDeadline } from './attempt-deadline.js';
import { reportFailure, reportSuccess } from './attempt-outcome.js';
import type { AttemptPlan, PlannedAttempt } from './attempt-plan.js';
import type { AttemptRun } from './attempt-run.js';
import type { ClientConnection } from './client-connection.js';
import { DeliveryMeter } from './delivery-meter.js';
import { relayJson } from './json-relay.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayRequestContext } from './relay-request-context.js';
import { type AttemptRecord, keyHint } from './relay-trace.js';
import { relayStream } from './stream-relay.js';
import { fromGatewaySide } from './upstream-failure.js';

/**
 * Runs the plan's attempts until one answers. Before the first byte reached the client, a
 * retryable failure moves to the next attempt (another key of the channel after a key failure,
 * else the next channel); a failure that is not retryable, or the last one, is thrown. After the
 * first byte there is no retry: the stream ends with an in-band error (stream-relay.ts). Every
 * attempt is logged in the trace and its outcome fed to the route health.
 */
export async function runAttempts(
  request: ChatRequest,
  plan: AttemptPlan,
  context: RelayRequestContext,
  client: ClientConnection,
  deps: RelayDeps,
): Promise<void> {
  const { trace, requestId } = context;
  const inlined = new Map<Provider, Promise<ChatRequest>>();
  let lastError: GatewayError | undefined;
  let previous: FailureScope | undefined;
  while (!client.signal.aborted) {
    const started = plan.next(previous);
    if (!started) break;
    const { attempt, ticket } = started;
    const attemptNumber = plan.count;
    trace.attempt = attempt;
    trace.attempts = attemptNumber;
    let prepared: ChatRequest;
    try {
      prepared = await prepareFor(request, attempt, inlined, deps);
    } catch (error) {
      deps.routeHealth.released(ticket); // the client's media, not the upstream, failed
      throw error;
    }
    const meter = new DeliveryMeter();
    const attemptStarted = performance.now();
    const record = (outcome: string, status?: number) =>
      trace.attemptLog.push(attemptRecord(attempt, outcome, Math.round(performance.now() - attemptStarted), status));
    const deadline = attemptDeadline(client.signal, attempt.channel.timeouts);
    try {
      const run: AttemptRun = {
        prepared,
        request,
        requestId,
        attempt,
        attemptNumber,
        client,
        signal: deadline.signal,
        deps,
        meter,
        onFirstByte: () => {
          deadline.firstByteSent();
          trace.ttftMs ??= Math.round(performance.now() - context.startedAt);
          trace.meter = meter;
        },
      };
      let streamError: GatewayError | undefined;
      if (request.stream) streamError = await relayStream(run);
      else await relayJson(run);
      trace.meter = meter;
      if (streamError) {
        trace.streamError = streamError;
        reportFailure(deps, ticket, attempt, streamError);
      } else {
        reportSuccess(deps, ticket);
      }
      record(streamError ? (streamError.code ?? streamError.kind) : 'ok', 200);
      return;
    } catch (error) {
      const raw = networkError(error, client.signal);
      const failure = reportFailure(deps, ticket, attempt, raw);
      lastError = fromGatewaySide(raw);
      record(lastError.code ?? lastError.kind, lastError.upstreamStatus);
      deps.logger.warn(
        {
          requestId,
          channel: attempt.channel.name,
          attempt: attemptNumber,
          kind: lastError.kind,
          status: lastError.upstreamStatus,
          scope: failure.scope,
        },
        'upstream attempt failed',
      );
      if (!lastError.retryable || failure.scope === 'request' || failure.scope === 'cancelled') throw lastError;
      previous = failure.scope;
    } finally {
      deadline.dispose();
    }
  }
  throw (
    lastError ??
    new GatewayError({
      kind: 'no_channel',
      message: 'No upstream channel is available for this model.',
      code: 'no_available_channel',
    })
  );
}

/** The request for this attempt's vendor: remote media fetched once per request, only where bytes are needed. */
function prepareFor(
  request: ChatRequest,
  attempt: PlannedAttempt,
  inlined: Map<Provider, Promise<ChatRequest>>,
  deps: RelayDeps,
): Promise<ChatRequest> {
  const provider = deps.providers[attempt.channel.provider];
  const needs = provider.inlineMedia;
  if (!needs.images && !needs.files) return Promise.resolve(request);
  let prepared = inlined.get(provider);
  if (!prepared) {
    prepared = inlineRemoteMedia(request, needs, deps.media);
    inlined.set(provider, prepared);
  }
  return prepared;
}

function attemptRecord(attempt: PlannedAttempt, outcome: string, ms: number, status?: number): AttemptRecord {
  const entry: AttemptRecord = { channel: attempt.channel.name, model: attempt.upstreamModel, outcome, ms };
  const hint = keyHint(attempt.apiKey);
  if (hint) entry.key = hint;
  if (status !== undefined) entry.status = status;
  if (attempt.lastResort) entry.lastResort = true;
  return entry;
}
