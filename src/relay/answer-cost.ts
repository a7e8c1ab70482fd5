import { UNITS_PER_USD } from '../billing/money.js';
import type { AnswerCost } from '../surfaces/surface.js';
import type { Settlement } from './relay-ports.js';

export type { AnswerCost } from '../surfaces/surface.js';

/**
 * What a request cost, as its answer says it: OpenRouter's `usage.cost` (USD, a JSON number) and
 * AIHub's breakdown beside it, and the `x-aihub-cost` header on JSON answers. One settlement gives
 * all of them, so the answer, the header, the generation record and the ledger agree.
 */
export const COST_HEADER = 'x-aihub-cost';

export function answerCost(settlement: Pick<Settlement, 'cost' | 'parts' | 'planDrawn'>): AnswerCost {
  const parts = settlement.parts ?? { prompt: 0, completion: 0, other: 0 };
  const details: AnswerCost['cost_details'] = {
    prompt_cost: usd(parts.prompt),
    completion_cost: usd(parts.completion),
    other_cost: usd(parts.other),
  };
  if (settlement.planDrawn) details.plan_cost = usd(settlement.planDrawn);
  return { cost: usd(settlement.cost), cost_details: details };
}

/**
 * The header's value: the charge in USD as an exact decimal (`0.000123`, trailing zeros cut), since
 * a header is text and a reader should not meet 1.2300000000000002e-4.
 */
export function costHeaderValue(settlement: Pick<Settlement, 'cost'>): string {
  const units = Math.max(0, Math.round(settlement.cost));
  const whole = Math.floor(units / UNITS_PER_USD);
  const fraction = String(units % UNITS_PER_USD)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** Units to USD as a JSON number: the units are integers, so this is the nearest double to the exact figure. */
function usd(units: number): number {
  return units / UNITS_PER_USD;
}
