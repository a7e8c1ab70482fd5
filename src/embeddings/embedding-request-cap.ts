import { GatewayError } from '../ir/index.js';
import { builtinVendors } from '../vendors/vendor-registry.js';

/** OpenAI's cap on the tokens of all inputs of one embeddings request, summed. */
export const OPENAI_EMBEDDING_REQUEST_TOKENS = 300_000;

/** Whether the cap applies: an OpenAI channel, or OpenAI's model (text-embedding-*) behind any relay. */
export function hasOpenAIRequestCap(vendor: string, upstreamModel: string): boolean {
  return vendor === 'openai' || builtinVendors.vendorForModelId(upstreamModel) === 'openai';
}

/**
 * Refuses an OpenAI embeddings request whose inputs add up to more than OpenAI takes in one
 * request, before anything is held: OpenAI would answer 400 after the hold and a round trip.
 * Text is counted with AIHub's tokenizer (o200k; OpenAI's embedding models use cl100k, which
 * counts about the same), token-id input exactly.
 */
export function assertWithinOpenAIRequestCap(inputTokens: readonly number[]): void {
  const total = inputTokens.reduce((sum, tokens) => sum + tokens, 0);
  if (total <= OPENAI_EMBEDDING_REQUEST_TOKENS) return;
  throw new GatewayError({
    kind: 'invalid_request',
    message: `'input' is about ${total} tokens in all; OpenAI embeds at most ${OPENAI_EMBEDDING_REQUEST_TOKENS} tokens per request. Split the inputs over several requests.`,
    param: 'input',
    code: 'max_tokens_per_request',
  });
}
