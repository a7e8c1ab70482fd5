/**
 * What a metered request holds: the most the vendor can bill for it (prompt bound × the dearest
 * input rate + output bound × the dearest output rate, per-call prices, the web searches it may
 * run × their price), and, for a request that
 * set no max_tokens, the largest output limit a budget allows. Pure: the relay's billing adapter
 * (relay-billing.ts) asks the ledger and decides.
 */
import type { ChatRequest } from '../ir/index.js';
import type { ProviderId } from '../providers/provider.js';
import { affordableOutputTokens, worstCaseCost } from './cost.js';
import { outputLimitWithin, outputTokenBound } from './output-bound.js';
import type { SalePrice } from './price-types.js';

/** Below this, capping max_tokens to the money left would give a useless answer: refuse instead. */
export const MIN_OUTPUT_TOKENS = 16;
/**
 * A request without max_tokens whose worst case does not fit is capped to this share of what is
 * free, so the caller's next request still finds room (one unbounded request never takes it all).
 */
export const UNBOUNDED_SHARE_OF_HEADROOM = 0.5;

export interface HoldShape {
  request: ChatRequest;
  price: SalePrice;
  /** The wire format of the channel the hold is priced for (its encoder decides the output limit). */
  wireFormat: ProviderId;
  /** A bound of the input tokens (prompt-bound.ts), or the exact count where it is the vendor's. */
  promptTokens: number;
  /** The most web searches the vendor may run and bill (web-search-bound.ts); 0 without a search tool. */
  webSearchCalls?: number;
}

/** Units to hold for a request sent with `outputLimit` per choice. */
export function holdAmount(shape: HoldShape, outputLimit: number): number {
  return worstCaseCost(
    shape.promptTokens,
    outputTokenBound(shape.request, outputLimit, shape.wireFormat),
    shape.price,
    {
      webSearchCalls: shape.webSearchCalls,
    },
  );
}

/**
 * The same for a subscription's windows: the money room as above, and the token room (whose hold
 * is the prompt's bound plus the output limit) to the same share. Infinity: no window of that unit.
 */
export function cappedPlanOutputLimit(
  shape: HoldShape,
  room: { money: number; tokens: number },
  maxLimit: number,
): number | undefined {
  let limit = maxLimit;
  if (Number.isFinite(room.money)) {
    const byMoney = cappedOutputLimit(shape, room.money, maxLimit);
    if (byMoney === undefined) return undefined;
    limit = Math.min(limit, byMoney);
  }
  if (Number.isFinite(room.tokens)) {
    limit = Math.min(limit, Math.floor(room.tokens * UNBOUNDED_SHARE_OF_HEADROOM) - shape.promptTokens);
  }
  return limit >= MIN_OUTPUT_TOKENS ? limit : undefined;
}

/**
 * The output limit (per choice, at most `maxLimit`) a request without max_tokens is capped to
 * when `headroom` units are free: the largest whose hold fits in the unbounded share of it.
 * Undefined when that is below MIN_OUTPUT_TOKENS, or when output is free (no cap would help).
 */
export function cappedOutputLimit(shape: HoldShape, headroom: number, maxLimit: number): number | undefined {
  const budget = Math.floor(Math.max(0, headroom) * UNBOUNDED_SHARE_OF_HEADROOM);
  const affordable = affordableOutputTokens(budget, shape.promptTokens, shape.price, 1, shape.webSearchCalls);
  if (affordable === undefined) return undefined;
  const limit = Math.min(maxLimit, outputLimitWithin(shape.request, affordable, shape.wireFormat));
  return limit >= MIN_OUTPUT_TOKENS ? limit : undefined;
}
