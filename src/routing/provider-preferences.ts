import type { ProviderPreferences } from '../ir/index.js';
import { GatewayError } from '../ir/index.js';
import type { RouteCandidate } from './model-router.js';

/**
 * A caller's provider preferences (OpenRouter's `provider` object, and the `:floor` / `:nitro`
 * model suffixes) over the channels that serve the model. A "provider" is a vendor id as AIHub
 * names it in `x-aihub-provider` (`openai`, `anthropic`, `deepseek`, `openrouter`...): channel
 * names are the operator's business and are never matched, so a caller cannot probe for them.
 *
 * Two steps, both pure: `preferredRoutes` keeps the candidates the preferences allow (before
 * health is looked at, so a refusal says what the caller asked for, not what is down), and
 * `preferenceOrder` sorts the healthy channels the selector chose (stable: the operator's priority
 * and weights decide among equals).
 */

/** What the preferences need to know of a candidate, from outside the routing layer. */
export interface CandidateFacts {
  /** The caller's sale price for the candidate in units per 1M tokens; undefined when not priced. */
  price(candidate: RouteCandidate): { prompt: number; completion: number } | undefined;
  /** What the candidate costs the operator in units per 1M tokens (its channel's cost); undefined when not known. */
  cost(candidate: RouteCandidate): { prompt: number; completion: number } | undefined;
  /** The request parameters this candidate's vendor would drop (only asked with `requireParameters`). */
  droppedParams(candidate: RouteCandidate): readonly string[];
  /** Moving averages for the candidate, when measured (latency-stats.ts): first-token ms, tokens/s. */
  speed(candidate: RouteCandidate): { ttftMs?: number; tokensPerSecond?: number; samples?: number } | undefined;
}

const matches = (list: readonly string[] | undefined, candidate: RouteCandidate) =>
  list?.some((name) => name.toLowerCase() === candidate.channel.vendor.toLowerCase()) === true;

/**
 * The candidates the preferences allow. Throws a 4xx naming the parameter when none is left:
 * 400 `max_price_exceeded` when only the price ceiling stood in the way, else 404
 * `no_provider_matches`.
 */
export function preferredRoutes(
  candidates: readonly RouteCandidate[],
  preferences: ProviderPreferences | undefined,
  facts: CandidateFacts,
  model: string,
): RouteCandidate[] {
  if (!preferences) return [...candidates];
  const { only, ignore, order, allowFallbacks, maxPrice, requireParameters } = preferences;
  let allowed = candidates.filter(
    (candidate) =>
      (!only || matches(only, candidate)) &&
      !matches(ignore, candidate) &&
      (allowFallbacks !== false || !order || matches(order, candidate)),
  );
  if (requireParameters) allowed = allowed.filter((candidate) => facts.droppedParams(candidate).length === 0);
  if (allowed.length === 0) throw noProviderMatches(model);
  if (!maxPrice) return allowed;
  const affordable = allowed.filter((candidate) => withinMaxPrice(facts.price(candidate), maxPrice));
  if (affordable.length === 0) throw maxPriceExceeded(model, maxPrice);
  return affordable;
}

/** USD per 1M tokens (OpenRouter's unit) against a price in units (1e-6 USD) per 1M tokens. */
function withinMaxPrice(
  price: { prompt: number; completion: number } | undefined,
  max: NonNullable<ProviderPreferences['maxPrice']>,
): boolean {
  if (!price) return false; // an unpriced route cannot be shown to be under the ceiling
  const units = (usd: number) => Math.round(usd * 1_000_000);
  if (max.prompt !== undefined && price.prompt > units(max.prompt)) return false;
  if (max.completion !== undefined && price.completion > units(max.completion)) return false;
  return true;
}

/**
 * The selector's channels re-ordered by the preferences: `order` first (in its order, the rest
 * after), then `sort` (price: cheapest by prompt + completion price, then, among equal prices (two
 * channels of one vendor), the cheaper to the operator; latency: lowest time to first token;
 * throughput: most tokens per second; unpriced or unmeasured channels after the others). Without
 * either, the selector's order as it is.
 */
export function preferenceOrder(
  channels: readonly RouteCandidate[],
  preferences: ProviderPreferences | undefined,
  facts: CandidateFacts,
): RouteCandidate[] {
  if (!preferences?.order && !preferences?.sort) return [...channels];
  const order = (preferences.order ?? []).map((name) => name.toLowerCase());
  const rank = (candidate: RouteCandidate) => {
    const at = order.indexOf(candidate.channel.vendor.toLowerCase());
    return at < 0 ? order.length : at;
  };
  const keys = sortKeys(preferences.sort, facts);
  // Array.prototype.sort is stable: equal keys keep the selector's order.
  return [...channels].sort((a, b) => rank(a) - rank(b) || compareKeys(keys(a), keys(b)));
}

/** Ascending keys, compared in turn; unknown figures are +Infinity (last, equal among themselves). */
function sortKeys(sort: ProviderPreferences['sort'], facts: CandidateFacts): (candidate: RouteCandidate) => number[] {
  switch (sort) {
    case 'price':
      return (candidate) => [perMillion(facts.price(candidate)), perMillion(facts.cost(candidate))];
    case 'latency':
      return (candidate) => [facts.speed(candidate)?.ttftMs ?? Number.POSITIVE_INFINITY];
    case 'throughput':
      return (candidate) => [-(facts.speed(candidate)?.tokensPerSecond ?? Number.NEGATIVE_INFINITY)];
    default:
      return () => [];
  }
}

/** Prompt + completion per 1M tokens: what `sort: price` and the 'cheapest' policy compare. */
export function perMillion(price: { prompt: number; completion: number } | undefined): number {
  return price ? price.prompt + price.completion : Number.POSITIVE_INFINITY;
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < a.length; i++) {
    const left = a[i] as number;
    const right = b[i] as number;
    if (left !== right) return left < right ? -1 : 1;
  }
  return 0;
}

function noProviderMatches(model: string): GatewayError {
  return new GatewayError({
    kind: 'not_found',
    message: `No provider of '${model}' is allowed by the request's provider preferences (provider.only, provider.ignore, provider.order with allow_fallbacks false, or provider.require_parameters).`,
    param: 'provider',
    code: 'no_provider_matches',
  });
}

function maxPriceExceeded(model: string, max: NonNullable<ProviderPreferences['maxPrice']>): GatewayError {
  const parts = [
    max.prompt !== undefined ? `prompt $${max.prompt}/M` : undefined,
    max.completion !== undefined ? `completion $${max.completion}/M` : undefined,
  ].filter(Boolean);
  return new GatewayError({
    kind: 'invalid_request',
    message: `Every provider of '${model}' costs more than provider.max_price (${parts.join(', ')}).`,
    param: 'provider.max_price',
    code: 'max_price_exceeded',
  });
}
