import type { RerankRequest, RerankResult } from './rerank-types.js';

/** What the answer reports as billed: Cohere's searches, or the tokens a token-priced vendor counted. */
export interface RerankBilled {
  searchUnits?: number;
  totalTokens?: number;
}

/**
 * The `/v1/rerank` answer, readable by Cohere's and Jina's clients alike: `id`, `results` best
 * first (`index`, `relevance_score`, and `document: {text}` when asked for, filled in from the
 * request since Cohere's v2 API returns no documents), `model`, Cohere's `meta.billed_units` and
 * Jina's `usage.total_tokens` for what was billed.
 */
export function encodeRerankAnswer(
  request: RerankRequest,
  result: RerankResult,
  id: string,
  billed: RerankBilled,
): Record<string, unknown> {
  const limit = request.topN ?? request.documents.length;
  const results = result.results.slice(0, limit).map(({ index, relevanceScore }) => {
    const entry: Record<string, unknown> = { index, relevance_score: relevanceScore };
    if (request.returnDocuments) entry.document = { text: request.documents[index] };
    return entry;
  });
  const billedUnits: Record<string, number> = {};
  if (billed.searchUnits !== undefined) billedUnits.search_units = billed.searchUnits;
  const answer: Record<string, unknown> = {
    id,
    results,
    model: request.model,
    meta: { api_version: { version: '2' }, billed_units: billedUnits },
  };
  if (billed.totalTokens !== undefined) answer.usage = { total_tokens: billed.totalTokens };
  return answer;
}
