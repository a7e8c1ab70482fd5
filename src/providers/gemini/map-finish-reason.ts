import type { FinishReason, UnifiedFinishReason } from '../../ir/index.js';

/**
 * Gemini `Candidate.FinishReason` (and `PromptFeedback.BlockReason`) to the unified reason.
 * Gemini ends a function-calling turn with `STOP`; it becomes `tool-calls` when the candidate
 * produced a function call. Unknown and future values fall into `other`; the raw value is kept.
 */
export function mapGeminiFinishReason(raw: string | undefined, hasToolCalls: boolean): FinishReason {
  return raw === undefined
    ? { unified: unifiedFor(raw, hasToolCalls) }
    : { unified: unifiedFor(raw, hasToolCalls), raw };
}

function unifiedFor(raw: string | undefined, hasToolCalls: boolean): UnifiedFinishReason {
  switch (raw) {
    case 'STOP':
      return hasToolCalls ? 'tool-calls' : 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
    case 'IMAGE_PROHIBITED_CONTENT':
    case 'IMAGE_RECITATION':
    case 'MODEL_ARMOR':
      return 'content-filter';
    case undefined:
      return hasToolCalls ? 'tool-calls' : 'other';
    default:
      // MALFORMED_FUNCTION_CALL, UNEXPECTED_TOOL_CALL, TOO_MANY_TOOL_CALLS, LANGUAGE, OTHER, NO_IMAGE...
      return 'other';
  }
}
