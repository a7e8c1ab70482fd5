import { quickPromptEstimate } from '../billing/token-estimate.js';
import type { ChatRequest, GatewayError } from '../ir/index.js';
import type { PassThroughRequest, Provider } from '../providers/provider.js';
import type { FailureScope } from '../routing/health/failure-class.js';
import type { RouteCandidate } from '../routing/model-router.js';
import type { SpeedSample } from '../routing/route-speed.js';
import type { StickyLookup } from '../routing/sticky/sticky-routing.js';
import { inlineRemoteMedia } from '../upstream/media-inliner.js';
import { attemptDeadline } from './attempt-deadline.js';
import { attemptFailure } from './attempt-failure.js';
import { reportFailure, reportSuccess } from './attempt-outcome.js';
import type { AttemptPlan, PlannedAttempt, StartedAttempt } from './attempt-plan.js';
import { afterFailedAttempt, attemptRecorder, noAvailableChannel } from './attempt-retry.js';
import type { AttemptRun, StreamContinuation } from './attempt-run.js';
import type { ClientConnection } from './client-connection.js';
import { DeliveryMeter } from './delivery-meter.js';
import { type AttemptEnd, type AttemptLane, raceHedged, soleLane } from './hedged-attempts.js';
import { relayJson } from './json-relay.js';
import { passThroughJson, passThroughStream } from './pass-through.js';
import { passesThrough } from './provider-call.js';
import type { RelayDeps } from './relay-deps.js';
import type { Settlement } from './relay-ports.js';
import type { RelayRequestContext } from './relay-request-context.js';
import type { ServedAnswer } from './relay-trace.js';
import { relayStream } from './stream-relay.js';
import { openUpstream } from './upstream-exchange.js';

/**
 * Runs the plan's attempts until one answers. Before the first byte reached the client, a
 * retryable upstream failure moves to the next attempt (another key of the channel after a key
 * failure, else the next channel); a failure that is not retryable, or the last one, is thrown.
 * After the first byte there is no retry: the stream ends with an in-band error (stream-relay.ts).
 * Every attempt is logged in the trace. Only the upstream's own failures reach route health
 * (attempt-failure.ts): the client's leaving and AIHub's own errors release the health ticket
 * untouched, and end the request at once. `settle` commits the charge for what an attempt
 * delivered, before its last bytes leave. `sticky` is the conversation's last route, looked up
 * beside the hold (relay-request.ts); undefined without sticky routing or a choice to make.
 */
export async function runAttempts(
  request: ChatRequest,
  plan: AttemptPlan,
  sticky: StickyLookup | undefined,
  context: RelayRequestContext,
  client: ClientConnection,
  deps: RelayDeps,
  settle: (meter: DeliveryMeter) => Promise<Settlement>,
  hedge?: HedgeOptions,
): Promise<void> {
  const inlined = new Map<Provider, Promise<ChatRequest>>();
  const attempt = (started: StartedAttempt, lane: AttemptLane) =>
    runAttempt(started, lane, { request, sticky, context, deps, settle, inlined, plan });
  let lastError: GatewayError | undefined;
  let previous: FailureScope | undefined;
  // Hedged at most once per request: a second attempt beside the first that keeps the client waiting.
  let hedgeLeft = hedge;
  // The conversation's last (channel, key) goes first while it is still a healthy choice, so the
  // upstream's prompt cache keeps hitting; the route that serves is remembered below.
  plan.prefer(sticky?.route);
  while (!client.signal.aborted) {
    const started = plan.next(previous);
    if (!started) break;
    let end: AttemptEnd<Failed>;
    if (hedgeLeft) {
      const wait = hedgeLeft.waitFor(started.attempt);
      const raced = await raceHedged(client, started, wait, () => plan.next('channel'), attempt);
      if (raced.hedged) hedgeLeft = undefined;
      end = raced.end;
    } else {
      end = await attempt(started, soleLane(client));
    }
    if (end.outcome === 'served') return;
    if (end.outcome === 'failed') {
      lastError = end.failure.error;
      previous = end.failure.scope;
    }
  }
  throw lastError ?? noAvailableChannel();
}

/** A hedged request's wait before its second attempt, for the route of its first (hedge-policy.ts). */
export interface HedgeOptions {
  waitFor(attempt: PlannedAttempt): number;
}

/** A failed attempt's error, and the scope of the failure the plan's next attempt depends on. */
interface Failed {
  error: GatewayError;
  scope: FailureScope;
}

interface AttemptShared {
  request: ChatRequest;
  sticky: StickyLookup | undefined;
  context: RelayRequestContext;
  deps: RelayDeps;
  settle: (meter: DeliveryMeter) => Promise<Settlement>;
  /** Remote media fetched once per request and vendor. */
  inlined: Map<Provider, Promise<ChatRequest>>;
  /** Where a broken stream's continuation takes its channel from. */
  plan: AttemptPlan;
}

