import { countTokens } from '../billing/token-estimate.js';
import type { ChatRequest } from '../ir/index.js';
import type { RerankRequest } from './rerank-types.js';

/**
 * The request as billing and the request log know requests, for a vendor that bills tokens (Jina,
 * DashScope): a cross-encoder reads the query with every document, so each document stands as one
 * user message of the query and the document, with no output (`maxOutputTokens: 0`). The hold is
 * then the bound of all those pairs at the input price, and a vendor that reports no usage is
 * charged AIHub's estimate of them.
 */
export function rerankHoldRequest(request: RerankRequest): ChatRequest {
  return {
    model: request.model,
    messages: request.documents.map((document) => ({
      role: 'user',
      content: [{ type: 'text', text: `${request.query}\n\n${document}` }],
    })),
    maxOutputTokens: 0,
    stream: false,
    includeUsage: false,
  };
}

/** AIHub's count of the query read with every document: what the key's TPM limit admits. */
export function rerankTokenEstimate(request: RerankRequest): number {
  const query = countTokens(request.query);
  return request.documents.reduce((sum, document) => sum + query + countTokens(document), 0);
}
