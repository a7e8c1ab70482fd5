import { quickPromptEstimate } from '../billing/token-estimate.js';
import { refuseUnpricedTiers } from '../billing/unpriced-tiers.js';
import { CACHE_STATUS_HEADER } from '../cache/cache-types.js';
import { captureConnection, replayAnswer, withResponseHeaders } from '../cache/capture-connection.js';
import type { ChatRequest, GatewayError } from '../ir/index.js';
import { type RouteSelection, selectRoute } from '../routing/channel-selector.js';
import type { RouteCandidate } from '../routing/model-router.js';
import { preferenceOrder, preferredRoutes } from '../routing/provider-preferences.js';
import type { StickyLookup } from '../routing/sticky/sticky-routing.js';
import { tierPolicyOrder } from '../routing/tier-policy.js';
import { builtinVendors } from '../vendors/vendor-registry.js';
import { admitRequest } from './admit-request.js';
import { answerCost, COST_HEADER, costHeaderValue } from './answer-cost.js';
import { type HedgeOptions, runAttempts } from './attempt-loop.js';
import { hasRouteChoice, planAttempts } from './attempt-plan.js';
import { billedTokens } from './billed-tokens.js';
import { candidateFacts } from './candidate-facts.js';
import type { ClientConnection } from './client-connection.js';
import type { DeliveryMeter } from './delivery-meter.js';
import {
  HEDGE_HEADER,
  type HedgeDelay,
  type HedgingSettings,
  hedgePlan,
  hedgeWait,
  hedgingSettingsSchema,
  parseHedgeHeader,
} from './hedge-policy.js';
import { fallsBack, modelChain } from './model-fallback.js';
import { assertModelAllowed } from './model-permission.js';
import type { RelayDeps } from './relay-deps.js';
import type { Settlement } from './relay-ports.js';
import type { RelayRequestContext } from './relay-request-context.js';
import type { RelayTrace } from './relay-trace.js';
import { inPhase } from './request-span.js';
import { servingRoutes } from './serving-routes.js';
import { steeredRequest } from './steered-request.js';

/**
 * One relayed request, whatever API it came in on (the context's surface): decode, authorize the model, route (the channels serving the model
 * for the caller's group, ordered by priority, weight and health), hold the worst-case cost, try
 * (channel, key) pairs until one answers, answer in the surface's format, and settle to what was
 * delivered. Failures before anything reached the client move on to the next attempt when
 * retryable, and are thrown (rendered by the HTTP layer) otherwise; they cost nothing.
 *
 * Billed before the last byte: an answer's settlement commits before its end leaves AIHub (the
 * JSON body; a stream's finish_reason chunks, usage chunk and `[DONE]`), so a process that dies at
 * any instant leaves no fully received answer unbilled. When the database refuses the first
 * settlement attempt, billing keeps the hold and retries in the background (relay-billing.ts), and
 * the answer is still delivered: the upstream has been paid, withholding it would not un-charge it,
 * and the charge lands as soon as the database is back. Only a settlement that throws (AIHub's own
 * failure) completes no answer: a 500, or a stream ended by an error.
 */
export async function relayRequest(
  context: RelayRequestContext,
  client: ClientConnection,
  deps: RelayDeps,
): Promise<RelayTrace> {
  const { trace, caller, surface, input } = context;
  trace.surface = surface.id;
  const decoded = await steeredRequest(surface.decode(input), caller, deps);
  trace.request = decoded;
  refuseUnpricedTiers(input.body);
  // Read before admission: a malformed header is a 400 that costs nothing.
  const hedge = hedgePlan(parseHedgeHeader(input.headers[HEDGE_HEADER]), hedgingSettings(deps), caller.group);
  // With fallbacks, one model the key may use is enough to go on; each is checked before its turn.
  const models = modelChain(decoded.model, decoded.fallbackModels);
  if (!models.some((model) => caller.allowsModel(model))) assertModelAllowed(caller, decoded.model);
  const ticket = await inPhase(trace.span, 'admission', () =>
    admitRequest(
      deps,
      caller,
      decoded.model,
      quickPromptEstimate(decoded) + (decoded.maxOutputTokens ?? 0) * Math.max(1, decoded.n ?? 1),
    ),
  );
  const limited = withResponseHeaders(client, ticket.headers);
  try {
    await relayAdmitted(decoded, context, limited, deps, hedge);
  } finally {
    ticket.release(billedTokens(trace));
  }
  return trace;
}

