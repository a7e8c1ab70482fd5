import { countTokens } from '../billing/token-estimate.js';
import type { ChatRequest } from '../ir/index.js';
import type { EmbeddingRequest } from './embedding-types.js';

/**
 * Each input's tokens: exact for token-id input, AIHub's tokenizer count for text (what the rate
 * limits admit and the context window is checked against).
 */
export function embeddingInputTokens(request: EmbeddingRequest): number[] {
  const { input } = request;
  return input.kind === 'tokens' ? input.tokens.map((tokens) => tokens.length) : input.texts.map(countTokens);
}

/**
 * The request as billing and the request log know requests: the inputs as one user message each,
 * and no output (`maxOutputTokens: 0`), so the hold is the inputs' token bound at the input price
 * and a vendor without usage (Gemini) is charged AIHub's estimate of the inputs. Token-id input
 * stands as one character and a space per token: never fewer bytes than tokens, so the byte-based
 * bound still covers it (its vendor, OpenAI-style, always reports the exact usage).
 */
export function embeddingHoldRequest(request: EmbeddingRequest): ChatRequest {
  const { input } = request;
  const texts = input.kind === 'text' ? input.texts : input.tokens.map((tokens) => '0 '.repeat(tokens.length));
  return {
    model: request.model,
    messages: texts.map((text) => ({ role: 'user', content: [{ type: 'text', text }] })),
    maxOutputTokens: 0,
    stream: false,
    includeUsage: false,
  };
}