/**
 * One attempt, written to the client through `lane` (hedged-attempts.ts: a hedged attempt must
 * claim the client before its first byte or its settlement). Throws what ends the request.
 */
async function runAttempt(
  { attempt, ticket }: StartedAttempt,
  lane: AttemptLane,
  shared: AttemptShared,
): Promise<AttemptEnd<Failed>> {
  const { request, sticky, context, deps, settle, inlined } = shared;
  const { trace, requestId } = context;
  const client = lane.client;
  // Counted over the whole request: a fallback model's attempts follow its predecessor's.
  const attemptNumber = trace.attempts + 1;
  trace.attempt = attempt;
  trace.attempts = attemptNumber;
  // Same vendor in and out: the client's body goes as it came (pass-through.ts).
  const passThrough = request.rewritten ? undefined : passThroughEndpoint(context, attempt, deps);
  let prepared: ChatRequest;
  try {
    prepared = passThrough ? request : await prepareFor(request, attempt, inlined, deps);
  } catch (error) {
    deps.routeHealth.released(ticket); // the client's media, not the upstream, failed
    lane.dispose();
    if (lane.lost) return { outcome: 'lost' };
    throw error;
  }
  const meter = new DeliveryMeter();
  const deadline = attemptDeadline(client.signal, attempt.channel.timeouts);
  const record = attemptRecorder(trace, attempt, deadline.signal);
  // A stream counts as open from its first byte to its end (the open-streams gauge).
  let streamOpened = false;
  const attemptStarted = performance.now();
  let firstByteAt: number | undefined;
  // A hedged attempt's answer is the request's only once it won (its rival may be told first).
  let served: ServedAnswer | undefined;
  // A stream that broke is this attempt's failure, reported once: when it broke, if it was then
  // continued elsewhere (stream-continuation.ts), else when the answer ended.
  let cutReported = false;
  const reportCut = (cut: GatewayError) => {
    if (cutReported) return;
    cutReported = true;
    const failure = attemptFailure(cut, client.signal.aborted);
    reportFailure(deps, ticket, attempt, failure, requestId);
    record(cut.code ?? cut.kind, 200, failure.origin === 'upstream' ? cut : undefined);
  };
  try {
    const run: AttemptRun = {
      prepared,
      request,
      requestId,
      surface: context.surface,
      input: context.input,
      clientMaxOutputTokens: trace.request?.maxOutputTokens,
      attempt,
      attemptNumber,
      client,
      signal: deadline.signal,
      deps,
      meter,
      onFirstByte: () => {
        // The answer is about to reach the client: a hedged attempt must own it first (a JSON
        // answer says so before its settlement; a rival that answered meanwhile makes this one lose).
        lane.claim();
        firstByteAt ??= performance.now();
        deadline.firstByteSent();
        trace.ttftMs ??= Math.round(performance.now() - context.startedAt);
        trace.attempt = attempt;
        trace.meter = meter;
        if (served) trace.served = served;
        if (request.stream && !streamOpened) {
          streamOpened = true;
          deps.openStreams?.opened();
        }
      },
      settle: () => {
        lane.claim();
        trace.attempt = attempt;
        return settle(meter);
      },
      onServed: (answer) => {
        served = answer;
        if (!lane.lost) trace.served = answer;
      },
    };
    if (request.stream && !passThrough && (request.n ?? 1) === 1 && deps.streamContinuation?.()) {
      run.continuation = streamContinuation(run, shared, (cut) => reportCut(cut));
    }
    // What cut an answer short once it had started (a stream's in-band error), if anything.
    let cut: GatewayError | undefined;
    let answer: unknown;
    if (passThrough) {
      if (request.stream) cut = await passThroughStream(run, passThrough);
      else answer = await passThroughJson(run, passThrough);
    } else if (request.stream) cut = await relayStream(run);
    else answer = await relayJson(run);
    trace.attempt = attempt;
    trace.meter = meter;
    if (served) trace.served = served;
    if (!request.stream) trace.answer = answer;
    if (cut) {
      trace.streamError = cut;
      reportCut(cut);
    } else if (!cutReported) {
      reportSuccess(deps, ticket);
      recordSpeed(deps, attempt, meter, attemptStarted, firstByteAt, request.stream);
      record('ok', 200);
      if (sticky) deps.sticky?.record(sticky, { channelId: attempt.channel.id, keyId: attempt.keyId });
    }
    return { outcome: 'served' };
  } catch (thrown) {
    if (lane.lost) {
      // Aborted by AIHub because a rival answered first: nobody's health is at stake, and its
      // upstream cost (the prompt it was sent) is the operator's.
      deps.routeHealth.released(ticket);
      record(HEDGE_LOST);
      trace.hedgeLosers.push({ attempt, promptTokens: quickPromptEstimate(request) });
      return { outcome: 'lost' };
    }
    const failed = { requestId, attempt, attemptNumber, ticket, clientGone: client.signal.aborted, record };
    const { error, scope } = afterFailedAttempt(thrown, failed, deps);
    return { outcome: 'failed', failure: { error, scope } };
  } finally {
    deadline.dispose();
    lane.dispose();
    if (streamOpened) deps.openStreams?.closed();
  }
}

