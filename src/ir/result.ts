import type { AssistantContentPart } from './content.js';
import type { FinishReason } from './finish-reason.js';
import type { Usage } from './usage.js';

export interface ChatChoice {
  index: number;
  content: AssistantContentPart[];
  finishReason: FinishReason;
  /** OpenAI logprobs object, passed through when the upstream is OpenAI-shaped. */
  logprobs?: unknown;
}

/** A complete (non-streaming) answer. */
export interface ChatResult {
  /** The upstream's response id, when it gave one. */
  id?: string;
  /** The model the upstream says served the request. */
  model?: string;
  /** Unix seconds, when the upstream gave it. */
  created?: number;
  choices: ChatChoice[];
  usage?: Usage;
  /** OpenAI `system_fingerprint`, `service_tier` and similar. */
  systemFingerprint?: string;
  serviceTier?: string;
}
