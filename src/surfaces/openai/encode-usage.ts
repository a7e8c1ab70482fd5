import type { Usage } from '../../ir/index.js';

export interface OpenAIUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details: { cached_tokens: number; cache_write_tokens?: number };
  completion_tokens_details: { reasoning_tokens: number };
}

/** IR usage → OpenAI's usage object. OpenAI's prompt_tokens includes cached tokens; so does ours. */
export function encodeUsage(usage: Usage): OpenAIUsage {
  const input = usage.inputTokens;
  const output = usage.outputTokens;
  const promptTokens = input.total ?? (input.noCache ?? 0) + (input.cacheRead ?? 0) + (input.cacheWrite ?? 0);
  const completionTokens = output.total ?? (output.text ?? 0) + (output.reasoning ?? 0);
  const encoded: OpenAIUsage = {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: input.cacheRead ?? 0 },
    completion_tokens_details: { reasoning_tokens: output.reasoning ?? 0 },
  };
  // Not an OpenAI field, but Anthropic bills cache writes separately and clients deserve to see it.
  if (input.cacheWrite) encoded.prompt_tokens_details.cache_write_tokens = input.cacheWrite;
  return encoded;
}
