import type { Usage } from '../../ir/index.js';

/** Anthropic's `usage` object as the Messages API returns it. */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_creation_input_tokens: number;
  cache_read_input_tokens: number;
  cache_creation: { ephemeral_5m_input_tokens: number; ephemeral_1h_input_tokens: number };
  service_tier: 'standard' | 'priority' | 'batch';
}

/**
 * IR usage → Anthropic's. Anthropic's `input_tokens` is the uncached part only (OpenAI's
 * prompt_tokens includes cached tokens; the IR keeps both): the IR's `noCache`, else the total less
 * cache reads and writes. Cache writes split by lifetime: the IR's `cacheWrite1h` is the one-hour
 * part, the rest five-minute writes. Unreported counts are 0, as Anthropic reports them.
 */
export function encodeAnthropicUsage(usage: Usage | undefined, serviceTier?: string): AnthropicUsage {
  const input = usage?.inputTokens ?? {};
  const output = usage?.outputTokens ?? {};
  const cacheRead = input.cacheRead ?? 0;
  const cacheWrite = input.cacheWrite ?? 0;
  const cacheWrite1h = Math.min(input.cacheWrite1h ?? 0, cacheWrite);
  const uncached = input.noCache ?? Math.max(0, (input.total ?? 0) - cacheRead - cacheWrite);
  return {
    input_tokens: uncached,
    output_tokens: output.total ?? (output.text ?? 0) + (output.reasoning ?? 0),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cacheRead,
    cache_creation: { ephemeral_5m_input_tokens: cacheWrite - cacheWrite1h, ephemeral_1h_input_tokens: cacheWrite1h },
    service_tier: anthropicServiceTier(serviceTier),
  };
}

/** OpenAI's tiers (`default`, `flex`, `scale`, `priority`) and Anthropic's own, in Anthropic's words. */
function anthropicServiceTier(tier: string | undefined): AnthropicUsage['service_tier'] {
  if (tier === 'priority' || tier === 'batch') return tier;
  return 'standard';
}
