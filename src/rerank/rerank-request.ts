import { GatewayError } from '../ir/index.js';
import type { RerankRequest } from './rerank-types.js';

/** Cohere's documented ceiling of documents per rerank call; AIHub applies it whatever vendor serves the model. */
export const MAX_RERANK_DOCUMENTS = 10_000;

function invalid(message: string, param: string | null = null): GatewayError {
  return new GatewayError({ kind: 'invalid_request', message, param, code: param ? 'invalid_value' : null });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPositiveInteger(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) > 0;
}

/** A document as Cohere (a string) or Jina (a string, or `{text}`) takes it; empty ones are refused. */
function documentText(document: unknown, index: number): string {
  const text = isRecord(document) ? document.text : document;
  if (typeof text !== 'string') {
    throw invalid(`'documents[${index}]' must be a string or an object with a 'text' string.`, `documents[${index}]`);
  }
  if (text.trim() === '')
    throw invalid(`'documents[${index}]' is empty: every document needs text.`, `documents[${index}]`);
  return text;
}

function decodeDocuments(documents: unknown): string[] {
  if (!Array.isArray(documents) || documents.length === 0) {
    throw invalid("'documents' must be a non-empty array of strings or {text} objects.", 'documents');
  }
  if (documents.length > MAX_RERANK_DOCUMENTS) {
    throw invalid(
      `'documents' has ${documents.length} items; at most ${MAX_RERANK_DOCUMENTS} documents are allowed per request.`,
      'documents',
    );
  }
  return documents.map(documentText);
}

/**
 * Decodes a `POST /v1/rerank` body in Cohere's and Jina's shape (`model`, `query`, `documents`,
 * `top_n`, `return_documents`, `max_tokens_per_doc`); throws a 400 GatewayError naming the bad field.
 * `return_documents` defaults to false, as in Cohere's API (Jina's defaults to true: its clients ask).
 */
export function decodeRerankRequest(body: unknown): RerankRequest {
  if (!isRecord(body)) throw invalid('The request body must be a JSON object.');
  const { model, query, top_n: topN, return_documents: returnDocuments, max_tokens_per_doc: maxTokens } = body;
  if (typeof model !== 'string' || model === '') throw invalid('you must provide a model parameter', 'model');
  if (query === undefined) throw invalid("Missing required parameter: 'query'.", 'query');
  if (typeof query !== 'string' || query.trim() === '') throw invalid("'query' must be a non-empty string.", 'query');
  if (body.documents === undefined) throw invalid("Missing required parameter: 'documents'.", 'documents');
  if (topN !== undefined && topN !== null && !isPositiveInteger(topN)) {
    throw invalid("'top_n' must be a positive integer.", 'top_n');
  }
  if (returnDocuments !== undefined && returnDocuments !== null && typeof returnDocuments !== 'boolean') {
    throw invalid("'return_documents' must be a boolean.", 'return_documents');
  }
  if (maxTokens !== undefined && maxTokens !== null && !isPositiveInteger(maxTokens)) {
    throw invalid("'max_tokens_per_doc' must be a positive integer.", 'max_tokens_per_doc');
  }
  const documents = decodeDocuments(body.documents);
  const request: RerankRequest = { model, query, documents, returnDocuments: returnDocuments === true };
  if (isPositiveInteger(topN)) request.topN = Math.min(topN, documents.length);
  if (isPositiveInteger(maxTokens)) request.maxTokensPerDoc = maxTokens;
  return request;
}
