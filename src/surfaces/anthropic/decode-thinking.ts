import type { ReasoningConfig, ReasoningEffort } from '../../ir/index.js';
import type { AnthropicRequestBody } from './request-schema.js';

/**
 * `thinking` and `output_config.effort` → the IR reasoning config:
 * - `{type: "enabled", budget_tokens}` → an explicit budget (0 means off);
 * - `{type: "adaptive"}` → adaptive (the model decides), with the effort when one is given;
 * - `{type: "disabled"}` → explicitly off;
 * - `output_config.effort` alone (effort without thinking) → an effort; `max` is the IR's `xhigh`.
 */
export function decodeThinking(input: AnthropicRequestBody): ReasoningConfig | undefined {
  const thinking = input.thinking;
  const effort = decodeEffort(input.output_config?.effort);
  if (thinking?.type === 'disabled') return { disabled: true };
  if (thinking?.type === 'enabled') {
    if (thinking.budget_tokens === 0) return { disabled: true };
    return effort ? { budgetTokens: thinking.budget_tokens, effort } : { budgetTokens: thinking.budget_tokens };
  }
  if (thinking?.type === 'adaptive') return effort ? { adaptive: true, effort } : { adaptive: true };
  return effort ? { effort } : undefined;
}

function decodeEffort(effort: string | null | undefined): ReasoningEffort | undefined {
  switch (effort) {
    case 'low':
    case 'medium':
    case 'high':
    case 'xhigh':
      return effort;
    case 'max':
      return 'xhigh';
    default:
      return undefined;
  }
}
