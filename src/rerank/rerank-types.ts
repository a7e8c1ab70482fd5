/**
 * Reranking in AIHub's own terms, between the `/v1/rerank` surface (Cohere's and Jina's shape) and
 * the vendors behind it (Cohere `/v2/rerank`, Jina `/v1/rerank`, DashScope's text-rerank).
 */

export interface RerankRequest {
  model: string;
  query: string;
  /** The documents' texts, in the client's order: a result's `index` points into this list. */
  documents: string[];
  /** How many results to return, best first (undefined: all). */
  topN?: number;
  /** Whether each result carries its document's text back (AIHub fills it in, whatever the vendor answered). */
  returnDocuments: boolean;
  /** Cohere's truncation of each document (default 4096 there); other vendors truncate on their own. */
  maxTokensPerDoc?: number;
}

export interface RerankScore {
  /** Position of the document in the request's `documents`. */
  index: number;
  relevanceScore: number;
}

export interface RerankResult {
  /** Best first, as the vendor ranked them. */
  results: RerankScore[];
  /** Cohere's `meta.billed_units.search_units`: the searches it bills. */
  searchUnits?: number;
  /** Tokens the vendor counted (Jina, DashScope: `usage.total_tokens`). */
  totalTokens?: number;
  /** The vendor's id of the answer, where it gives one. */
  id?: string;
  /** The model the vendor says answered. */
  model?: string;
}
