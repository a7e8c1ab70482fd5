/**
 * The zod shape of the per-token price fields, built from TOKEN_PRICE_FIELDS so the operator's
 * fixed prices, the price API and the OpenAPI description list the same fields with the same words
 * (a field added to the list appears everywhere at once).
 */
import type { z } from 'zod';
import { TOKEN_PRICE_FIELDS, type TokenPriceField } from './price-types.js';

const DESCRIPTIONS: Record<TokenPriceField, string> = {
  input: 'Per 1M uncached input tokens',
  output: 'Per 1M output tokens (text; reasoning too unless reasoning is set)',
  cacheRead: 'Per 1M input tokens read from the prompt cache (default: input)',
  cacheWrite: 'Per 1M input tokens written to the prompt cache, five-minute lifetime (default: input)',
  cacheWrite1h: 'Per 1M input tokens written to the prompt cache with a one-hour lifetime (default: cacheWrite)',
  reasoning: 'Per 1M reasoning tokens (default: output)',
  inputImage: 'Per 1M input image tokens, e.g. images sent to gpt-image edits (default: input)',
  outputImage: 'Per 1M output image tokens, e.g. gpt-image or Gemini image output (default: output)',
  inputAudio: 'Per 1M input audio tokens, e.g. a clip sent to gpt-4o-transcribe (default: input)',
  outputAudio: 'Per 1M output audio tokens, e.g. gpt-4o-mini-tts or Gemini TTS speech (default: output)',
};

export function tokenPriceShape<S extends z.ZodType>(unit: S): { [K in TokenPriceField]: z.ZodOptional<S> } {
  return Object.fromEntries(
    TOKEN_PRICE_FIELDS.map((field) => [field, unit.optional().describe(DESCRIPTIONS[field])]),
  ) as { [K in TokenPriceField]: z.ZodOptional<S> };
}
