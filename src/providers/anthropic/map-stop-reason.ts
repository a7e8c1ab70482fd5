import type { FinishReason, UnifiedFinishReason } from '../../ir/index.js';

/**
 * Maps Anthropic's `stop_reason` to the unified finish reason, keeping the raw value.
 * `pause_turn` (a long server-tool turn paused by Anthropic) ends the answer as far as the client
 * is concerned, so it counts as `stop`.
 */
export function mapAnthropicStopReason(raw: string | null | undefined, stopSequence?: string | null): FinishReason {
  if (raw === null || raw === undefined) return { unified: 'other' };
  const reason: FinishReason = { unified: unifiedFor(raw), raw };
  // Which of the client's stop sequences matched (Anthropic `stop_sequence`), for the surfaces that say it.
  if (raw === 'stop_sequence' && typeof stopSequence === 'string') reason.stopSequence = stopSequence;
  return reason;
}

function unifiedFor(raw: string): UnifiedFinishReason {
  switch (raw) {
    case 'end_turn':
    case 'stop_sequence':
    case 'pause_turn':
      return 'stop';
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool-calls';
    case 'refusal':
      return 'content-filter';
    default:
      return 'other';
  }
}
