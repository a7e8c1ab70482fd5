import type { RerankRequest, RerankResult } from '../../rerank/rerank-types.js';
import type { EncodedRequest, ProviderContext } from '../provider.js';
import { asRecord, jsonHeaders, readRerankResults } from './rerank-wire.js';

const TEXT_RERANK_PATH = '/api/v1/services/rerank/text-rerank/text-rerank';

/**
 * DashScope's native text-rerank endpoint lives beside its OpenAI-compatible mode, on the same
 * host: the channel's base (`…/compatible-mode/v1`) loses that suffix, whatever host or proxy
 * path comes before it.
 */
export function dashscopeRerankUrl(baseUrl: string): string {
  const root = baseUrl.replace(/\/+$/, '').replace(/\/compatible-mode\/v1$/, '');
  return `${root}${TEXT_RERANK_PATH}`;
}

/** `{model, input: {query, documents}, parameters: {top_n, return_documents: false}}` (gte-rerank, gte-rerank-v2). */
export function encodeDashScopeRerank(request: RerankRequest, context: ProviderContext): EncodedRequest {
  const parameters: Record<string, unknown> = { return_documents: false };
  if (request.topN !== undefined) parameters.top_n = request.topN;
  const body = {
    model: context.target.model,
    input: { query: request.query, documents: request.documents },
    parameters,
  };
  return {
    http: {
      method: 'POST',
      url: dashscopeRerankUrl(context.target.baseUrl),
      headers: jsonHeaders(context),
      body: JSON.stringify(body),
    },
    droppedParams: request.maxTokensPerDoc !== undefined ? ['max_tokens_per_doc'] : [],
  };
}

/** `{output: {results: [{index, relevance_score}]}, usage: {total_tokens}, request_id}`. */
export function decodeDashScopeRerank(body: unknown, documentCount: number): RerankResult {
  const record = asRecord(body);
  const result: RerankResult = { results: readRerankResults(asRecord(record.output).results, documentCount) };
  const tokens = asRecord(record.usage).total_tokens;
  if (typeof tokens === 'number' && Number.isInteger(tokens) && tokens >= 0) result.totalTokens = tokens;
  if (typeof record.request_id === 'string') result.id = record.request_id;
  return result;
}
