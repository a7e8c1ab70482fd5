import type { Usage } from '../../ir/index.js';

export interface ResponsesUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number; cache_write_tokens?: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/** IR usage → the Responses `usage` object. Input includes cached tokens, as OpenAI counts it. */
export function encodeResponsesUsage(usage: Usage): ResponsesUsage {
  const input = usage.inputTokens;
  const output = usage.outputTokens;
  const inputTokens = input.total ?? (input.noCache ?? 0) + (input.cacheRead ?? 0) + (input.cacheWrite ?? 0);
  const outputTokens = output.total ?? (output.text ?? 0) + (output.reasoning ?? 0);
  const encoded: ResponsesUsage = {
    input_tokens: inputTokens,
    input_tokens_details: { cached_tokens: input.cacheRead ?? 0 },
    output_tokens: outputTokens,
    output_tokens_details: { reasoning_tokens: output.reasoning ?? 0 },
    total_tokens: inputTokens + outputTokens,
  };
  // Not an OpenAI field (as on the Chat Completions surface): Anthropic bills cache writes apart.
  if (input.cacheWrite) encoded.input_tokens_details.cache_write_tokens = input.cacheWrite;
  return encoded;
}
