import type { ReasoningConfig, ReasoningEffort } from '../../ir/index.js';

/** Anthropic's smallest accepted `budget_tokens`. */
export const MIN_THINKING_BUDGET = 1024;
/** Used when neither the client nor the catalog says how many tokens may be produced. */
export const DEFAULT_MAX_TOKENS = 4096;

const BUDGET_FOR_EFFORT: Record<Exclude<ReasoningEffort, 'none'>, number> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 32768,
};

export interface ThinkingPlan {
  /** `budget_tokens` to send, or undefined for no `thinking` field. */
  budgetTokens?: number;
  /** `max_tokens` to send (Anthropic requires it). */
  maxTokens: number;
}

/**
 * Decides `thinking.budget_tokens` and `max_tokens` together, because Anthropic requires
 * `max_tokens > budget_tokens`:
 * - an explicit budget wins over the effort; efforts map minimal 1024, low 2048, medium 8192,
 *   high 16384, xhigh 32768; the budget is at least 1024; disabled / `none` / no preference → none;
 * - max_tokens is the client's, else the model's maximum from the catalog, else 4096;
 * - when that is not above the budget, max_tokens = budget + the client's max (or + 4096), so the
 *   answer keeps the room the client asked for after thinking;
 * - never above the model's known maximum: the budget shrinks to fit (half of max_tokens), and
 *   thinking is left out when even the minimum budget does not fit.
 */
export function planThinking(
  reasoning: ReasoningConfig | undefined,
  clientMaxTokens: number | undefined,
  modelMaxTokens: number | undefined,
): ThinkingPlan {
  const baseMaxTokens = clientMaxTokens ?? modelMaxTokens ?? DEFAULT_MAX_TOKENS;
  const requested = requestedBudget(reasoning);
  if (requested === undefined) return { maxTokens: baseMaxTokens };

  let budgetTokens = Math.max(MIN_THINKING_BUDGET, requested);
  let maxTokens = baseMaxTokens > budgetTokens ? baseMaxTokens : budgetTokens + (clientMaxTokens ?? DEFAULT_MAX_TOKENS);
  if (modelMaxTokens !== undefined && maxTokens > modelMaxTokens) {
    maxTokens = modelMaxTokens;
    if (budgetTokens >= maxTokens) budgetTokens = Math.max(MIN_THINKING_BUDGET, Math.floor(maxTokens / 2));
    if (budgetTokens >= maxTokens) return { maxTokens: clientMaxTokens ?? modelMaxTokens };
  }
  return { budgetTokens, maxTokens };
}

/** The budget the client asked for, or undefined when thinking should stay off. */
export function requestedBudget(reasoning: ReasoningConfig | undefined): number | undefined {
  if (!reasoning || reasoning.disabled) return undefined;
  if (reasoning.budgetTokens !== undefined) return reasoning.budgetTokens > 0 ? reasoning.budgetTokens : undefined;
  if (reasoning.effort === undefined || reasoning.effort === 'none') return undefined;
  return BUDGET_FOR_EFFORT[reasoning.effort];
}
