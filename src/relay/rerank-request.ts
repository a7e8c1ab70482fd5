import { GatewayError } from '../ir/index.js';
import { encodeRerankAnswer, type RerankBilled } from '../rerank/rerank-answer.js';
import { decodeRerankRequest } from '../rerank/rerank-request.js';
import { searchesFor } from '../rerank/rerank-searches.js';
import { rerankHoldRequest, rerankTokenEstimate } from '../rerank/rerank-tokens.js';
import type { RerankRequest, RerankResult } from '../rerank/rerank-types.js';
import { selectRoute } from '../routing/channel-selector.js';
import type { RouteCandidate } from '../routing/model-router.js';
import type { UpstreamSignal } from '../upstream/http-client.js';
import { type PlannedAttempt, planAttempts } from './attempt-plan.js';
import { DeliveryMeter } from './delivery-meter.js';
import { decodeUpstream, fetchUpstreamJson, runJsonAttempts } from './json-attempts.js';
import { assertModelAllowed } from './model-permission.js';
import { providerContext } from './provider-call.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller } from './relay-ports.js';
import type { RelayTrace } from './relay-trace.js';

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
 * billed: tokens for Jina and DashScope (the pairs' bound held at the input price).
 */
export async function rerankRequest(context: RerankContext, deps: RelayDeps): Promise<RerankAnswer> {
  const { caller, trace } = context;
  const request = decodeRerankRequest(context.body);
  trace.request = rerankHoldRequest(request);
  assertModelAllowed(caller, request.model);
  const candidates = deps.router.resolve(request.model, caller.group).filter(servesRerank(deps));
  if (candidates.length === 0) {
    throw new GatewayError({
      kind: 'not_found',
      message: `The model '${request.model}' is not served by any channel that offers rerank.`,
      param: 'model',
      code: 'model_not_found',
    });
  }
  const estimatedTokens = rerankTokenEstimate(request);
  const ticket = await deps.limits.admit({
    caller,
    model: request.model,
    estimatedTokens,
    limits: { ...caller.limits, modelOverrides: deps.modelLimits() },
  });
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
  return (candidate: RouteCandidate): boolean => {
    const provider = deps.providers[candidate.channel.provider];
    return provider.rerankBilling?.(candidate.channel.compat) !== undefined;
  };
}

/** Hold, try the channels in turn, settle: charged only for an answer, exactly once. */
async function rerankAdmitted(
  request: RerankRequest,
  candidates: RouteCandidate[],
  context: RerankContext,
  deps: RelayDeps,
): Promise<{ result: RerankResult; billed: RerankBilled }> {
  const { trace, caller } = context;
  const selection = selectRoute(candidates, { health: deps.routeHealth, random: deps.random });
  const route = selection.channels[0] ?? selection.lastResort?.candidate ?? candidates[0];
  const holdRequest = trace.request ?? rerankHoldRequest(request);
  const hold = await deps.billing.hold({ requestId: context.requestId, caller, request: holdRequest, route });
  let served: ServedRerank;
  try {
    const plan = planAttempts(selection, deps);
    served = await runJsonAttempts(plan, context, deps, (attempt, signal) => rerankAt(request, attempt, deps, signal));
  } catch (error) {
    trace.settlement = await hold.settle(undefined);
    throw error;
  }
  const { result } = served;
  // The vendor's count of the pairs, or none: billing then estimates them and marks it.
  const meter = new DeliveryMeter();
  meter.delivered = true;
  meter.finishReason = { unified: 'stop' };
  if (result.totalTokens !== undefined) {
    meter.usage = { inputTokens: { total: result.totalTokens }, outputTokens: { total: 0 } };
  }
  if (result.model) meter.servedModel = result.model;
  trace.meter = meter;
  trace.settlement = await hold.settle(meter);
  if (served.billing === 'search') {
    // Cohere's own count of the searches it billed, or its rule applied to the documents sent.
    return { result, billed: { searchUnits: result.searchUnits ?? searchesFor(request.documents.length) } };
  }
  const totalTokens = trace.settlement.usage.inputTokens.total ?? result.totalTokens;
  return { result, billed: totalTokens !== undefined ? { totalTokens } : {} };
}

/** An answer, and how the vendor of the channel that gave it bills a rerank. */
interface ServedRerank {
  result: RerankResult;
  billing: 'search' | 'tokens';
}

/** One upstream call: encoded for the channel's vendor, sent with its timeouts and proxy, decoded. */
async function rerankAt(
  request: RerankRequest,
  attempt: PlannedAttempt,
  deps: RelayDeps,
  signal: UpstreamSignal,
): Promise<ServedRerank> {
  const provider = deps.providers[attempt.channel.provider];
  const context = providerContext(attempt, deps);
  const billing = provider.rerankBilling?.(attempt.channel.compat);
  const encode = provider.encodeRerank;
  const decode = provider.decodeRerank;
  if (!billing || !encode || !decode) {
    throw new GatewayError({ kind: 'internal', message: `${provider.id} serves no rerank.` });
  }
  const encoded = encode({ ...request, model: attempt.upstreamModel }, context);
  const body = await fetchUpstreamJson(provider, encoded, attempt, signal);
  return { result: decodeUpstream(() => decode(body, context, request.documents.length)), billing };
}
