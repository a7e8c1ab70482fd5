import type { ReasoningConfig } from '../../ir/index.js';

/**
 * How a Claude model takes its thinking settings, by generation:
 * - `budget`: `thinking: {type: 'enabled', budget_tokens}` (Claude 3.7 to 4.5);
 * - `adaptive`: also `thinking: {type: 'adaptive'}` with `output_config.effort` (Claude 4.6);
 * - `adaptive-only`: adaptive is the only mode; `budget_tokens`, `temperature`, `top_p` and
 *   `top_k` are rejected with a 400, and thinking text is omitted unless `display: 'summarized'`
 *   (Opus 4.7, 4.8 and Claude 5), as the recorded Opus 4.7 and Opus 5 requests show.
 */
export type ClaudeThinkingStyle = 'budget' | 'adaptive' | 'adaptive-only';

/** Parses `claude-<family>-<major>[-<minor>][-<date>]`; older `claude-3-7-sonnet-…` ids are `budget`. */
export function claudeThinkingStyle(model: string): ClaudeThinkingStyle {
  const match = /^(?:[a-z]+\/)?claude-[a-z]+-(\d{1,2})(?:[-.](\d{1,2}))?(?:-|$|@)/i.exec(model);
  if (!match) return 'budget';
  const major = Number(match[1]);
  const minor = match[2] === undefined ? 0 : Number(match[2]);
  if (major >= 5) return 'adaptive-only';
  if (major === 4 && minor >= 7) return 'adaptive-only';
  if (major === 4 && minor === 6) return 'adaptive';
  return 'budget';
}

export type AnthropicEffort = 'low' | 'medium' | 'high' | 'xhigh' | 'max';

/**
 * The `output_config.effort` for a reasoning request on an adaptive model. An explicit budget
 * with no effort (adaptive-only models have no budgets) maps to the nearest effort.
 */
export function adaptiveEffort(reasoning: ReasoningConfig, style: ClaudeThinkingStyle): AnthropicEffort | undefined {
  const effort = reasoning.effort;
  switch (effort) {
    case 'minimal':
    case 'low':
      return 'low';
    case 'medium':
      return 'medium';
    case 'high':
      return 'high';
    case 'xhigh':
      // `xhigh` exists from Opus 4.7 on; Claude 4.6's highest is `max`.
      return style === 'adaptive-only' ? 'xhigh' : 'max';
    case 'none':
      return undefined;
    case undefined: {
      const budget = reasoning.budgetTokens;
      if (budget === undefined || budget <= 0) return undefined;
      if (budget <= 2048) return 'low';
      if (budget <= 8192) return 'medium';
      if (budget <= 16384) return 'high';
      return style === 'adaptive-only' ? 'xhigh' : 'max';
    }
    default: {
      const exhaustive: never = effort;
      return exhaustive;
    }
  }
}
