import type { Usage } from '../../ir/index.js';

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; cache_write_tokens?: number; cache_write_1h_tokens?: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/**
 * IR usage → OpenAI's usage object. OpenAI's prompt_tokens includes cached tokens; so does ours.
 * Cache writes are not OpenAI fields, but Anthropic bills them apart, a one-hour write above a
 * five-minute one, and clients (the console playground's estimate) deserve to see both:
 * `cache_write_tokens` is every write, `cache_write_1h_tokens` its one-hour part. A one-hour count
 * above the total (a vendor's inconsistency) raises the total, as billing counts it
 * (src/billing/cost.ts), so what a client computes from these fields is what was charged.
 */
export function encodeUsage(usage: Usage): OpenAIUsage {
  const input = usage.inputTokens;
  const output = usage.outputTokens;
  const cacheWrite1h = input.cacheWrite1h ?? 0;
  const cacheWrite = Math.max(input.cacheWrite ?? 0, cacheWrite1h);
  const promptTokens = input.total ?? (input.noCache ?? 0) + (input.cacheRead ?? 0) + cacheWrite;
  const completionTokens = output.total ?? (output.text ?? 0) + (output.reasoning ?? 0);
  const encoded: OpenAIUsage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: input.cacheRead ?? 0 },
    completion_tokens_details: { reasoning_tokens: output.reasoning ?? 0 },
  };
  if (cacheWrite > 0) encoded.prompt_tokens_details.cache_write_tokens = cacheWrite;
  if (cacheWrite1h > 0) encoded.prompt_tokens_details.cache_write_1h_tokens = cacheWrite1h;
  return encoded;
}
