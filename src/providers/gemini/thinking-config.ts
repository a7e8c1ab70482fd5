import type { ReasoningConfig, ReasoningEffort } from '../../ir/index.js';
import { bareModelId, requiresThoughtSignatures } from './thought-signature.js';
import type { GeminiThinkingConfig, GeminiThinkingLevel } from './wire-types.js';

/** Token budgets for an effort on Gemini 2.5-style models (`thinkingBudget`). */
const BUDGET_FOR_EFFORT: Record<Exclude<ReasoningEffort, 'none'>, number> = {
  minimal: 512,
  low: 1024,
  medium: 8192,
  high: 24576,
  xhigh: 32768,
};

/** Flash models cap the thinking budget at 24576 (Pro at 32768). */
const FLASH_MAX_BUDGET = 24576;

/**
 * The client's reasoning request to `generationConfig.thinkingConfig`. `undefined` (no preference)
 * sends nothing, so the model's default applies. When reasoning is on, thought summaries are asked
 * for (`includeThoughts`) so they can be streamed as reasoning. Gemini 3 takes a `thinkingLevel`
 * (`low`/`high`) unless the client gave an explicit budget; other models take `thinkingBudget`.
 */
export function toThinkingConfig(
  reasoning: ReasoningConfig | undefined,
  model: string,
): GeminiThinkingConfig | undefined {
  if (!reasoning) return undefined;
  const gemini3 = requiresThoughtSignatures(model);
  const disabled = reasoning.disabled === true || reasoning.effort === 'none' || reasoning.budgetTokens === 0;
  if (disabled) {
    // Gemini 3 cannot switch thinking off; its lowest level is the nearest thing.
    return gemini3 ? { thinkingLevel: 'low' } : { thinkingBudget: 0 };
  }
  const config: GeminiThinkingConfig = { includeThoughts: true };
  if (reasoning.budgetTokens !== undefined) {
    config.thinkingBudget = reasoning.budgetTokens;
  } else if (reasoning.effort !== undefined && reasoning.effort !== 'none') {
    if (gemini3) config.thinkingLevel = levelForEffort(reasoning.effort);
    else config.thinkingBudget = clampBudget(BUDGET_FOR_EFFORT[reasoning.effort], model);
  }
  return config;
}

function levelForEffort(effort: Exclude<ReasoningEffort, 'none'>): GeminiThinkingLevel {
  return effort === 'minimal' || effort === 'low' ? 'low' : 'high';
}

function clampBudget(budget: number, model: string): number {
  return bareModelId(model).includes('flash') ? Math.min(budget, FLASH_MAX_BUDGET) : budget;
}
