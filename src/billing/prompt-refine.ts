/**
 * An exact count of the prompt's text, for the one case where it matters: the byte bound would
 * be refused (or would cap the output) and the vendor's own tokenizer is o200k, so the count is
 * what the vendor will bill for that text. Elsewhere the bound stands: another vendor's tokenizer
 * may count more than o200k does.
 *
 * The count never blocks the event loop for long: at most REFINE_BUDGET_CHARS of text are
 * tokenized per request (about 10 ms of prose here), in slices with a turn of the event loop
 * between them; text beyond the budget keeps its byte bound. Long words never reach the BPE
 * whole (o200k.ts), so no input makes a slice slow.
 */
import { countO200k } from './o200k.js';
import { capToWindow, type PromptParts } from './prompt-bound.js';

export const REFINE_BUDGET_CHARS = 256 * 1024;
const SLICE_CHARS = 32 * 1024;

/**
 * Upstream models whose tokenizer is o200k: OpenAI's gpt-4o, gpt-4.1, gpt-4.5, gpt-5 and o-series
 * models (and their dated versions), by whichever vendor resells them under that id. gpt-4 and
 * gpt-3.5 use cl100k, and are left to the bound.
 */
const O200K_MODELS = /^(?:openai\/)?(?:gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-5|o1|o3|o4)(?:$|[-.])/i;

export function usesO200k(upstreamModel: string): boolean {
  return O200K_MODELS.test(upstreamModel);
}

/**
 * The prompt's tokens with its text counted by o200k, never above the byte bound and capped by the
 * input window. Resolves after a few turns of the event loop for long prompts.
 */
export async function refinedPromptTokens(parts: PromptParts, contextWindow: number | undefined): Promise<number> {
  let tokens = parts.fixedTokens;
  let budget = REFINE_BUDGET_CHARS;
  let sinceYield = 0;
  for (const text of parts.texts) {
    if (text.length > budget) {
      tokens += Buffer.byteLength(text);
      continue;
    }
    budget -= text.length;
    tokens += countO200k(text, 'bytes');
    sinceYield += text.length;
    if (sinceYield >= SLICE_CHARS) {
      sinceYield = 0;
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }
  return capToWindow(tokens, contextWindow);
}
