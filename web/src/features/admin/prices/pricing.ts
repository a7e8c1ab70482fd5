/**
 * Price arithmetic of the prices page, the same as the server's (src/billing/price-book.ts):
 * multipliers are integer parts per million (1,000,000 = 100%), prices are integer units
 * (1e-6 USD) per 1M tokens, and a sale price is official × global × group × model multipliers,
 * multiplied exactly and rounded once, half up, per field. A fixed price is × group only.
 */

import type { ApiResponse } from '../../../api/schema';
import { formatMoney } from '../../../lib/money';

export const PPM = 1_000_000;
/** The server's ceiling for a multiplier: 1000×. */
export const MAX_PPM = 1_000 * PPM;

export const TOKEN_FIELDS = [
  'input',
  'output',
  'cacheRead',
  'cacheWrite',
  'cacheWrite1h',
  'reasoning',
  'inputImage',
  'outputImage',
  'inputAudio',
  'outputAudio',
] as const;
export type TokenField = (typeof TOKEN_FIELDS)[number];

/** The pricing rules (`GET /api/admin/prices`, from the server's OpenAPI document). */
export type PriceRules = ApiResponse<'/api/admin/prices', 'get'>;
export type ModelRule = PriceRules['models'][string];
export type FixedPrices = NonNullable<ModelRule['fixed']>;
export type TokenPrices = Pick<FixedPrices, TokenField | 'perWebSearch' | 'perUnit'>;
/** Units per ONE unit, by unit key (`image:1024x1024:hd`, `video_second:1280x720`, `mj:imagine`). */
export type PerUnitPrices = NonNullable<FixedPrices['perUnit']>;

/** `1000000` → `"100"`, `333333` → `"33.3333"`: a multiplier as the percentage typed in a field. */
export function ppmToPercentText(ppm: number): string {
  const whole = Math.floor(ppm / 10_000);
  const fraction = String(ppm % 10_000)
    .padStart(4, '0')
    .replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** `"80"`, `"80%"`, `"12.5"` → ppm; undefined when not a percentage from 0 to 100,000 (1000×) with ≤ 4 decimals. */
export function parsePercent(text: string): number | undefined {
  const match = /^(\d+)(?:\.(\d{0,4}))?$/.exec(text.trim().replace(/\s*%$/, ''));
  if (!match) return undefined;
  const ppm = Number(match[1]) * 10_000 + Number((match[2] ?? '').padEnd(4, '0'));
  return Number.isSafeInteger(ppm) && ppm <= MAX_PPM ? ppm : undefined;
}

/** price × ppm₁ × ppm₂ × … / PPMⁿ, rounded once, half up (the server's `scale`). */
export function scale(price: number, multipliers: readonly number[]): number {
  let numerator = BigInt(price);
  let denominator = 1n;
  for (const ppm of multipliers) {
    numerator *= BigInt(ppm);
    denominator *= BigInt(PPM);
  }
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

/** The combined multiplier of several (ppm), rounded like the server's `multiplierPpm`. */
export function combine(multipliers: readonly number[]): number {
  return scale(PPM, multipliers);
}

export interface SalePreview extends TokenPrices {
  source: 'official×multiplier' | 'fixed';
  /** The multiplier applied to the official (or fixed) price. */
  multiplierPpm: number;
  perRequest?: number;
  perImage?: number;
}

/**
 * What a member of a group with `groupPpm` would pay under `rule`: the fixed price × group, or
 * the official price × global × group × model multiplier. Undefined when neither is known.
 */
export function previewSale(
  official: TokenPrices | null | undefined,
  rule: ModelRule | undefined,
  globalPpm: number,
  groupPpm: number = PPM,
): SalePreview | undefined {
  if (rule?.fixed) {
    const out: SalePreview = { source: 'fixed', multiplierPpm: groupPpm };
    for (const field of [...TOKEN_FIELDS, 'perRequest', 'perImage', 'perWebSearch'] as const) {
      const value = rule.fixed[field];
      if (value !== undefined) out[field] = scale(value, [groupPpm]);
    }
    if (rule.fixed.perUnit) out.perUnit = scalePerUnit(rule.fixed.perUnit, [groupPpm]);
    return out;
  }
  if (!official) return undefined;
  const multipliers = [globalPpm, groupPpm, rule?.multiplierPpm ?? PPM];
  const out: SalePreview = { source: 'official×multiplier', multiplierPpm: combine(multipliers) };
  for (const field of [...TOKEN_FIELDS, 'perWebSearch'] as const) {
    const value = official[field];
    if (value !== undefined) out[field] = scale(value, multipliers);
  }
  if (official.perUnit) out.perUnit = scalePerUnit(official.perUnit, multipliers);
  return out;
}

/** Every unit price × the multipliers, each rounded once (the server's scaleSheet does the same per key). */
export function scalePerUnit(perUnit: PerUnitPrices, multipliers: readonly number[]): PerUnitPrices {
  return Object.fromEntries(Object.entries(perUnit).map(([unit, value]) => [unit, scale(value, multipliers)]));
}

/** The rule key for a model: the bare id (every provider's listing) or `provider/id` (one listing). */
export function ruleKey(provider: string | undefined, id: string): string {
  return provider ? `${provider}/${id}` : id;
}

/** Which listing a rule key names: `openai/gpt-4o` → provider and id; a bare id → the id only. */
export function splitRuleKey(key: string, providers: ReadonlySet<string>): { provider?: string; id: string } {
  const slash = key.indexOf('/');
  if (slash > 0 && providers.has(key.slice(0, slash)))
    return { provider: key.slice(0, slash), id: key.slice(slash + 1) };
  return { id: key };
}

/**
 * A price per 1M tokens with every digit that matters ($2.50, $0.075, $0.000123): a sale price
 * after a multiplier must not look rounded to a cent.
 */
export function formatPrice(unitsPerMillion: number): string {
  return formatMoney(unitsPerMillion);
}

/** Dollars for a price field, with cents: `2500000` → `"2.50"`, `75000` → `"0.075"`. */
export function priceText(units: number): string {
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(units);
  const fraction = String(abs % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0');
  return `${sign}${Math.floor(abs / 1_000_000)}.${fraction}`;
}
