import type { ChatRequest } from '../ir/index.js';
import { GatewayError } from '../ir/index.js';
import type { Provider } from '../providers/provider.js';
import { decodeChatCompletionRequest } from '../surfaces/openai/decode-request.js';
import { networkError } from '../upstream/http-client.js';
import { inlineRemoteMedia } from '../upstream/media-inliner.js';
import { type PlannedAttempt, planAttempts } from './attempt-plan.js';
import type { AttemptRun } from './attempt-run.js';
import type { ClientConnection } from './client-connection.js';
import { DeliveryMeter } from './delivery-meter.js';
import { relayJson } from './json-relay.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller } from './relay-ports.js';
import { type AttemptRecord, keyHint, type RelayTrace } from './relay-trace.js';
import { relayStream } from './stream-relay.js';
import { fromGatewaySide } from './upstream-failure.js';

export interface RelayRequestContext {
  requestId: string;
  caller: RelayCaller;
  /** `performance.now()` when the request arrived. */
  startedAt: number;
  trace: RelayTrace;
}

/**
 * POST /v1/chat/completions: decode, authorize the model, route, hold the worst-case cost, try
 * (channel, key) pairs until one answers, answer in OpenAI's format, and settle to what was
 * delivered. Failures before anything reached the client move on to the next attempt when
 * retryable, and are thrown (rendered by the HTTP layer) otherwise; they cost nothing.
 */
export async function relayChatCompletion(
  body: unknown,
  context: RelayRequestContext,
  client: ClientConnection,
  deps: RelayDeps,
): Promise<void> {
  const { trace, caller } = context;
  const decoded = decodeChatCompletionRequest(body);
  trace.request = decoded;
  if (!caller.allowsModel(decoded.model)) {
    throw new GatewayError({
      kind: 'permission',
      message: `This API key may not use the model '${decoded.model}'.`,
      param: 'model',
      code: 'model_not_allowed',
    });
  }
  const candidates = deps.router.resolve(decoded.model);
  const hold = await deps.billing.hold({
    requestId: context.requestId,
    caller,
    request: decoded,
    route: candidates[0] as (typeof candidates)[number],
  });
  try {
    await runAttempts(hold.request, planAttempts(candidates, deps), context, client, deps);
  } finally {
    // Exactly once, whatever happened: what was delivered is charged, nothing else.
    trace.settlement = await hold.settle(trace.meter?.delivered ? trace.meter : undefined);
  }
}

async function runAttempts(
  request: ChatRequest,
  plan: PlannedAttempt[],
  context: RelayRequestContext,
  client: ClientConnection,
  deps: RelayDeps,
): Promise<void> {
  const { trace, requestId } = context;
  const inlined = new Map<Provider, Promise<ChatRequest>>();
  let lastError: GatewayError | undefined;
  for (let index = 0; index < plan.length; index++) {
    const attempt = plan[index] as PlannedAttempt;
    if (client.signal.aborted) break;
    trace.attempt = attempt;
    trace.attempts = index + 1;
    const meter = new DeliveryMeter();
    const attemptStarted = performance.now();
    const record = (outcome: string, status?: number) => {
      const entry: AttemptRecord = {
        channel: attempt.channel.name,
        model: attempt.upstreamModel,
        outcome,
        ms: Math.round(performance.now() - attemptStarted),
      };
      const hint = keyHint(attempt.apiKey);
      if (hint) entry.key = hint;
      if (status !== undefined) entry.status = status;
      trace.attemptLog.push(entry);
    };
    try {
      const provider = deps.providers[attempt.channel.provider];
      // Fetch remote media once per request, and only for vendors that need bytes.
      const needs = provider.inlineMedia;
      const prepared =
        needs.images || needs.files
          ? await (inlined.get(provider) ?? cache(inlined, provider, inlineRemoteMedia(request, needs, deps.media)))
          : request;
      const run: AttemptRun = {
        prepared,
        request,
        requestId,
        attempt,
        attemptNumber: index + 1,
        client,
        deps,
        meter,
        onFirstByte: () => {
          trace.ttftMs ??= Math.round(performance.now() - context.startedAt);
          trace.meter = meter;
        },
      };
      if (request.stream) {
        const error = await relayStream(run);
        if (error) trace.streamError = error;
      } else {
        await relayJson(run);
      }
      trace.meter = meter;
      record(trace.streamError ? (trace.streamError.code ?? trace.streamError.kind) : 'ok', 200);
      return;
    } catch (error) {
      lastError = fromGatewaySide(networkError(error, client.signal));
      record(lastError.code ?? lastError.kind, lastError.upstreamStatus);
      deps.logger.warn(
        {
          requestId,
          channel: attempt.channel.name,
          attempt: index + 1,
          kind: lastError.kind,
          status: lastError.upstreamStatus,
        },
        'upstream attempt failed',
      );
      if (!lastError.retryable) throw lastError;
    }
  }
  throw lastError ?? new GatewayError({ kind: 'no_channel', message: 'No upstream is available for this model.' });
}

function cache<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.set(key, value);
  return value;
}
