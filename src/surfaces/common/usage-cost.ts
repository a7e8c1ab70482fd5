import type { AnswerCost } from '../surface.js';

/**
 * The answer with `cost` and `cost_details` added to its `usage` object, as OpenRouter returns
 * them (and as OpenRouter-aware clients read them); every other member kept as it was. An answer
 * without a usage object is returned as it is.
 */
export function withUsageCost(body: unknown, cost: AnswerCost): unknown {
  if (!isObject(body) || !isObject(body.usage)) return body;
  return { ...body, usage: { ...body.usage, cost: cost.cost, cost_details: cost.cost_details } };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
