/**
 * Rerank answers for the emulators, in each vendor's wire: Cohere's `POST /v2/rerank`, Jina's
 * `POST /v1/rerank` and DashScope's text-rerank. Scores are deterministic (a hash of the model,
 * query and document), so a test can recompute the ranking a request must come back with.
 */
import { createHash } from 'node:crypto';
import { estimateTokens } from './tokens.js';
import type { Json, ScriptStep } from './types.js';

export type RerankVendor = 'cohere' | 'jina' | 'dashscope';

/** The emulators' relevance of a document to a query, in [0, 1). */
export function emulatedRelevance(model: string, query: string, document: string): number {
  const digest = createHash('sha256').update(`${model}\u0000${query}\u0000${document}`).digest();
  return digest.readUInt32LE(0) / 2 ** 32;
}

/** The documents' texts as the request sent them (strings, or Jina's `{text}` objects). */
export function rerankDocuments(documents: Json): string[] {
  if (!Array.isArray(documents)) return [];
  return documents.map((document: Json) => (typeof document === 'string' ? document : String(document?.text ?? '')));
}

/** Results best first: `index`, `relevance_score`, and the document when asked. */
export function rankedResults(
  model: string,
  query: string,
  documents: string[],
  topN: unknown,
  withDocuments: boolean,
) {
  const ranked = documents
    .map((document, index) => ({ index, relevance_score: emulatedRelevance(model, query, document) }))
    .sort((a, b) => b.relevance_score - a.relevance_score);
  const limit = Number.isInteger(topN) && (topN as number) > 0 ? (topN as number) : ranked.length;
  return ranked
    .slice(0, limit)
    .map((result) => (withDocuments ? { ...result, document: { text: documents[result.index] } } : result));
}

/** Tokens a token-billing vendor counts: the query with every document (`usage.inputTokens` overrides). */
export function rerankTokens(query: string, documents: string[], step: ScriptStep): number {
  if (step.usage?.inputTokens !== undefined) return step.usage.inputTokens;
  return documents.reduce((sum, document) => sum + estimateTokens(query) + estimateTokens(document), 0);
}

/** One vendor's success body for a rerank request. */
export function rerankBody(vendor: RerankVendor, body: Json, step: ScriptStep, id: string): string {
  const model = String(body.model);
  const reported = step.responseModel ?? model;
  if (vendor === 'dashscope') {
    const query = String(body.input?.query ?? '');
    const documents = rerankDocuments(body.input?.documents);
    const parameters = body.parameters ?? {};
    const results = rankedResults(model, query, documents, parameters.top_n, parameters.return_documents === true);
    return JSON.stringify({
      output: { results },
      usage: { total_tokens: rerankTokens(query, documents, step) },
      request_id: id,
    });
  }
  const query = String(body.query ?? '');
  const documents = rerankDocuments(body.documents);
  if (vendor === 'cohere') {
    // Cohere's v2 API returns no documents; one search per 100 documents (or the script's count).
    const searchUnits = step.usage?.inputTokens ?? Math.max(1, Math.ceil(documents.length / 100));
    return JSON.stringify({
      id,
      results: rankedResults(model, query, documents, body.top_n, false),
      meta: { api_version: { version: '2' }, billed_units: { search_units: searchUnits } },
    });
  }
  // Jina returns documents unless told not to.
  return JSON.stringify({
    model: reported,
    usage: { total_tokens: rerankTokens(query, documents, step) },
    results: rankedResults(model, query, documents, body.top_n, body.return_documents !== false),
  });
}

/** The vendor's error body: Cohere `{id, message}`, Jina `{detail}`, DashScope `{code, message, request_id}`. */
export function rerankErrorBody(vendor: RerankVendor, status: number, message: string, id: string): string {
  if (vendor === 'cohere') return JSON.stringify({ id, message });
  if (vendor === 'jina') return JSON.stringify({ detail: message });
  const code = status === 429 ? 'Throttling.RateQuota' : status === 401 ? 'InvalidApiKey' : 'InternalError';
  return JSON.stringify({ code, message, request_id: id });
}
