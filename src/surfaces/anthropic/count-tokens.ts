import { estimatePromptTokens } from '../../billing/token-estimate.js';
import type { SurfaceInput } from '../surface.js';
import { decodeMessagesRequest } from './decode-request.js';

/**
 * `POST /v1/messages/count_tokens`: the same body as `/v1/messages` (without `max_tokens`), the
 * same 400s. The count is AIHub's o200k estimate of the prompt (text, tools, media allowances), not
 * Anthropic's tokenizer: exact only in spirit for a non-Anthropic upstream, and close enough for
 * what clients use it for (Claude Code's context-window bookkeeping). A Claude upstream's own
 * count needs the pass-through to Anthropic's endpoint.
 */
export function countMessagesTokens(input: Pick<SurfaceInput, 'body' | 'headers'>): { input_tokens: number } {
  const request = decodeMessagesRequest(input, { requireMaxTokens: false });
  return { input_tokens: estimatePromptTokens(request) };
}
