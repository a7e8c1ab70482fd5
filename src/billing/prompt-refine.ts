/**
 * An exact count of the prompt's text, for the one case where it matters: the byte bound would
 * be refused (or would cap the output) and the vendor's own tokenizer is o200k, so the count is
 * what the vendor will bill for that text. Elsewhere the bound stands: another vendor's tokenizer
 * may count more than o200k does.
 *
 * The count never blocks the event loop for long: at most REFINE_BUDGET_CHARS of text are
 * tokenized per request, in slices of SLICE_CHARS cut at word boundaries (so the slices' counts add
 * up), with a turn of the event loop between slices; text beyond the budget keeps its byte bound.
 * gpt-tokenizer took 40–250 ms for 256–400 KB of prose on the loaded 2-core development machine, so
 * a slice costs a few ms at most. Long words never reach the BPE whole (o200k.ts).
 */
import { countO200k, wordBoundaryBefore } from './o200k.js';
import { capToWindow, type PromptParts } from './prompt-bound.js';

export const REFINE_BUDGET_CHARS = 64 * 1024;
const SLICE_CHARS = 8 * 1024;

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
    let position = 0;
    while (position < text.length && budget > 0) {
      const end = wordBoundaryBefore(text, position + Math.min(SLICE_CHARS, budget), position);
      if (end === position) break; // no boundary nearby: the rest keeps its byte bound
      if (sinceYield > 0 && sinceYield + (end - position) > SLICE_CHARS) {
        sinceYield = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      tokens += countO200k(text.slice(position, end), 'bytes');
      budget -= end - position;
      sinceYield += end - position;
      position = end;
    }
    if (position < text.length) tokens += Buffer.byteLength(text.slice(position));
  }
  return capToWindow(tokens, contextWindow);
}
