import type { RerankRequest, RerankResult } from '../../rerank/rerank-types.js';
import type { EncodedRequest, ProviderContext } from '../provider.js';
import { asRecord, jsonHeaders, readRerankResults } from './rerank-wire.js';

/**
 * Cohere's `POST {host}/v2/rerank`: documents as strings, `top_n` and `max_tokens_per_doc`. The v2
 * API returns no documents, so `return_documents` is not sent (AIHub fills them in from the request).
 */
export function encodeCohereRerank(request: RerankRequest, context: ProviderContext): EncodedRequest {
  const body: Record<string, unknown> = {
    model: context.target.model,
    query: request.query,
    documents: request.documents,
  };
  if (request.topN !== undefined) body.top_n = request.topN;
  if (request.maxTokensPerDoc !== undefined) body.max_tokens_per_doc = request.maxTokensPerDoc;
  return {
    http: {
      method: 'POST',
      url: `${context.target.baseUrl.replace(/\/+$/, '')}/v2/rerank`,
      headers: jsonHeaders(context),
      body: JSON.stringify(body),
    },
    droppedParams: [],
  };
}

/** `{id, results: [{index, relevance_score}], meta: {billed_units: {search_units}}}`. */
export function decodeCohereRerank(body: unknown, documentCount: number): RerankResult {
  const record = asRecord(body);
  const result: RerankResult = { results: readRerankResults(record.results, documentCount) };
  const searches = asRecord(asRecord(record.meta).billed_units).search_units;
  if (typeof searches === 'number' && Number.isInteger(searches) && searches >= 0) result.searchUnits = searches;
  if (typeof record.id === 'string') result.id = record.id;
  return result;
}
