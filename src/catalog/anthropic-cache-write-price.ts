/**
 * The one-hour prompt-cache write price of a Claude model, for the catalog generator
 * (scripts/build-catalog.ts, through litellm-import.ts).
 *
 * Anthropic documents the cache prices as multiples of the base input price: a five-minute write
 * costs 1.25×, a one-hour write 2×, a read 0.1×. The model-catalog data lists the one-hour price
 * for most Claude models; where it lists none, the documented 2× is derived here. A listed price
 * outside [five-minute write price, 2× input] contradicts that rule (a longer lifetime never costs
 * less, and 2× is the documented ratio): the data has such errors (Claude 3 Opus at $6/M, below its
 * $18.75 five-minute price; Claude 3 Haiku at $6/M, 24× its input), and the rule wins over them.
 */

/** Anthropic's documented ratio of the one-hour cache write price to the base input price. */
export const ONE_HOUR_WRITE_TO_INPUT = 2;

/** A Claude model on any platform (Anthropic, Bedrock, Vertex, Azure), by its LiteLLM key. */
export function isClaudeModel(key: string): boolean {
  return /claude/i.test(key);
}

export interface CacheWritePrices {
  input?: number;
  cacheWrite?: number;
  cacheWrite1h?: number;
}

/**
 * The one-hour write price to publish: the listed one when it fits the documented rule, else 2× the
 * input price. Undefined when the model prices no cache writes at all (caching not offered there).
 */
export function oneHourCacheWritePrice(prices: CacheWritePrices): number | undefined {
  const { input, cacheWrite, cacheWrite1h } = prices;
  if (cacheWrite === undefined || input === undefined) return cacheWrite1h;
  const documented = input * ONE_HOUR_WRITE_TO_INPUT;
  if (cacheWrite1h !== undefined && cacheWrite1h >= cacheWrite && cacheWrite1h <= documented) return cacheWrite1h;
  return documented;
}
