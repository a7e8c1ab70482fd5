import type { ProviderCallDeps, ProviderCallTarget } from '../relay/provider-call.js';
import { callRerank } from '../relay/rerank-call.js';
import type { RerankRequest } from '../rerank/rerank-types.js';

/**
 * The smallest rerank a vendor bills: two one-word documents, one result. Cohere counts it as one
 * search, Jina and DashScope as a handful of tokens.
 */
function tinyRerank(model: string): RerankRequest {
  return { model, query: 'Say OK', documents: ['OK', 'no'], topN: 1, returnDocuments: false };
}

/**
 * The channel test of a rerank channel: one tiny rerank through the relay's own call (same
 * encoding, timeouts and proxy). Resolves with a one-line description of the ranking; throws the
 * upstream's failure.
 */
export async function probeRerankChannel(
  target: ProviderCallTarget,
  deps: ProviderCallDeps,
  signal: AbortSignal,
): Promise<string> {
  const request = tinyRerank(target.upstreamModel);
  const result = await callRerank(request, target, deps, signal);
  const best = result.results[0];
  if (!best) return 'Reranked: no result.';
  return `Reranked: best document #${best.index} ("${request.documents[best.index]}"), score ${best.relevanceScore.toFixed(3)}.`;
}
