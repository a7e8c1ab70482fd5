import type { Usage } from '../ir/index.js';
import type { RerankBilled } from '../rerank/rerank-answer.js';
import { searchBound, searchesFor } from '../rerank/rerank-searches.js';
import { rerankHoldRequest } from '../rerank/rerank-tokens.js';
import type { RerankRequest, RerankResult } from '../rerank/rerank-types.js';
import type { RouteCandidate } from '../routing/model-router.js';
import { DeliveryMeter } from './delivery-meter.js';
import type { RelayDeps } from './relay-deps.js';
import type { RelayCaller } from './relay-ports.js';
import type { RelayTrace } from './relay-trace.js';

/** How a rerank is billed: per search (Cohere) or by the tokens the vendor counted (Jina, DashScope). */
export type RerankBilling = 'search' | 'tokens';

/** A rerank's money, held before the attempts: settled once with the answer, or released without one. */
export interface RerankCharge {
  /** Charges what the vendor billed for `result` (undefined: releases, nothing charged); says what was billed. */
  settle(result: RerankResult | undefined): Promise<RerankBilled>;
}

export interface RerankChargeInput {
  requestId: string;
  caller: RelayCaller;
  request: RerankRequest;
  route: RouteCandidate;
  billing: RerankBilling;
  trace: RelayTrace;
}

const NO_TOKENS = { inputTokens: { total: 0 }, outputTokens: { total: 0 } };

function searchUsage(searches: number): Usage {
  return { ...NO_TOKENS, units: { search: searches } };
}

/**
 * Holds a rerank's worst case: per search, the most searches Cohere can bill for these documents
 * (holdUnits: refused with a 400 naming `model` where the model has no price per search); by
 * tokens, the query read with every document at the model's input price (the chat hold). The
 * settlement goes on the trace, for the request log.
 */
export async function holdRerank(input: RerankChargeInput, deps: RelayDeps): Promise<RerankCharge> {
  return input.billing === 'search' ? holdSearches(input, deps) : holdTokens(input, deps);
}

async function holdSearches(input: RerankChargeInput, deps: RelayDeps): Promise<RerankCharge> {
  const { request, route, trace } = input;
  const pricing = {
    requestId: input.requestId,
    caller: input.caller,
    model: request.model,
    vendor: route.channel.vendor,
    upstreamModel: route.upstreamModel,
  };
  await deps.billing.holdUnits({ ...pricing, worst: searchUsage(searchBound(request)), unitParam: 'model' });
  return {
    async settle(result) {
      if (!result) {
        trace.settlement = await deps.billing.settleUnits({ ...pricing, usage: undefined });
        return {};
      }
      // Cohere's own count of the searches it billed, or its rule applied to the documents sent.
      const searchUnits = result.searchUnits ?? searchesFor(request.documents.length);
      const usage = searchUsage(searchUnits);
      trace.meter = deliveredMeter(usage, result);
      trace.settlement = await deps.billing.settleUnits({
        ...pricing,
        usage,
        estimated: result.searchUnits === undefined,
      });
      return { searchUnits };
    },
  };
}

async function holdTokens(input: RerankChargeInput, deps: RelayDeps): Promise<RerankCharge> {
  const { trace } = input;
  const request = trace.request ?? rerankHoldRequest(input.request);
  const hold = await deps.billing.hold({
    requestId: input.requestId,
    caller: input.caller,
    request,
    route: input.route,
  });
  return {
    async settle(result) {
      if (!result) {
        trace.settlement = await hold.settle(undefined);
        return {};
      }
      // The vendor's count of the pairs, or none: billing then estimates them and marks it.
      const usage =
        result.totalTokens !== undefined
          ? { inputTokens: { total: result.totalTokens }, outputTokens: { total: 0 } }
          : undefined;
      const meter = deliveredMeter(usage, result);
      trace.meter = meter;
      trace.settlement = await hold.settle(meter);
      const totalTokens = trace.settlement.usage.inputTokens.total ?? result.totalTokens;
      return totalTokens !== undefined ? { totalTokens } : {};
    },
  };
}

function deliveredMeter(usage: Usage | undefined, result: RerankResult): DeliveryMeter {
  const meter = new DeliveryMeter();
  meter.delivered = true;
  meter.finishReason = { unified: 'stop' };
  if (usage) meter.usage = usage;
  if (result.model) meter.servedModel = result.model;
  return meter;
}
