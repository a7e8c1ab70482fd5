import type { Usage } from '../../ir/index.js';

/** Anthropic's usage object as far as we read it; other fields are kept in `raw` untouched. */
export type AnthropicUsage = Record<string, unknown>;

/**
 * Converts Anthropic usage to the IR. `input_tokens` is only the uncached part: the total input is
 * `input_tokens + cache_read_input_tokens + cache_creation_input_tokens`. Anthropic reports output
 * as one number; reasoning is split out only when the upstream sends
 * `output_tokens_details.thinking_tokens` (newer API versions), otherwise text and reasoning stay
 * undefined ("not reported", never 0). Cache writes: `cache_creation_input_tokens` is every write;
 * the `cache_creation` object splits it by lifetime, and its `ephemeral_1h_input_tokens` (priced
 * apart, twice the input price) becomes `cacheWrite1h`. Searches of the web search server tool,
 * billed per search on top of tokens, are `server_tool_use.web_search_requests`.
 */
export function convertAnthropicUsage(raw: AnthropicUsage): Usage {
  const noCache = numberField(raw, 'input_tokens');
  const cacheRead = numberField(raw, 'cache_read_input_tokens');
  const cacheWrite = numberField(raw, 'cache_creation_input_tokens');
  const byLifetime = raw.cache_creation;
  const cacheWrite1h = isRecord(byLifetime) ? numberField(byLifetime, 'ephemeral_1h_input_tokens') : undefined;
  const outputTotal = numberField(raw, 'output_tokens');
  const details = raw.output_tokens_details;
  const reasoning = isRecord(details) ? numberField(details, 'thinking_tokens') : undefined;
  const serverTools = raw.server_tool_use;
  const webSearch = isRecord(serverTools) ? numberField(serverTools, 'web_search_requests') : undefined;

  const inputParts = [noCache, cacheRead, cacheWrite].filter((value): value is number => value !== undefined);
  return {
    inputTokens: {
      total: inputParts.length === 0 ? undefined : inputParts.reduce((sum, value) => sum + value, 0),
      noCache,
      cacheRead,
      cacheWrite,
      cacheWrite1h,
    },
    outputTokens: {
      total: outputTotal,
      reasoning,
      text: reasoning !== undefined && outputTotal !== undefined ? Math.max(0, outputTotal - reasoning) : undefined,
    },
    ...(webSearch !== undefined ? { serverToolCalls: { webSearch } } : {}),
    raw,
  };
}

/**
 * Merges a later usage report into an earlier one (stream: `message_start`, then the cumulative
 * `message_delta`). Fields the later report carries win; null or missing fields keep the earlier value.
 */
export function mergeAnthropicUsage(earlier: AnthropicUsage, later: AnthropicUsage): AnthropicUsage {
  const merged: AnthropicUsage = { ...earlier };
  for (const [key, value] of Object.entries(later)) {
    if (value !== null && value !== undefined) merged[key] = value;
  }
  return merged;
}

function numberField(record: Record<string, unknown>, key: string): number | undefined {
  const value = record[key];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
