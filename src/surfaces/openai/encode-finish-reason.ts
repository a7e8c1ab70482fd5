import type { UnifiedFinishReason } from '../../ir/index.js';

export type OpenAIFinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

/** Unified finish reason → OpenAI's vocabulary (errors and unknowns read as `stop`; the raw one travels beside). */
export function encodeFinishReason(reason: UnifiedFinishReason): OpenAIFinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool-calls':
      return 'tool_calls';
    case 'content-filter':
      return 'content_filter';
    case 'error':
    case 'other':
      return 'stop';
    default: {
      const exhaustive: never = reason;
      return exhaustive;
    }
  }
}
