import type { ChatRequest } from '../ir/index.js';
import type { SurfaceInput } from './surface.js';

/**
 * A surface's token-count endpoint (Anthropic's `count_tokens`, Gemini's `countTokens`): how its
 * body decodes (the same 400s as the surface's generation endpoint), and how AIHub's own estimate
 * is answered when no channel of the surface's vendor can count. Pure, like the surface.
 */
export interface TokenCounting {
  decode(input: SurfaceInput): ChatRequest;
  /** The endpoint's answer for a count made by the gateway (its o200k estimate of the prompt). */
  encodeEstimate(tokens: number): unknown;
}
