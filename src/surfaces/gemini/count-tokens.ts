import { estimatePromptTokens } from '../../billing/token-estimate.js';
import type { SurfaceInput } from '../surface.js';
import { decodeGeminiRequest } from './decode-request.js';

export interface GeminiCountTokensResponse {
  totalTokens: number;
}

/**
 * `POST /v1beta/models/{model}:countTokens` answered by AIHub itself, whatever serves the model:
 * the body (`{contents}` or `{generateContentRequest}`) is decoded like a generateContent request
 * and its prompt counted with the gateway's tokenizer (o200k, with per-message framing and media
 * allowances). It is an estimate: Gemini's own tokenizer differs by some tens of percent, and
 * errs here on the high side. Throws the decoder's 400 for a bad body.
 */
export function countGeminiTokens(input: SurfaceInput): GeminiCountTokensResponse {
  const request = decodeGeminiRequest({ ...input, params: { ...input.params, action: 'countTokens' } });
  return { totalTokens: estimatePromptTokens(request) };
}
