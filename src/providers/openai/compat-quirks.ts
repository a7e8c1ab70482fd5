import type { ReasoningEffort } from '../../ir/index.js';
import type { CompatQuirks } from '../provider.js';
import type { RerankWire } from './rerank-wire.js';

/**
 * How reasoning text from earlier assistant turns goes back to the vendor:
 * - `none`: dropped (most vendors ignore or reject it);
 * - `reasoning_content`: on every assistant message (Moonshot Kimi thinking, Zhipu GLM preserved thinking);
 * - `reasoning_content_tool_turns`: only on assistant messages that carry tool calls (DeepSeek: required
 *   there in thinking mode, while older reasoner models reject it elsewhere);
 * - `reasoning_details`: OpenRouter's array, which carries Anthropic signatures and encrypted blocks;
 * - `mistral_thinking`: Mistral's content array with a `thinking` chunk before the text.
 */
export type ReasoningEcho =
  | 'none'
  | 'reasoning_content'
  | 'reasoning_content_tool_turns'
  | 'reasoning_details'
  | 'mistral_thinking';

/**
 * Quirks this provider understands beyond the shared `CompatQuirks` contract. They live here, not in
 * provider.ts: a compat object may carry them directly, or they are found through the vendor's name
 * (each vendor's values are in its entry of the vendor registry, src/vendors/builtin-vendors.ts).
 */
export interface OpenAICompatQuirks extends CompatQuirks {
  reasoningEcho?: ReasoningEcho;
  /** Accepts `role: "developer"`; when false such messages are sent as `system`. */
  supportsDeveloperRole?: boolean;
  /** Accepts `messages[].name` (Groq and Mistral reject it). */
  supportsMessageNames?: boolean;
  /** Mistral accepts only tool-call ids of exactly nine letters and digits. */
  toolCallIdFormat?: 'any' | 'alphanumeric9';
  /** `reasoning_effort` values the vendor accepts, for folding (`xhigh` → `high`...). Undefined: all. */
  reasoningEfforts?: readonly ReasoningEffort[];
  /** With the `thinking-type` style, also send `reasoning_effort` when an effort was asked (DeepSeek). */
  thinkingTypeWithEffort?: boolean;
  /** The vendor's rerank API (`POST /v1/rerank` behind AIHub); undefined: it serves none. */
  rerankWire?: RerankWire;
}
