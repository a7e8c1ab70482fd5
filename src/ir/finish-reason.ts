export type UnifiedFinishReason = 'stop' | 'length' | 'tool-calls' | 'content-filter' | 'error' | 'other';

/** The unified reason plus the vendor's raw value (kept for logs and `x-aihub-finish-reason`). */
export interface FinishReason {
  unified: UnifiedFinishReason;
  raw?: string;
  /** Which of the request's stop sequences ended the answer (Anthropic `stop_sequence`), when known. */
  stopSequence?: string;
}
