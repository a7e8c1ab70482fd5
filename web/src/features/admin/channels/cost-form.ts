import { parseMoney } from '../../../lib/money';
import type { Channel } from './types';

/**
 * A channel's cost to the operator (`cost` on the channel API, src/channels/channel-cost-field.ts)
 * as the channel form edits it, free of React:
 * - a multiplier of the official list price, typed as a factor (`0.3` = 30% of list, stored as
 *   300,000 parts per million); empty = the list price;
 * - fixed prices per upstream model id (after the model mapping), typed in dollars per 1M tokens
 *   (or per request) and stored in units (1e-6 USD). Price fields the form does not show (image,
 *   audio, per-unit prices set in a config file) are kept as they were.
 * A cost that says nothing beyond the list price is sent as null.
 */

export type ChannelCost = NonNullable<Channel['cost']>;
export type CostFixedPrices = NonNullable<ChannelCost['models']>[string];

/** The fixed prices the form edits, in this order. */
export const COST_PRICE_FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite', 'perRequest'] as const;
export type CostPriceField = (typeof COST_PRICE_FIELDS)[number];

export interface CostModelRow {
  id: number;
  /** The upstream model id, as typed. */
  model: string;
  /** Dollars as typed (per 1M tokens; per request for perRequest); '' = not set. */
  prices: Record<CostPriceField, string>;
  /** Stored prices this form does not show, kept as they were. */
  kept: Omit<CostFixedPrices, CostPriceField>;
}

export interface CostForm {
  /** The factor of the list price as typed (`0.3`); '' = the list price. */
  multiplier: string;
  models: CostModelRow[];
}

/** Keys of channels:cost.errors.* */
export type CostIssue = 'multiplier' | 'modelRequired' | 'modelInvalid' | 'modelDuplicate' | 'price' | 'pricesRequired';

/** Where an issue shows: `multiplier`, `<row id>.model`, `<row id>.<price field>`. */
export type CostIssues = Record<string, CostIssue>;

const PPM = 1_000_000;
/** The server's ceiling for a multiplier: 1000× the list price. */
const MAX_PPM = 1_000 * PPM;
/** The server's rule for an upstream model id (no globs). */
const MODEL_ID = /^[A-Za-z0-9._:/@+-]{1,200}$/;

let rowIds = 0;
const EMPTY_PRICES: Record<CostPriceField, string> = {
  input: '',
  output: '',
  cacheRead: '',
  cacheWrite: '',
  perRequest: '',
};

export function newCostRow(model = ''): CostModelRow {
  rowIds += 1;
  return { id: rowIds, model, prices: { ...EMPTY_PRICES }, kept: {} };
}

/** `300000` → `"0.3"`, `1250000` → `"1.25"`: parts per million as the factor typed in the field. */
export function ppmToFactorText(ppm: number): string {
  const fraction = String(ppm % PPM)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return fraction ? `${Math.floor(ppm / PPM)}.${fraction}` : String(Math.floor(ppm / PPM));
}

/** `"0.3"`, `"×0.3"`, `".5"` → ppm; undefined unless a factor from 0 to 1000 with at most six decimals. */
export function parseFactor(text: string): number | undefined {
  const match = /^(\d*)(?:\.(\d{1,6}))?$/.exec(text.trim().replace(/^[×x*]\s*/i, ''));
  if (!match || (match[1] === '' && match[2] === undefined)) return undefined;
  const ppm = Number(match[1] || '0') * PPM + Number((match[2] ?? '').padEnd(6, '0'));
  return Number.isSafeInteger(ppm) && ppm <= MAX_PPM ? ppm : undefined;
}

/** Dollars for a price field: `2500000` → `"2.5"`, `75000` → `"0.075"`. */
function dollarsText(units: number): string {
  const fraction = String(units % PPM)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return fraction ? `${Math.floor(units / PPM)}.${fraction}` : String(Math.floor(units / PPM));
}

