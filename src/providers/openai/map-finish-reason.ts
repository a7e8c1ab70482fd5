import type { FinishReason, UnifiedFinishReason } from '../../ir/index.js';

/**
 * OpenAI `finish_reason` (and the values compatible vendors use) as the unified reason; raw kept.
 * OpenAI answers `stop` when a named tool_choice forced a call, so a choice that carries tool calls
 * reports `tool-calls` whatever the raw value says: clients decide on it whether to run tools.
 */
export function mapOpenAIFinishReason(raw: string | null | undefined, hasToolCalls = false): FinishReason {
  const unified = unifiedFinishReason(raw);
  const result: FinishReason = { unified: hasToolCalls && unified === 'stop' ? 'tool-calls' : unified };
  if (typeof raw === 'string') result.raw = raw;
  return result;
}

function unifiedFinishReason(raw: string | null | undefined): UnifiedFinishReason {
  switch (raw) {
    case 'stop':
    case 'end_turn':
    case 'stop_sequence':
      return 'stop';
    case 'length':
    case 'model_length':
    case 'max_tokens':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool-calls';
    case 'content_filter':
      return 'content-filter';
    case 'error':
    case 'insufficient_system_resource':
      return 'error';
    default:
      return 'other';
  }
}
