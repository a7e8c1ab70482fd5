import type { RerankRequest, RerankResult } from '../../rerank/rerank-types.js';
import type { EncodedRequest, ProviderContext } from '../provider.js';
import { asRecord, jsonHeaders, readRerankResults } from './rerank-wire.js';

/**
 * Jina's `POST {base}/rerank` (base ending in `/v1`), also vLLM's: documents as strings, `top_n`,
 * and `return_documents: false` (Jina's default is true; AIHub fills documents in itself, so the
 * answer need not carry them twice). Jina has no `max_tokens_per_doc`: it is dropped and reported.
 */
export function encodeJinaRerank(request: RerankRequest, context: ProviderContext): EncodedRequest {
  const body: Record<string, unknown> = {
    model: context.target.model,
    query: request.query,
    documents: request.documents,
    return_documents: false,
  };
  if (request.topN !== undefined) body.top_n = request.topN;
  return {
    http: {
      method: 'POST',
      url: `${context.target.baseUrl.replace(/\/+$/, '')}/rerank`,
      headers: jsonHeaders(context),
      body: JSON.stringify(body),
    },
    droppedParams: request.maxTokensPerDoc !== undefined ? ['max_tokens_per_doc'] : [],
  };
}

/** `{model, usage: {total_tokens}, results: [{index, relevance_score, document?}]}`. */
export function decodeJinaRerank(body: unknown, documentCount: number): RerankResult {
  const record = asRecord(body);
  const result: RerankResult = { results: readRerankResults(record.results, documentCount) };
  const tokens = asRecord(record.usage).total_tokens;
  if (typeof tokens === 'number' && Number.isInteger(tokens) && tokens >= 0) result.totalTokens = tokens;
  if (typeof record.model === 'string') result.model = record.model;
  if (typeof record.id === 'string') result.id = record.id;
  return result;
}
