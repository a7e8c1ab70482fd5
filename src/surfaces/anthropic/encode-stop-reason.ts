import type { FinishReason } from '../../ir/index.js';

export type AnthropicStopReason =
  | 'end_turn'
  | 'max_tokens'
  | 'stop_sequence'
  | 'tool_use'
  | 'pause_turn'
  | 'refusal'
  | 'model_context_window_exceeded';

const ANTHROPIC_STOP_REASONS: ReadonlySet<string> = new Set<AnthropicStopReason>([
  'end_turn',
  'max_tokens',
  'stop_sequence',
  'tool_use',
  'pause_turn',
  'refusal',
  'model_context_window_exceeded',
]);

export interface EncodedStop {
  stop_reason: AnthropicStopReason;
  stop_sequence: string | null;
}

/**
 * The IR finish reason → `stop_reason` and `stop_sequence`. Anthropic's own raw reason is kept as
 * is (`pause_turn` and `model_context_window_exceeded` have no unified form); other vendors'
 * reasons go through the unified one. A stop with tool calls in the answer is `tool_use` whatever
 * the vendor said (some OpenAI-compatible vendors report `stop`): Anthropic clients run tools on it.
 */
export function encodeStopReason(finish: FinishReason | undefined, hasToolCalls: boolean): EncodedStop {
  const stopSequence = finish?.stopSequence ?? null;
  const raw = finish?.raw;
  if (raw !== undefined && ANTHROPIC_STOP_REASONS.has(raw)) {
    return { stop_reason: raw as AnthropicStopReason, stop_sequence: raw === 'stop_sequence' ? stopSequence : null };
  }
  const unified = finish?.unified;
  switch (unified) {
    case 'length':
      return { stop_reason: 'max_tokens', stop_sequence: null };
    case 'tool-calls':
      return { stop_reason: 'tool_use', stop_sequence: null };
    case 'content-filter':
      return { stop_reason: 'refusal', stop_sequence: null };
    case 'stop':
    case 'error':
    case 'other':
    case undefined:
      if (hasToolCalls) return { stop_reason: 'tool_use', stop_sequence: null };
      if (stopSequence !== null) return { stop_reason: 'stop_sequence', stop_sequence: stopSequence };
      return { stop_reason: 'end_turn', stop_sequence: null };
    default: {
      const exhaustive: never = unified;
      return exhaustive;
    }
  }
}
