import { estimatePromptTokens } from '../../billing/token-estimate.js';
import type { SurfaceInput } from '../surface.js';
import type { TokenCounting } from '../token-counting.js';
import { decodeGeminiRequest } from './decode-request.js';

export interface GeminiCountTokensResponse {
  totalTokens: number;
}

/**
 * `POST /v1beta/models/{model}:countTokens`: the body (`{contents}` or `{generateContentRequest}`)
 * is decoded like a generateContent request (the same 400s). A Gemini model on a Gemini channel
 * is counted by Google itself (relay/vendor-token-count.ts); otherwise the answer is the
 * gateway's estimate (o200k, with per-message framing and media allowances), which differs from
 * Gemini's tokenizer by some tens of percent and errs on the high side.
 */
export const geminiTokenCounting: TokenCounting = {
  decode: (input) => decodeGeminiRequest({ ...input, params: { ...input.params, action: 'countTokens' } }),
  encodeEstimate: (tokens): GeminiCountTokensResponse => ({ totalTokens: tokens }),
};

/** The gateway's own count of a countTokens body. Throws the decoder's 400 for a bad body. */
export function countGeminiTokens(input: SurfaceInput): GeminiCountTokensResponse {
  return { totalTokens: estimatePromptTokens(geminiTokenCounting.decode(input)) };
}
