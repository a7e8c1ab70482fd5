/**
 * What each model costs a user: the catalog's official price × the operator's multipliers, or
 * the operator's fixed price. Everything lives in memory and is rebuilt on change (reload(),
 * setCatalog()); a lookup reads no database.
 *
 * Rules, in order:
 * - A model rule with a fixed price wins: sale = fixed × group multiplier (the global and model
 *   multipliers do not apply to a price the operator fixed; a group discount still does).
 * - Otherwise, when the catalog knows the official price: sale = official × global × group ×
 *   model multiplier, multiplied exactly in integers (ppm) and rounded once, half up, per field.
 * - Otherwise the price is unknown (`known: false`): the relay must refuse to serve such a model
 *   to a metered caller (`model_price_unknown`) rather than bill it as free.
 */
import type { Catalog, CatalogModel } from '../catalog/catalog.js';
import type { Store } from '../store/database.js';
import { builtinVendors, type VendorRegistry } from '../vendors/vendor-registry.js';
import { defaultPriceRules, loadPriceRules, type ModelRule, type PriceRules } from './price-rules.js';
import {
  type FixedPrices,
  PPM,
  type PriceSheet,
  type PriceTier,
  type SalePrice,
  TOKEN_PRICE_FIELDS,
  type TokenPrices,
} from './price-types.js';

const TOKEN_FIELDS = TOKEN_PRICE_FIELDS;
const ITEM_FIELDS = ['perRequest', 'perImage', 'perWebSearch'] as const;

const UNKNOWN: PriceSheet = Object.freeze({ known: false });
const MEMO_LIMIT = 100_000;