/** After admission: the response cache, then routing, billing and the attempts. */
async function relayAdmitted(
  decoded: ChatRequest,
  context: RelayRequestContext,
  client: ClientConnection,
  deps: RelayDeps,
  hedge: HedgeDelay | undefined,
): Promise<void> {
  const { trace, caller } = context;
  const lookup = await deps.cache.lookup(
    { body: cacheBody(context, decoded), headers: context.input.headers, surface: context.surface.id },
    caller,
    decoded.stream ? 'stream' : 'json',
  );
  trace.cacheOutcome = lookup.status;
  if (lookup.status === 'hit') {
    // Charged first (a refusal must come before any byte), at the operator's share of the
    // original cost: free by default.
    trace.cached = true;
    const amount = Math.round(((lookup.answer.cost ?? 0) * deps.cacheHitChargePercent()) / 100);
    trace.settlement = await deps.billing.chargeFixed({
      requestId: context.requestId,
      caller,
      amount,
      reason: { code: 'cached_answer', params: { model: decoded.model } },
    });
    const settlement = trace.settlement;
    const cost = answerCost(settlement);
    const { withCost } = context.surface;
    const restateCost = withCost && ((body: unknown) => withCost(body, cost));
    await replayAnswer(
      client,
      lookup.answer,
      { [CACHE_STATUS_HEADER]: 'hit', [COST_HEADER]: costHeaderValue(settlement) },
      undefined,
      restateCost,
    );
    return;
  }
  const capture = lookup.status === 'miss' ? deps.cache.capture(lookup) : undefined;
  const tagged = withResponseHeaders(client, { [CACHE_STATUS_HEADER]: lookup.status });
  await relayModels(decoded, context, capture ? captureConnection(tagged, capture) : tagged, deps, hedge);
  if (lookup.status === 'miss' && capture && trace.settlement) {
    await deps.cache.store(lookup, capture, { cost: trace.settlement.cost, usage: trace.settlement.usage });
  }
}

/**
 * The request's model, then its fallbacks (model-fallback.ts) while the one before could not serve
 * it. Each model is routed, held and priced on its own (a failed model's hold is released before
 * the next is taken), and the answer names the model that served. The last model's failure, or
 * one no other model would change, is the request's.
 */
async function relayModels(
  decoded: ChatRequest,
  context: RelayRequestContext,
  client: ClientConnection,
  deps: RelayDeps,
  hedge: HedgeDelay | undefined,
): Promise<void> {
  const models = modelChain(decoded.model, decoded.fallbackModels);
  // One retry deadline for the whole request: each model has its own attempts, and its first
  // attempt even past the deadline, but no model restarts the clock.
  const deadline = deps.now() + deps.maxRetryMs;
  for (let i = 0; ; i++) {
    const request = i === 0 ? decoded : { ...decoded, model: models[i] as string };
    try {
      assertModelAllowed(context.caller, request.model);
      await relayUpstream(request, context, client, deps, deadline, hedge);
      return;
    } catch (error) {
      if (i === models.length - 1 || client.signal.aborted || !fallsBack(error)) throw error;
      deps.logger.info(
        { requestId: context.requestId, model: request.model, next: models[i + 1], code: (error as GatewayError).code },
        'model fallback: the next model of the request is tried',
      );
    }
  }
}

/**
 * Chat goes only to channels whose vendor serves chat: `cohere/command-r` names a model the catalog
 * knows, but a Cohere channel only reranks (vendor-entry.ts `modelKinds`), so it is a 404 here
 * rather than a request the upstream cannot answer.
 */
const CHAT_ROUTES = {
  serves: (candidate: RouteCandidate) => builtinVendors.serves(candidate.channel.vendor, 'chat'),
  offering: 'answers chat',
};

