import { estimatePromptTokens } from '../../billing/token-estimate.js';
import type { SurfaceInput } from '../surface.js';
import type { TokenCounting } from '../token-counting.js';
import { decodeMessagesRequest } from './decode-request.js';

/**
 * `POST /v1/messages/count_tokens`: the same body as `/v1/messages` (without `max_tokens`), the
 * same 400s. A Claude model on an Anthropic channel is counted by Anthropic itself
 * (relay/vendor-token-count.ts); otherwise the answer is AIHub's o200k estimate of the prompt
 * (text, tools, media allowances), not Anthropic's tokenizer, but close enough for what clients
 * use it for (Claude Code's context-window bookkeeping).
 */
export const anthropicTokenCounting: TokenCounting = {
  decode: (input) => decodeMessagesRequest(input, { requireMaxTokens: false }),
  encodeEstimate: (tokens) => ({ input_tokens: tokens }),
};

/** The gateway's own count of a count_tokens body. Throws the decoder's 400 for a bad body. */
export function countMessagesTokens(input: Pick<SurfaceInput, 'body' | 'headers'>): { input_tokens: number } {
  const request = decodeMessagesRequest(input, { requireMaxTokens: false });
  return { input_tokens: estimatePromptTokens(request) };
}
