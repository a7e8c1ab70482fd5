import type { GeminiCandidate } from './response-schema.js';

/**
 * The web searches Google bills for grounding with Google Search, from the candidates'
 * `groundingMetadata.webSearchQueries`. Google's price list bills Gemini 3 models per search
 * query ("$14 / 1,000 search queries": every query counts, summed over candidates) and Gemini 2.x
 * and earlier per grounded prompt ("$35 / 1,000 grounded prompts": 1 when any query ran, however
 * many). A model whose generation the id does not tell (`gemini-flash-latest`) counts per query,
 * the larger count, so a search is never let through unbilled. Undefined when nothing was grounded.
 */
export function groundingSearches(
  candidates: readonly GeminiCandidate[],
  model: string | undefined,
): number | undefined {
  let queries = 0;
  for (const candidate of candidates) queries += candidate.groundingMetadata?.webSearchQueries?.length ?? 0;
  if (queries === 0) return undefined;
  return billsPerPrompt(model) ? 1 : queries;
}

/** Gemini 1.x and 2.x (`gemini-2.5-flash`, `models/gemini-2.0-flash-001`): billed per grounded prompt. */
function billsPerPrompt(model: string | undefined): boolean {
  const generation = /gemini-(\d+)/.exec(model ?? '')?.[1];
  return generation !== undefined && Number(generation) < 3;
}