export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** price × ppm1 × ppm2 × ... / PPM^n, rounded once, half up (prices are non-negative). */
function scale(price: number, multipliers: readonly bigint[]): number {
  let numerator = BigInt(price);
  let denominator = 1n;
  for (const ppm of multipliers) {
    numerator *= ppm;
    denominator *= BigInt(PPM);
  }
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

function scaleTokens<T extends TokenPrices>(source: T, multipliers: readonly bigint[], into: TokenPrices): void {
  for (const field of TOKEN_FIELDS) {
    const value = source[field];
    if (value !== undefined) into[field] = scale(value, multipliers);
  }
}

/** Every price of a sheet × the multipliers (exactly, rounded once per field); channel-cost.ts too. */
export function scaleSheet(
  source: FixedPrices & { tiers?: PriceTier[] },
  multipliers: readonly bigint[],
): Omit<PriceSheet, 'known'> {
  const out: Omit<PriceSheet, 'known'> = {};
  scaleTokens(source, multipliers, out);
  for (const field of ITEM_FIELDS) {
    const value = source[field];
    if (value !== undefined) out[field] = scale(value, multipliers);
  }
  if (source.perUnit) {
    out.perUnit = Object.fromEntries(
      Object.entries(source.perUnit).map(([unit, value]) => [unit, scale(value, multipliers)]),
    );
  }
  if (source.tiers) {
    out.tiers = source.tiers.map((tier) => {
      const scaled: PriceTier = { aboveInputTokens: tier.aboveInputTokens };
      scaleTokens(tier, multipliers, scaled);
      return scaled;
    });
  }
  return out;
}

/** Per-1M-quantity catalog prices billed per unit: the unit key each becomes. */
const PER_MILLION_UNITS = [
  ['inputCharacters', 'character'],
  ['inputSeconds', 'audio_second'],
  ['outputSeconds', 'video_second'],
] as const;

/**
 * The catalog's prices in billing's shape (token prices, audio and image tokens included, and
 * per-item prices; fields billing cannot meter are left out). Prices the catalog gives per 1M characters or seconds become per-unit prices, rounded
 * UP to a whole unit (a price below a unit per second, rare, is never billed as less than it is);
 * a rerank model's per-request price is its price per search (a query over up to 100 documents).
 */
function sheetOf(model: CatalogModel, known: boolean): PriceSheet {
  const prices = model.prices;
  const sheet: PriceSheet = { known };
  for (const field of [...TOKEN_FIELDS, ...ITEM_FIELDS]) {
    const value = prices[field];
    if (value !== undefined) sheet[field] = value;
  }
  const perUnit: Record<string, number> = {};
  for (const [field, unit] of PER_MILLION_UNITS) {
    const value = prices[field];
    if (value !== undefined) perUnit[unit] = Math.ceil(value / PPM);
  }
  if (model.mode === 'rerank' && prices.perRequest !== undefined) {
    perUnit.search = prices.perRequest;
    delete sheet.perRequest;
  }
  Object.assign(perUnit, prices.perUnit);
  if (Object.keys(perUnit).length > 0) sheet.perUnit = perUnit;
  if (prices.tiers) {
    sheet.tiers = prices.tiers.map((tier) => {
      const copy: PriceTier = { aboveInputTokens: tier.aboveInputTokens };
      for (const field of TOKEN_FIELDS) if (tier[field] !== undefined) copy[field] = tier[field];
      return copy;
    });
  }
  return sheet;
}

export class PriceBook {
  private rules: PriceRules = defaultPriceRules();
  // Maps, not the records themselves: a model named `constructor` must not find Object.prototype.
  private groupPpm = new Map<string, number>();
  private modelRules = new Map<string, ModelRule>();
  private readonly listeners = new Set<() => void>();
  // Sale prices computed once per (group, provider, model) until the next change: a lookup is
  // then a map hit (computing one is ~6 µs of BigInt work). Only catalog or rule hits are kept,
  // so ids made up by clients cannot grow it; the cap is a backstop.
  private readonly memo = new Map<string, SalePrice>();

  constructor(
    private readonly store: Store,
    private catalog: Catalog,
    /** Recognises a bare id's vendor (`gpt-…` → openai) among catalog entries of the same id. */
    private readonly vendors: VendorRegistry = builtinVendors,
  ) {}

  /** Reads the rules from the database and rebuilds. Call at start and after the rules change. */
  async reload(): Promise<void> {
    this.setRules(await loadPriceRules(this.store));
  }

  /** Puts rules in force that were just saved (saves the read-back after PUT /api/admin/prices). */
  setRules(rules: PriceRules): void {
    this.rules = rules;
    this.groupPpm = new Map(Object.entries(rules.groups));
    this.modelRules = new Map(Object.entries(rules.models));
    this.notify();
  }

  /** Swaps in a new effective catalog (the catalog service's change listener). */
  setCatalog(catalog: Catalog): void {
    this.catalog = catalog;
    this.notify();
  }

  /** The rules in force (what GET /api/admin/prices shows). */
  get currentRules(): PriceRules {
    return this.rules;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * The catalog entry for a model as a channel names it: (vendor, upstream id) first; then the
   * same id in any provider, preferring the vendor its prefix suggests (`gpt-…` → openai), then
   * one whose prices are known — vendors' naming in the catalog (`vertex`, `azure`) differs from
   * ours, and the official list price is usually the same everywhere.
   */
  resolveModel(provider: string, modelId: string): CatalogModel | undefined {
    const direct = this.catalog.get(provider, modelId) ?? this.catalog.get(provider, modelId.toLowerCase());
    if (direct) return direct;
    // `openai/gpt-4o` style: the catalog may list the bare id under that provider.
    const slash = modelId.indexOf('/');
    if (slash > 0) {
      const forced = this.catalog.get(modelId.slice(0, slash), modelId.slice(slash + 1));
      if (forced) return forced;
    }
    let candidates = this.catalog.findById(modelId);
    if (candidates.length === 0) candidates = this.catalog.findById(modelId.toLowerCase());
    if (candidates.length === 0) return undefined;
    const vendor = this.vendors.vendorForModelId(modelId);
    return (
      candidates.find((model) => model.provider === vendor && model.pricesKnown) ??
      candidates.find((model) => model.pricesKnown) ??
      candidates[0]
    );
  }

  /** The vendor's list price, as the catalog says (known: false when it does not know it). */
  officialPrices(provider: string, modelId: string): PriceSheet & { catalogModel?: { provider: string; id: string } } {
    const model = this.resolveModel(provider, modelId);
    if (!model) return UNKNOWN;
    return { ...sheetOf(model, model.pricesKnown), catalogModel: { provider: model.provider, id: model.id } };
  }

  /** What a user of `group` pays for this model. The result is frozen and shared: do not modify it. */
  salePrices(provider: string, modelId: string, group: string): SalePrice {
    const memoKey = `${group}\u0000${provider}\u0000${modelId}`;
    const memoized = this.memo.get(memoKey);
    if (memoized) return memoized;
    const sale = this.computeSalePrices(provider, modelId, group);
    if (sale.catalogModel || sale.source === 'fixed') {
      if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
      this.memo.set(memoKey, deepFreeze(sale));
    }
    return sale;
  }

  private computeSalePrices(provider: string, modelId: string, group: string): SalePrice {
    const model = this.resolveModel(provider, modelId);
    const rule = this.modelRule(provider, modelId, model);
    const groupPpm = this.groupPpm.get(group) ?? PPM;
    const catalogModel = model ? { provider: model.provider, id: model.id } : undefined;
    if (rule?.fixed) {
      return {
        ...scaleSheet(rule.fixed, [BigInt(groupPpm)]),
        known: true,
        source: 'fixed',
        multiplierPpm: groupPpm,
        ...(catalogModel ? { catalogModel } : {}),
      };
    }
    const multipliers = [this.rules.globalMultiplierPpm, groupPpm, rule?.multiplierPpm ?? PPM];
    const combined = scale(PPM, multipliers.map(BigInt));
    if (!model?.pricesKnown) {
      return {
        known: false,
        source: 'official×multiplier',
        multiplierPpm: combined,
        ...(catalogModel ? { catalogModel } : {}),
      };
    }
    return {
      ...scaleSheet(sheetOf(model, true), multipliers.map(BigInt)),
      known: true,
      source: 'official×multiplier',
      multiplierPpm: combined,
      ...(catalogModel ? { catalogModel } : {}),
    };
  }

  /** `provider/id` is the more specific rule; then the id as asked; then the catalog's id for it. */
  private modelRule(provider: string, modelId: string, model: CatalogModel | undefined): ModelRule | undefined {
    const rules = this.modelRules;
    if (rules.size === 0) return undefined;
    return (
      rules.get(`${provider}/${modelId}`) ??
      rules.get(modelId) ??
      (model ? (rules.get(`${model.provider}/${model.id}`) ?? rules.get(model.id)) : undefined)
    );
  }

  private notify(): void {
    this.memo.clear();
    for (const listener of this.listeners) listener();
  }
}
