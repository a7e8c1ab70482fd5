import type { ReasoningConfig, ReasoningEffort } from '../../ir/index.js';
import { assertNever } from './convert-content.js';
import type { OpenAIDialect } from './dialect.js';

export interface ConvertedReasoning {
  fields: Record<string, unknown>;
  droppedParams: string[];
}

const EFFORT_ORDER: readonly ReasoningEffort[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

/**
 * The client's reasoning request in the vendor's words: OpenAI `reasoning_effort`, `thinking: {type}`,
 * DashScope `enable_thinking` + `thinking_budget`, or OpenRouter `reasoning: {effort | max_tokens}`.
 */
export function convertReasoningConfig(
  config: ReasoningConfig | undefined,
  dialect: OpenAIDialect,
): ConvertedReasoning {
  if (!config) return { fields: {}, droppedParams: [] };
  const budget = config.budgetTokens;
  const disabled = config.disabled === true || config.effort === 'none' || budget === 0;
  const effort = disabled ? 'none' : (config.effort ?? (budget !== undefined ? effortForBudget(budget) : undefined));
  if (effort === undefined) return { fields: {}, droppedParams: [] };

  const style = dialect.reasoningStyle;
  switch (style) {
    case 'openai':
      return effortField(effort, dialect);
    case 'thinking-type': {
      const fields: Record<string, unknown> = { thinking: { type: disabled ? 'disabled' : 'enabled' } };
      if (!disabled && dialect.thinkingTypeWithEffort) {
        const folded = foldEffort(effort, dialect.reasoningEfforts);
        if (folded !== undefined) fields.reasoning_effort = folded;
      }
      return { fields, droppedParams: [] };
    }
    case 'enable-thinking': {
      const fields: Record<string, unknown> = { enable_thinking: !disabled };
      if (!disabled && budget !== undefined && budget > 0) fields.thinking_budget = budget;
      return { fields, droppedParams: [] };
    }
    case 'openrouter': {
      // OpenRouter takes one of effort or max_tokens; an explicit budget wins.
      const reasoning = !disabled && budget !== undefined && budget > 0 ? { max_tokens: budget } : { effort };
      return { fields: { reasoning }, droppedParams: [] };
    }
    case 'none':
      return { fields: {}, droppedParams: ['reasoning_effort'] };
    default:
      return assertNever(style);
  }
}

function effortField(effort: ReasoningEffort, dialect: OpenAIDialect): ConvertedReasoning {
  const folded = foldEffort(effort, dialect.reasoningEfforts);
  if (folded === undefined) return { fields: {}, droppedParams: ['reasoning_effort'] };
  return { fields: { reasoning_effort: folded }, droppedParams: [] };
}

/** The nearest effort the vendor accepts: the lowest one at or above the request, else its highest. */
export function foldEffort(
  effort: ReasoningEffort,
  allowed: readonly ReasoningEffort[] | undefined,
): ReasoningEffort | undefined {
  if (!allowed || allowed.includes(effort)) return effort;
  if (effort === 'none') return undefined;
  const rank = EFFORT_ORDER.indexOf(effort);
  const candidates = EFFORT_ORDER.filter((candidate) => candidate !== 'none' && allowed.includes(candidate));
  return candidates.find((candidate) => EFFORT_ORDER.indexOf(candidate) >= rank) ?? candidates.at(-1);
}

/** A thinking budget as the nearest effort: up to 4k tokens is low, up to 16k medium, above that high. */
export function effortForBudget(budgetTokens: number): ReasoningEffort {
  if (budgetTokens <= 0) return 'none';
  if (budgetTokens <= 4096) return 'low';
  if (budgetTokens <= 16384) return 'medium';
  return 'high';
}