async function relayUpstream(
  decoded: ChatRequest,
  context: RelayRequestContext,
  client: ClientConnection,
  deps: RelayDeps,
  deadline: number,
  hedge: HedgeDelay | undefined,
): Promise<void> {
  const { trace, caller } = context;
  const preferences = decoded.providerPreferences;
  const facts = candidateFacts(decoded, caller, deps);
  const candidates = preferredRoutes(
    servingRoutes(deps, caller, decoded.model, CHAT_ROUTES),
    preferences,
    facts,
    decoded.model,
  );
  const chosen = selectRoute(candidates, { health: deps.routeHealth, random: deps.random });
  // The operator's policy orders each tier; the caller's order/sort (below) still wins over it.
  const policy = deps.routingPolicy?.() ?? 'weighted';
  const selected = { ...chosen, channels: tierPolicyOrder(chosen.channels, policy, { ...facts, random: deps.random }) };
  const selection = preferences
    ? { ...selected, channels: preferenceOrder(selected.channels, preferences, facts) }
    : selected;
  const route = selection.channels[0] ?? selection.lastResort?.candidate ?? candidates[0];
  // The hold and the conversation's sticky route do not depend on each other: both start now, so
  // the sticky store's round trip (Redis) overlaps the hold's. A refused hold still ends the
  // request (Promise.all rejects with it); the lookup never rejects, so a taken hold is never lost.
  const [hold, sticky] = await Promise.all([
    inPhase(trace.span, 'hold', () =>
      deps.billing.hold({
        requestId: context.requestId,
        caller,
        request: decoded,
        route: route as (typeof candidates)[number],
      }),
    ),
    // A caller's own order or sort wins over the conversation's last route (kept for prompt caches).
    preferences?.order || preferences?.sort
      ? Promise.resolve(undefined)
      : lookUpSticky(decoded, selection, context, deps),
  ]);
  // Exactly once: what was delivered is charged, nothing else. An attempt that answers settles
  // before its last bytes leave (and deals with a failed settlement itself); any other outcome (a
  // failure, the client gone) settles here, afterwards.
  let settling: Promise<Settlement> | undefined;
  const settle = (meter: DeliveryMeter | undefined): Promise<Settlement> =>
    (settling ??= inPhase(trace.span, 'settlement', () => hold.settle(meter?.delivered ? meter : undefined)).then(
      (settlement) => {
        trace.settlement = settlement;
        return settlement;
      },
    ));
  try {
    const plan = planAttempts(selection, deps, deadline);
    await runAttempts(hold.request, plan, sticky, context, client, deps, settle, hedgeOptions(hedge, deps));
  } finally {
    if (!settling) {
      await settle(trace.meter).catch((error: unknown) =>
        deps.logger.error({ requestId: context.requestId, err: error }, 'settlement failed'),
      );
    }
  }
}

function hedgingSettings(deps: RelayDeps): HedgingSettings {
  return deps.hedging?.() ?? NO_HEDGING;
}

const NO_HEDGING = hedgingSettingsSchema.parse({ requestHeader: false });

/** The wait before a hedged request's second attempt: fixed, or the first route's measured p95. */
function hedgeOptions(hedge: HedgeDelay | undefined, deps: RelayDeps): HedgeOptions | undefined {
  if (hedge === undefined) return undefined;
  return {
    waitFor: (attempt) =>
      hedgeWait(hedge, deps.routeSpeed?.ttftP95(attempt.channel.id, attempt.upstreamModel), hedgingSettings(deps)),
  };
}

/**
 * The route this conversation took last, when there is a choice of route to make (without one: no
 * hash, no round trip). Never rejects: a failing store already answers no route (StickyRouting), and
 * anything else wrong here costs stickiness, not the request.
 */
function lookUpSticky(
  request: ChatRequest,
  selection: RouteSelection,
  context: RelayRequestContext,
  deps: RelayDeps,
): Promise<StickyLookup | undefined> {
  if (!deps.sticky || !hasRouteChoice(selection)) return Promise.resolve(undefined);
  return deps.sticky.lookup(request, context.input.headers, context.caller.userId).catch((error: unknown) => {
    deps.logger.warn({ requestId: context.requestId, err: error }, 'sticky routing lookup failed');
    return undefined;
  });
}

/** What identifies the request for the response cache: the body, plus what the path says (Gemini's model). */
function cacheBody(context: RelayRequestContext, decoded: ChatRequest): unknown {
  const { body, params } = context.input;
  // A body without a model means the caller's group's default: two groups' answers must not mix.
  const model = decoded.modelOmitted ? { '@model': decoded.model } : undefined;
  if ((Object.keys(params).length === 0 && !model) || typeof body !== 'object' || body === null) return body;
  return { ...(body as Record<string, unknown>), ...(model ?? {}), '@path': params };
}