export function costFormOf(cost: Channel['cost'] | undefined): CostForm {
  return {
    multiplier: cost?.multiplierPpm === undefined ? '' : ppmToFactorText(cost.multiplierPpm),
    models: Object.entries(cost?.models ?? {}).map(([model, fixed]) => {
      const row = newCostRow(model);
      const kept: Record<string, unknown> = { ...fixed };
      for (const field of COST_PRICE_FIELDS) {
        const value = fixed[field];
        if (value !== undefined) row.prices[field] = dollarsText(value);
        delete kept[field];
      }
      return { ...row, kept: kept as CostModelRow['kept'] };
    }),
  };
}

/** Whether a fixed price is complete, by the server's rule: input and output, or a price per request, image or unit. */
function isComplete(prices: CostFixedPrices): boolean {
  return (
    (prices.input !== undefined && prices.output !== undefined) ||
    prices.perRequest !== undefined ||
    prices.perImage !== undefined ||
    Object.keys(prices.perUnit ?? {}).length > 0
  );
}

/** The form as the API's `cost` (null: the list price), with an issue per place that cannot be sent. */
export function readCostForm(form: CostForm): { value: ChannelCost | null; issues: CostIssues } {
  const issues: CostIssues = {};
  const cost: ChannelCost = {};
  if (form.multiplier.trim()) {
    const ppm = parseFactor(form.multiplier);
    if (ppm === undefined) issues.multiplier = 'multiplier';
    else cost.multiplierPpm = ppm;
  }
  const models: Record<string, CostFixedPrices> = {};
  for (const row of form.models) {
    const model = row.model.trim();
    if (!model) issues[`${row.id}.model`] = 'modelRequired';
    else if (!MODEL_ID.test(model)) issues[`${row.id}.model`] = 'modelInvalid';
    else if (Object.hasOwn(models, model)) issues[`${row.id}.model`] = 'modelDuplicate';
    const prices: CostFixedPrices = { ...row.kept };
    for (const field of COST_PRICE_FIELDS) {
      const text = row.prices[field].trim();
      if (!text) continue;
      const units = parseMoney(text);
      if (units === undefined || units < 0) issues[`${row.id}.${field}`] = 'price';
      else prices[field] = units;
    }
    const priceIssue = COST_PRICE_FIELDS.some((field) => issues[`${row.id}.${field}`]);
    if (!priceIssue && !isComplete(prices)) {
      issues[`${row.id}.${row.prices.input.trim() ? 'output' : 'input'}`] = 'pricesRequired';
    }
    if (model && !issues[`${row.id}.model`]) models[model] = prices;
  }
  if (Object.keys(models).length > 0) cost.models = models;
  return { value: Object.keys(cost).length > 0 ? cost : null, issues };
}

/**
 * Where a server error about the cost belongs: `cost.multiplierPpm` → multiplier,
 * `cost.models.gpt-4o.input` → that row's input, `cost.models.gpt-4o` → that row's model;
 * anything else → `cost` (the section).
 */
export function placeOfCostParam(param: string | null, form: CostForm): string {
  if (!param?.startsWith('cost')) return 'cost';
  if (param === 'cost.multiplierPpm') return 'multiplier';
  const prefix = 'cost.models.';
  if (!param.startsWith(prefix)) return 'cost';
  const rest = param.slice(prefix.length);
  // Model ids may hold dots (gpt-4.1): match the longest id the form has.
  const rows = [...form.models].sort((a, b) => b.model.trim().length - a.model.trim().length);
  for (const row of rows) {
    const model = row.model.trim();
    if (!model) continue;
    if (rest === model) return `${row.id}.model`;
    if (rest.startsWith(`${model}.`)) {
      const field = rest.slice(model.length + 1).split('.')[0] as CostPriceField;
      return COST_PRICE_FIELDS.includes(field) ? `${row.id}.${field}` : `${row.id}.model`;
    }
  }
  return 'cost';
}

/** The upstream model ids a channel sends (mapping targets, and exact model ids it does not map): suggestions for a row. */
export function upstreamModelSuggestions(
  models: readonly string[],
  mapping: readonly { name: string; value: string }[],
): string[] {
  const mapped = new Set(mapping.map((row) => row.name.trim()));
  const targets = mapping.map((row) => row.value.trim()).filter(Boolean);
  const exact = models.filter((model) => !model.includes('*') && !mapped.has(model));
  return [...new Set([...targets, ...exact])];
}
