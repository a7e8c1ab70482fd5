/**
 * How many output tokens a request can be billed for, and which output limit it is sent with.
 *
 * A request is always sent upstream with an output limit, so the vendor cannot bill beyond what
 * was held: the client's max_tokens, or — when it set none — the model's own limit from the
 * catalog (DEFAULT_OUTPUT_TOKENS when the catalog does not know it) capped by the operator's
 * `defaultMaxOutputTokens` setting.
 *
 * Reasoning ("thinking") and the limit, per wire format:
 * - OpenAI Chat Completions: `max_completion_tokens` includes reasoning tokens.
 * - Gemini: `maxOutputTokens` includes thinking tokens (measured by users: thoughts + answer stop
 *   at the limit with MAX_TOKENS; googleapis/python-genai#2062).
 * - Anthropic: `max_tokens` includes thinking, but Anthropic requires it above `budget_tokens`,
 *   so our encoder raises it to budget + the client's limit when the client asked for less than
 *   the budget (providers/anthropic/thinking-budget.ts): the bound follows the same plan.
 * - Vendors that bill reasoning beyond max_tokens (DeepSeek's first deepseek-reasoner: "the CoT
 *   output can reach up to 32K tokens" besides max_tokens) are caught by the overrun rule at
 *   settlement (money-path.ts), not here.
 * Output is billed per choice: the bound is × n.
 */
import type { ChatRequest } from '../ir/index.js';
import { planThinking } from '../providers/anthropic/thinking-budget.js';
import type { ProviderId } from '../providers/provider.js';

/** The output limit sent when neither the client nor the catalog gives one (a limit every vendor accepts). */
export const DEFAULT_OUTPUT_TOKENS = 4_096;

/** The limit a request without max_tokens is sent with (before any cap to what the caller can afford). */
export function defaultOutputLimit(catalogMaxOutput: number | undefined, ceiling: number): number {
  return Math.max(1, Math.min(catalogMaxOutput ?? DEFAULT_OUTPUT_TOKENS, ceiling));
}

/** The most output tokens, over all choices, a request sent with `outputLimit` can be billed for. */
export function outputTokenBound(request: ChatRequest, outputLimit: number, wireFormat: ProviderId): number {
  const choices = Math.max(1, request.n ?? 1);
  const perChoice =
    wireFormat === 'anthropic' ? planThinking(request.reasoning, outputLimit, undefined).maxTokens : outputLimit;
  return perChoice * choices;
}

/**
 * The largest output limit whose bound stays within `totalTokens` (the inverse of
 * outputTokenBound), or 0 when none does.
 */
export function outputLimitWithin(request: ChatRequest, totalTokens: number, wireFormat: ProviderId): number {
  const perChoice = Math.floor(totalTokens / Math.max(1, request.n ?? 1));
  if (perChoice <= 0) return 0;
  if (wireFormat !== 'anthropic' || outputTokenBound(request, perChoice, wireFormat) <= totalTokens) return perChoice;
  // Thinking raises a limit at or below its budget to budget + limit: what is left after the budget.
  const budget = planThinking(request.reasoning, perChoice, undefined).maxTokens - perChoice;
  return Math.max(0, perChoice - budget);
}
