import type { FinishReason, UnifiedFinishReason } from '../../ir/index.js';
import type { ProviderId } from '../../providers/provider.js';

/** Gemini's `Candidate.FinishReason` names a client may switch on. */
export type GeminiFinishReason = 'STOP' | 'MAX_TOKENS' | 'SAFETY' | 'OTHER' | (string & {});

/**
 * The finish reason as Gemini names it. An answer Gemini served keeps Gemini's own value
 * (RECITATION, MALFORMED_FUNCTION_CALL, BLOCKLIST... survive); another vendor's is mapped from the
 * unified reason. Gemini ends a turn with function calls with STOP, so `tool-calls` is STOP.
 */
export function encodeFinishReason(reason: FinishReason, servedBy: ProviderId): GeminiFinishReason {
  if (servedBy === 'gemini' && reason.raw && /^[A-Z_]+$/.test(reason.raw)) return reason.raw;
  return fromUnified(reason.unified);
}

function fromUnified(reason: UnifiedFinishReason): GeminiFinishReason {
  switch (reason) {
    case 'stop':
    case 'tool-calls':
      return 'STOP';
    case 'length':
      return 'MAX_TOKENS';
    case 'content-filter':
      return 'SAFETY';
    case 'error':
    case 'other':
      return 'OTHER';
    default: {
      const exhaustive: never = reason;
      return exhaustive;
    }
  }
}
