import type { GatewayError } from './errors.js';
import type { FinishReason } from './finish-reason.js';
import type { Usage } from './usage.js';

/**
 * One flat union of everything a streaming answer can carry. Content parts name their choice
 * (`choice`, default 0) so n>1 streams interleave. A provider decoder turns vendor events into
 * these; a surface encoder turns these into the client's wire format.
 */
export type StreamPart =
  | {
      type: 'response-metadata';
      id?: string;
      model?: string;
      created?: number;
      systemFingerprint?: string;
      serviceTier?: string;
    }
  | { type: 'text-delta'; choice?: number; delta: string }
  /** A Gemini thought signature attached to a text part (must be replayed on the next turn). */
  | { type: 'text-signature'; choice?: number; signature: string }
  | { type: 'reasoning-delta'; choice?: number; delta: string }
  /** Signature of the reasoning block just streamed (Anthropic `signature_delta`, Gemini thought signatures). */
  | { type: 'reasoning-signature'; choice?: number; signature: string }
  /** Anthropic `redacted_thinking`: opaque data that must round-trip. */
  | { type: 'reasoning-redacted'; choice?: number; data: string }
  | { type: 'refusal-delta'; choice?: number; delta: string }
  /**
   * A whole generated image (vendors send an image in one piece, never as deltas), with the
   * thought signature its issuer attached to it.
   */
  | { type: 'generated-image'; choice?: number; mediaType: string; data: string; signature?: string }
  /**
   * A tool call begins. `index` counts tool calls within the choice from 0, in order of appearance.
   * `id` is stable for the call; `signature` is a Gemini thought signature on the functionCall.
   */
  | { type: 'tool-call-start'; choice?: number; index: number; id: string; name: string; signature?: string }
  | { type: 'tool-call-delta'; choice?: number; index: number; argumentsDelta: string }
  | { type: 'tool-call-end'; choice?: number; index: number }
  /** OpenAI logprobs for the content emitted in this chunk, passed through. */
  | { type: 'logprobs'; choice?: number; logprobs: unknown }
  /** Usage so far; the last one wins. Vendors may send input and output at different times. */
  | { type: 'usage'; usage: Usage }
  | { type: 'finish'; choice?: number; finishReason: FinishReason }
  /** The upstream failed after the stream began. The stream ends after this part. */
  | { type: 'error'; error: GatewayError };

export type StreamPartType = StreamPart['type'];
