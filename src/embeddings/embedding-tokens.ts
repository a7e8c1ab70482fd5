import { countTokens, quickTextTokens } from '../billing/token-estimate.js';
import type { ChatRequest } from '../ir/index.js';
import type { EmbeddingRequest } from './embedding-types.js';

/**
 * Each input's tokens: exact for token-id input, AIHub's tokenizer count for text. What a refusal
 * (an input beyond the window, too many tokens in all) is decided and worded by; only counted
 * where the bounds below cannot decide it (the tokenizer cost ~260 µs for 16 short inputs, a
 * quarter of the relay's budget per request).
 */
export function embeddingInputTokens(request: EmbeddingRequest): number[] {
  const { input } = request;
  return input.kind === 'tokens' ? input.tokens.map((tokens) => tokens.length) : input.texts.map(countTokens);
}

/**
 * Each input's most tokens, without the tokenizer: its UTF-8 byte count (no tokenizer makes a
 * token of less than a byte), or the exact count of token-id input. Below a limit, the input is
 * within it whatever its exact count (DESIGN.md §6).
 */
export function embeddingInputBounds(request: EmbeddingRequest): number[] {
  const { input } = request;
  return input.kind === 'tokens'
    ? input.tokens.map((tokens) => tokens.length)
    : input.texts.map((text) => Buffer.byteLength(text));
}

/** The inputs' likely tokens, for the rate limiter's admission (as chat admits by its quick estimate). */
export function embeddingAdmissionTokens(request: EmbeddingRequest): number {
  const { input } = request;
  if (input.kind === 'tokens') return input.tokens.reduce((sum, tokens) => sum + tokens.length, 0);
  return input.texts.reduce((sum, text) => sum + quickTextTokens(text), 0);
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
