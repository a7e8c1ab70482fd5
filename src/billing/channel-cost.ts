/**
 * What a route (channel, upstream model) costs the operator, as a price sheet in billing's units:
 * the channel's fixed price for that model when it sets one, else the catalog's official price ×
 * the channel's multiplier (absent: 1, the list price), multiplied exactly and rounded once per
 * field as the price book does. Unknown when neither is known: a cost is never guessed as 0.
 *
 * The request log's upstream cost, the margin report, `sort: price`'s tiebreak and the
 * 'cheapest' routing policy read it. Sheets are memoised per live Channel object and model, so the
 * hot path does a map hit, no BigInt work: channels reload into new objects (the WeakMap lets the
 * old ones go), and a change of the catalog or the price rules clears everything.
 */
import type { Usage } from '../ir/index.js';
import type { ChannelCost } from '../routing/channel.js';
import { costOf } from './cost.js';
import { deepFreeze, type PriceBook, scaleSheet } from './price-book.js';
import { PPM, type PriceSheet, type SalePrice } from './price-types.js';
import { unitCount, unitPrice } from './unit-prices.js';

/** A route as the relay names it: the live channel and the model id sent upstream. */
export interface CostedRoute {
  channel: { vendor: string; cost?: ChannelCost };
  upstreamModel: string;
}

/**
 * The operator's price of a model on a channel, from the channel's cost and the official sheet.
 * `source` says which applied; `multiplierPpm` is the channel's (1,000,000 for a fixed price).
 */
export function operatorPrice(
  cost: ChannelCost | undefined,
  upstreamModel: string,
  official: PriceSheet & { catalogModel?: { provider: string; id: string } },
): SalePrice | undefined {
  const catalogModel = official.catalogModel ? { catalogModel: official.catalogModel } : {};
  const models = cost?.models;
  const fixed = models && Object.hasOwn(models, upstreamModel) ? models[upstreamModel] : undefined;
  if (fixed) return { ...fixed, known: true, source: 'fixed', multiplierPpm: PPM, ...catalogModel };
  if (!official.known) return undefined;
  const multiplierPpm = cost?.multiplierPpm ?? PPM;
  const { catalogModel: _catalog, known: _known, ...prices } = official;
  const sheet = multiplierPpm === PPM ? prices : scaleSheet(prices, [BigInt(multiplierPpm)]);
  return { ...sheet, known: true, source: 'official×multiplier', multiplierPpm, ...catalogModel };
}

/** Per channel object, its models' sheets (null = unknown); a glob channel's models are client-chosen, so capped. */
const MODELS_PER_CHANNEL = 4_096;

export class RouteCosts {
  private memo = new WeakMap<object, Map<string, SalePrice | null>>();

  constructor(private readonly priceBook: Pick<PriceBook, 'officialPrices' | 'onChange'>) {
    priceBook.onChange(() => {
      this.memo = new WeakMap();
    });
  }

  /** The operator's price sheet of the route; frozen and shared, do not modify it. */
  price(route: CostedRoute): SalePrice | undefined {
    let sheets = this.memo.get(route.channel);
    if (!sheets) {
      sheets = new Map();
      this.memo.set(route.channel, sheets);
    }
    const memoised = sheets.get(route.upstreamModel);
    if (memoised !== undefined) return memoised ?? undefined;
    const official = this.priceBook.officialPrices(route.channel.vendor, route.upstreamModel);
    const price = operatorPrice(route.channel.cost, route.upstreamModel, official);
    if (sheets.size >= MODELS_PER_CHANNEL) sheets.clear();
    sheets.set(route.upstreamModel, price ? deepFreeze(price) : null);
    return price;
  }

  /** Per 1M tokens, prompt (uncached input) and completion (output); undefined when not known. */
  tokenCost(route: CostedRoute): { prompt: number; completion: number } | undefined {
    const price = this.price(route);
    return price && { prompt: price.input ?? 0, completion: price.output ?? 0 };
  }

  /**
   * What `usage` cost the operator on this route, in units (rounded once, like a charge);
   * undefined when the route's cost is not known, or the usage counts a unit it has no price for.
   */
  upstreamCost(route: CostedRoute, usage: Usage, extras: { images?: number } = {}): number | undefined {
    const price = this.price(route);
    if (!price) return undefined;
    for (const [unit, count] of Object.entries(usage.units ?? {})) {
      if (unitCount(count) > 0 && unitPrice(price, unit) === undefined) return undefined;
    }
    return costOf(usage, price, extras).units;
  }
}
