import { GatewayError } from '../ir/index.js';
import type { CountTokensRequest, ProviderId } from '../providers/provider.js';
import { selectRoute, target } from '../routing/channel-selector.js';
import type { RouteCandidate } from '../routing/model-router.js';
import type { UpstreamSignal } from '../upstream/http-client.js';
import { upstreamFault } from '../upstream/upstream-fault.js';
import { attemptDeadline } from './attempt-deadline.js';
import { attemptFailure } from './attempt-failure.js';
import type { PlannedAttempt } from './attempt-plan.js';
import { attemptRecorder } from './attempt-retry.js';
import { openCountTokensCall, readJsonBody } from './provider-call.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayTrace } from './relay-trace.js';
import { fromGatewaySide } from './upstream-failure.js';

export interface VendorCountContext {
  requestId: string;
  /** The vendor whose API the client spoke: only its channels can count the body as it is. */
  nativeProvider: ProviderId;
  request: CountTokensRequest;
  trace: RelayTrace;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/**
 * The vendor's own token count, from the first channel that gives one: the model's channels of the
 * client's own vendor (an Anthropic channel for count_tokens, a Gemini channel for countTokens),
 * in the router's order, healthy keys only, one key per channel. Returns the vendor's answer body,
 * or undefined when no channel could count (none of that vendor, or every one failed: network,
 * 5xx, 429, a 404 from an upstream without the endpoint, a body that is not a count): the caller
 * then estimates, because a count is advisory and must not fail for an upstream's sake.
 *
 * Counting is not traffic: no health ticket is taken and no outcome reaches the breakers,
 * cooldowns or auto-disable, so a flood of counts cannot take a model away, nor keep a broken
 * one looking healthy. Only a 400 that the vendor blames on the body is the client's, and is
 * thrown for the client to see (in its own API's envelope).
 */
/** The vendor's answer, as it came, and the count it holds. */
export interface VendorCount {
  body: unknown;
  tokens: number;
}

export async function countAtVendor(
  candidates: readonly RouteCandidate[],
  context: VendorCountContext,
  deps: RelayDeps,
): Promise<VendorCount | undefined> {
  const { trace, signal } = context;
  const selection = selectRoute(candidates, { health: deps.routeHealth, random: deps.random });
  const counting = selection.channels.filter(
    ({ channel }) =>
      channel.provider === context.nativeProvider && deps.providers[channel.provider].encodeCountTokens !== undefined,
  );
  for (const candidate of counting.slice(0, deps.maxAttempts)) {
    const key = deps.keys.order(candidate.channel, (entry) => deps.routeHealth.usable(target(candidate, entry)))[0];
    if (!key) continue;
    const attempt: PlannedAttempt = {
      channel: candidate.channel,
      upstreamModel: candidate.upstreamModel,
      apiKey: key.key,
      keyId: key.id,
    };
    trace.attempt = attempt;
    trace.attempts += 1;
    const deadline = attemptDeadline(signal, candidate.channel.timeouts);
    const record = attemptRecorder(trace, attempt, deadline.signal);
    try {
      const counted = await readCount(context.request, attempt, deps, deadline.signal);
      record('ok', 200);
      return counted;
    } catch (thrown) {
      const failure = attemptFailure(thrown, signal.aborted);
      const error = fromGatewaySide(failure.error);
      record(error.code ?? error.kind, error.upstreamStatus, failure.origin === 'client' ? undefined : failure.error);
      if (failure.origin === 'client') throw failure.error;
      if (error.kind === 'invalid_request' && error.upstreamStatus !== undefined) throw error;
      deps.logger.warn(
        {
          requestId: context.requestId,
          channel: candidate.channel.name,
          kind: error.kind,
          status: error.upstreamStatus,
        },
        'upstream token count failed',
      );
    } finally {
      deadline.dispose();
    }
  }
  return undefined;
}

async function readCount(
  request: CountTokensRequest,
  attempt: PlannedAttempt,
  deps: RelayDeps,
  signal: UpstreamSignal,
): Promise<VendorCount> {
  const call = await openCountTokensCall(request, attempt, deps, signal);
  if (!call) throw new GatewayError({ kind: 'internal', message: `${attempt.channel.provider} cannot count tokens.` });
  const body = await readJsonBody(call.response);
  const tokens = call.provider.tokenCountOf?.(body);
  if (tokens === undefined) {
    throw upstreamFault(
      new GatewayError({
        kind: 'upstream_error',
        message: 'The upstream answered the token count with a body that is not a count.',
        code: 'upstream_invalid_response',
      }),
    );
  }
  return { body, tokens };
}
