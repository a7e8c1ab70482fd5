import type { RerankRequest } from './rerank-types.js';

/** Cohere bills one search per query with up to this many documents (chunks of long documents count). */
export const DOCUMENTS_PER_SEARCH = 100;
/** Cohere splits a document (with the query) into chunks of about this many tokens, each counted as a document. */
const TOKENS_PER_CHUNK = 500;
/** Cohere's default `max_tokens_per_doc` (v2): longer documents are truncated to it. */
const DEFAULT_MAX_TOKENS_PER_DOC = 4096;

/** The searches Cohere bills for this many documents (or chunks): one per 100 or part of it. */
export function searchesFor(documentCount: number): number {
  return Math.max(1, Math.ceil(documentCount / DOCUMENTS_PER_SEARCH));
}

/**
 * The most searches Cohere can bill for the request: every document counted as the chunks its
 * text could make with the query, tokens bounded by UTF-8 bytes (never fewer bytes than tokens)
 * and by the truncation at `max_tokens_per_doc`. The hold; the charge is Cohere's own count.
 */
export function searchBound(request: RerankRequest): number {
  const queryTokens = Buffer.byteLength(request.query, 'utf8');
  const cap = request.maxTokensPerDoc ?? DEFAULT_MAX_TOKENS_PER_DOC;
  let chunks = 0;
  for (const document of request.documents) {
    const tokens = Math.min(Buffer.byteLength(document, 'utf8'), cap) + queryTokens;
    chunks += Math.max(1, Math.ceil(tokens / TOKENS_PER_CHUNK));
  }
  return searchesFor(chunks);
}