/** The outcome an attempt that lost its hedge race is logged with. */
const HEDGE_LOST = 'hedge_lost';

/**
 * Where a broken stream goes on (stream-continuation.ts): the plan's next channel of the same
 * upstream model whose vendor continues a prefill, as an attempt of its own (health ticket,
 * deadline, log entry). `broke` reports the first break as the serving attempt's failure.
 */
function streamContinuation(
  first: AttemptRun,
  shared: AttemptShared,
  broke: (failure: GatewayError) => void,
): StreamContinuation {
  const { context, deps, plan, inlined } = shared;
  const { trace, requestId } = context;
  const model = first.attempt.upstreamModel;
  const accept = (candidate: RouteCandidate) =>
    candidate.upstreamModel === model && deps.providers[candidate.channel.provider].continuesPrefill === true;
  return {
    async open(request, failure) {
      broke(failure);
      for (;;) {
        if (first.client.signal.aborted) return undefined;
        const started = plan.next('channel', accept);
        if (!started) return undefined;
        const { attempt, ticket } = started;
        const attemptNumber = trace.attempts + 1;
        trace.attempts = attemptNumber;
        const deadline = attemptDeadline(first.client.signal, attempt.channel.timeouts);
        const record = attemptRecorder(trace, attempt, deadline.signal);
        try {
          const prepared = await prepareFor(request, attempt, inlined, deps);
          const run: AttemptRun = {
            ...first,
            prepared,
            attempt,
            attemptNumber,
            signal: deadline.signal,
            onFirstByte: () => deadline.firstByteSent(),
            continuation: undefined,
          };
          const call = await openUpstream(run);
          deadline.firstByteSent();
          trace.attempt = attempt;
          return {
            run,
            call,
            end(cut) {
              deadline.dispose();
              if (!cut) {
                reportSuccess(deps, ticket);
                record('ok', 200);
                return;
              }
              const outcome = attemptFailure(cut, first.client.signal.aborted);
              reportFailure(deps, ticket, attempt, outcome, requestId);
              record(cut.code ?? cut.kind, 200, outcome.origin === 'upstream' ? cut : undefined);
            },
          };
        } catch (thrown) {
          deadline.dispose();
          try {
            const clientGone = first.client.signal.aborted;
            afterFailedAttempt(thrown, { requestId, attempt, attemptNumber, ticket, clientGone, record }, deps);
          } catch {
            return undefined; // a failure no other channel would mend: the stream ends as it broke
          }
        }
      }
    },
  };
}

/**
 * A served attempt's speed for its route (route-speed.ts): time to its first byte, and for a stream
 * of some length, output tokens per second after it (the vendor's count, else what was delivered).
 */
function recordSpeed(
  deps: RelayDeps,
  attempt: PlannedAttempt,
  meter: DeliveryMeter,
  startedAt: number,
  firstByteAt: number | undefined,
  stream: boolean,
): void {
  if (!deps.routeSpeed || firstByteAt === undefined) return;
  const streamedMs = performance.now() - firstByteAt;
  const output = meter.usage?.outputTokens.total;
  const sample: SpeedSample = { ttftMs: firstByteAt - startedAt };
  if (stream && output && streamedMs >= MIN_STREAM_MS_FOR_THROUGHPUT)
    sample.tokensPerSecond = (output * 1000) / streamedMs;
  deps.routeSpeed.record(attempt.channel.id, attempt.upstreamModel, sample);
}

/** Shorter streams say more about the network than the model's speed. */
const MIN_STREAM_MS_FOR_THROUGHPUT = 250;

/** The endpoint to pass through when the channel's vendor speaks the client's own API. */
function passThroughEndpoint(
  context: RelayRequestContext,
  attempt: PlannedAttempt,
  deps: RelayDeps,
): PassThroughRequest['endpoint'] | undefined {
  const endpoint = context.surface.passThrough?.endpoint;
  if (!endpoint || context.surface.nativeProvider !== attempt.channel.provider) return undefined;
  return passesThrough(endpoint, attempt, deps) ? endpoint : undefined;
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
