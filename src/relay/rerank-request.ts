import { encodeRerankAnswer, type RerankBilled } from '../rerank/rerank-answer.js';
import { decodeRerankRequest } from '../rerank/rerank-request.js';
import { rerankHoldRequest, rerankTokenEstimate } from '../rerank/rerank-tokens.js';
import type { RerankRequest, RerankResult } from '../rerank/rerank-types.js';
import { selectRoute } from '../routing/channel-selector.js';
import type { RouteCandidate } from '../routing/model-router.js';
import { admitRequest } from './admit-request.js';
import { planAttempts } from './attempt-plan.js';
import { runAttemptSeries } from './attempt-series.js';
import { assertModelAllowed } from './model-permission.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller } from './relay-ports.js';
import type { RelayTrace } from './relay-trace.js';
import { holdRerank, type RerankBilling } from './rerank-billing.js';
import { callRerank } from './rerank-call.js';
import { servingRoutes } from './serving-routes.js';

export interface RerankContext {
  requestId: string;
  caller: RelayCaller;
  body: unknown;
  trace: RelayTrace;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

export interface RerankAnswer {
  body: Record<string, unknown>;
  /** `x-ratelimit-*` headers for the answer. */
  headers: Record<string, string>;
}

/**
 * One `POST /v1/rerank`, through the parts embeddings use: the key's model rules, rate limits (the
 * query read with every document against TPM), routing with failover across the channels whose
 * vendor reranks (AttemptPlan, route health), a hold and an exact settlement from what the vendor
 * billed (rerank-billing.ts): searches for Cohere, tokens for Jina, DashScope and custom endpoints.
 */
export async function rerankRequest(context: RerankContext, deps: RelayDeps): Promise<RerankAnswer> {
  const { caller, trace } = context;
  const request = decodeRerankRequest(context.body);
  trace.request = rerankHoldRequest(request);
  assertModelAllowed(caller, request.model);
  const candidates = servingRoutes(deps, caller, request.model, {
    serves: servesRerank(deps),
    offering: 'offers rerank',
  });
  const estimatedTokens = rerankTokenEstimate(request);
  const ticket = await admitRequest(deps, caller, request.model, estimatedTokens);
  let billedTokens = 0;
  try {
    const { result, billed } = await rerankAdmitted(request, candidates, context, deps);
    billedTokens = billed.totalTokens ?? 0;
    return { body: encodeRerankAnswer(request, result, context.requestId, billed), headers: ticket.headers };
  } finally {
    ticket.release(billedTokens);
  }
}

function servesRerank(deps: RelayDeps) {
  return (candidate: RouteCandidate): boolean => billingOf(candidate, deps) !== undefined;
}

/**
 * Hold, try the channels in turn, settle: charged only for an answer, exactly once. The channels
 * tried are those that bill like the first (a Cohere channel per search, a Jina one by tokens), so
 * what was held is what is settled.
 */
async function rerankAdmitted(
  request: RerankRequest,
  candidates: RouteCandidate[],
  context: RerankContext,
  deps: RelayDeps,
): Promise<{ result: RerankResult; billed: RerankBilled }> {
  const { trace, caller } = context;
  const billing = billingOf(candidates[0], deps) ?? 'tokens';
  const alike = candidates.filter((candidate) => billingOf(candidate, deps) === billing);
  const selection = selectRoute(alike, { health: deps.routeHealth, random: deps.random });
  const route = selection.channels[0] ?? selection.lastResort?.candidate ?? alike[0];
  const charge = await holdRerank({ requestId: context.requestId, caller, request, route, billing, trace }, deps);
  let result: RerankResult;
  try {
    const plan = planAttempts(selection, deps);
    result = await runAttemptSeries(plan, context, deps, (attempt, signal) =>
      callRerank(request, attempt, deps, signal),
    );
  } catch (error) {
    await charge.settle(undefined);
    throw error;
  }
  return { result, billed: await charge.settle(result) };
}

function billingOf(candidate: RouteCandidate, deps: RelayDeps): RerankBilling | undefined {
  return deps.providers[candidate.channel.provider].rerankBilling?.(candidate.channel.compat);
}
