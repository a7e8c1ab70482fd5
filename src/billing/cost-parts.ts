import type { CostBreakdown, TokenClass } from './cost.js';

/**
 * A cost split the way an answer shows it (`usage.cost_details`): the prompt's token classes, the
 * completion's, and everything billed per call rather than per token (a per-request fee, images,
 * web searches, units). In units (1e-6 USD). Each part is rounded once, half up, on its own, so the
 * parts can differ from the total by a unit; the total is what the ledger holds.
 */
export interface CostParts {
  prompt: number;
  completion: number;
  other: number;
}

const PROMPT_CLASSES: ReadonlySet<TokenClass> = new Set([
  'input',
  'cacheRead',
  'cacheWrite',
  'cacheWrite1h',
  'inputImage',
  'inputAudio',
]);

const MILLION = 1_000_000n;

export function costParts(breakdown: CostBreakdown): CostParts {
  let prompt = 0n;
  let completion = 0n;
  for (const line of breakdown.lines) {
    const amount = BigInt(line.tokens) * BigInt(line.pricePerMillion);
    if (PROMPT_CLASSES.has(line.class)) prompt += amount;
    else completion += amount;
  }
  const rounded = (micro: bigint) => Number((micro + MILLION / 2n) / MILLION);
  return {
    prompt: rounded(prompt),
    completion: rounded(completion),
    other: breakdown.perRequestUnits + breakdown.perImageUnits + breakdown.webSearchUnits + breakdown.perUnitUnits,
  };
}
