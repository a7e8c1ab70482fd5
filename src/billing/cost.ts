/**
 * The cost of a request in units, from the usage the vendor reported and the sale price.
 *
 * Exact: Σ tokens × price-per-1M over every token class is summed as a BigInt (10M tokens ×
 * a 1e9 price is 1e16, past 2^53), divided by 1,000,000 and rounded ONCE, half up; per-call
 * prices are whole units and are added after. Worst-case costs (reservations) round up instead.
 */
import type { Usage } from '../ir/index.js';
import type { PriceTier, SalePrice } from './price-types.js';
import { unitCount, unitPrice } from './unit-prices.js';

/** `cacheWrite` is the five-minute write, `cacheWrite1h` the one-hour write (Anthropic `ttl: "1h"`). */
export type TokenClass =
  | 'input'
  | 'cacheRead'
  | 'cacheWrite'
  | 'cacheWrite1h'
  | 'output'
  | 'reasoning'
  | 'inputImage'
  | 'outputImage'
  | 'inputAudio'
  | 'outputAudio';

export interface CostLine {
  class: TokenClass;
  tokens: number;
  /** Units per 1M tokens actually applied (after fallbacks and tiers). */
  pricePerMillion: number;
}

/** Units billed by the unit (usage.units), each at the price of the most specific key the sheet sells. */
export interface UnitLine {
  unit: string;
  count: number;
  /** Units per unit applied (0 when the sheet sells no such unit: the hold refuses those first). */
  price: number;
}

export interface CostBreakdown {
  lines: CostLine[];
  /** The long-context tier applied (its threshold), if any. */
  tierAboveInputTokens?: number;
  /** Token cost before rounding, in 1e-12 USD (units × 1e6), as a decimal string. */
  exactTokenMicroUnits: string;
  tokenUnits: number;
  perRequestUnits: number;
  perImageUnits: number;
  /** Web searches the vendor ran (usage.serverToolCalls.webSearch) and what they cost (× perWebSearch). */
  webSearchCalls: number;
  webSearchUnits: number;
  /** Per-unit lines (images by size, seconds, characters, searches, actions). */
  unitLines: UnitLine[];
  perUnitUnits: number;
}

export interface Cost {
  units: number;
  breakdown: CostBreakdown;
}

export interface CostExtras {
  /** Images generated (image models priced per image). */
  images?: number;
}

/** What a worst case allows for beyond tokens. */
export interface WorstCaseExtras extends CostExtras {
  /** The most web searches the vendor may run for the request (hold-size.ts decides it). */
  webSearchCalls?: number;
}

/** The usage split into disjoint token classes (the IR's `undefined` = not reported = 0 here). */
export interface TokenCounts {
  uncachedInput: number;
  cacheRead: number;
  /** Cache writes with the five-minute lifetime (every write the vendor did not mark as 1 h). */
  cacheWrite5m: number;
  cacheWrite1h: number;
  textOutput: number;
  reasoning: number;
  /** Input image tokens (part of the uncached input the vendor reported). */
  imageInput: number;
  /** Output image tokens (part of the output the vendor reported). */
  imageOutput: number;
  /** Input audio tokens (part of the uncached input the vendor reported). */
  audioInput: number;
  /** Output audio tokens (part of the output the vendor reported). */
  audioOutput: number;
  /** All input tokens: what long-context tiers are decided on. */
  inputTotal: number;
}

const MILLION = 1_000_000n;

function count(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

/**
 * Splits usage into classes that do not overlap. Vendors report totals, parts, or both: a missing
 * part is derived from the total (input: total − cache read − cache write; output: total − reasoning).
 * `cacheWrite` is all writes and `cacheWrite1h` the one-hour part of it; a 1 h count above the
 * total (a vendor's inconsistency) counts as the total, so no write is priced twice or dropped.
 */
export function tokenCounts(usage: Usage): TokenCounts {
  const cacheRead = count(usage.inputTokens.cacheRead);
  const cacheWrite1h = count(usage.inputTokens.cacheWrite1h);
  const cacheWrite = Math.max(count(usage.inputTokens.cacheWrite), cacheWrite1h);
  const allUncached =
    usage.inputTokens.noCache !== undefined
      ? count(usage.inputTokens.noCache)
      : Math.max(0, count(usage.inputTokens.total) - cacheRead - cacheWrite);
  // Image and audio tokens are parts of the uncached input and of the output, never more than it.
  const imageInput = Math.min(count(usage.inputTokens.image), allUncached);
  const audioInput = Math.min(count(usage.inputTokens.audio), allUncached - imageInput);
  const reasoning = count(usage.outputTokens.reasoning);
  const imageOutput = count(usage.outputTokens.image);
  const audioOutput = count(usage.outputTokens.audio);
  const allText =
    usage.outputTokens.text !== undefined
      ? count(usage.outputTokens.text)
      : Math.max(0, count(usage.outputTokens.total) - reasoning - imageOutput - audioOutput);
  return {
    uncachedInput: allUncached - imageInput - audioInput,
    cacheRead,
    cacheWrite5m: cacheWrite - cacheWrite1h,
    cacheWrite1h,
    textOutput: allText,
    reasoning,
    imageInput,
    imageOutput,
    audioInput,
    audioOutput,
    inputTotal: allUncached + cacheRead + cacheWrite,
  };
}

/** The highest tier whose threshold the input exceeds (tiers ascend), or none. */
function tierFor(tiers: readonly PriceTier[] | undefined, inputTokens: number): PriceTier | undefined {
  let chosen: PriceTier | undefined;
  for (const tier of tiers ?? []) if (inputTokens > tier.aboveInputTokens) chosen = tier;
  return chosen;
}

/**
 * Per-class prices with the tier's fields over the base, and the documented fallbacks (a 1 h write
 * without its own price costs what a 5 min write does). Reads the fields directly: spreading the
 * whole price object ran on every request (~2 µs).
 */
function effectivePrices(price: SalePrice, tier: PriceTier | undefined): Record<TokenClass, number> {
  const input = tier?.input ?? price.input ?? 0;
  const output = tier?.output ?? price.output ?? 0;
  const cacheWrite = tier?.cacheWrite ?? price.cacheWrite ?? input;
  return {
    input,
    cacheRead: tier?.cacheRead ?? price.cacheRead ?? input,
    cacheWrite,
    cacheWrite1h: tier?.cacheWrite1h ?? price.cacheWrite1h ?? cacheWrite,
    output,
    reasoning: tier?.reasoning ?? price.reasoning ?? output,
    inputImage: tier?.inputImage ?? price.inputImage ?? input,
    outputImage: tier?.outputImage ?? price.outputImage ?? output,
    inputAudio: tier?.inputAudio ?? price.inputAudio ?? input,
    outputAudio: tier?.outputAudio ?? price.outputAudio ?? output,
  };
}

function assertKnown(price: SalePrice): void {
  if (!price.known) throw new Error('Cannot compute a cost with an unknown price (model_price_unknown).');
}

export function costOf(usage: Usage, price: SalePrice, extras: CostExtras = {}): Cost {
  assertKnown(price);
  const counts = tokenCounts(usage);
  const tier = tierFor(price.tiers, counts.inputTotal);
  const prices = effectivePrices(price, tier);
  const lines: CostLine[] = [
    { class: 'input', tokens: counts.uncachedInput, pricePerMillion: prices.input },
    { class: 'cacheRead', tokens: counts.cacheRead, pricePerMillion: prices.cacheRead },
    { class: 'cacheWrite', tokens: counts.cacheWrite5m, pricePerMillion: prices.cacheWrite },
    { class: 'cacheWrite1h', tokens: counts.cacheWrite1h, pricePerMillion: prices.cacheWrite1h },
    { class: 'output', tokens: counts.textOutput, pricePerMillion: prices.output },
    { class: 'reasoning', tokens: counts.reasoning, pricePerMillion: prices.reasoning },
    { class: 'inputImage', tokens: counts.imageInput, pricePerMillion: prices.inputImage },
    { class: 'outputImage', tokens: counts.imageOutput, pricePerMillion: prices.outputImage },
    { class: 'inputAudio', tokens: counts.audioInput, pricePerMillion: prices.inputAudio },
    { class: 'outputAudio', tokens: counts.audioOutput, pricePerMillion: prices.outputAudio },
  ];
  let numerator = 0n;
  for (const line of lines) numerator += BigInt(line.tokens) * BigInt(line.pricePerMillion);
  // Half up, once: floor((n + 500,000) / 1,000,000).
  const tokenUnits = Number((numerator + MILLION / 2n) / MILLION);
  const perRequestUnits = price.perRequest ?? 0;
  const perImageUnits = (price.perImage ?? 0) * count(extras.images);
  const webSearchCalls = count(usage.serverToolCalls?.webSearch);
  const webSearchUnits = (price.perWebSearch ?? 0) * webSearchCalls;
  const unitLines = unitLinesOf(usage, price);
  const perUnitUnits = unitLines.reduce((sum, line) => sum + line.count * line.price, 0);
  const units = tokenUnits + perRequestUnits + perImageUnits + webSearchUnits + perUnitUnits;
  if (!Number.isSafeInteger(units)) throw new Error(`Cost ${units} is not a safe integer.`);
  return {
    units,
    breakdown: {
      lines: lines.filter((line) => line.tokens > 0),
      ...(tier ? { tierAboveInputTokens: tier.aboveInputTokens } : {}),
      exactTokenMicroUnits: numerator.toString(),
      tokenUnits,
      perRequestUnits,
      perImageUnits,
      webSearchCalls,
      webSearchUnits,
      unitLines,
      perUnitUnits,
    },
  };
}

function unitLinesOf(usage: Usage, price: SalePrice): UnitLine[] {
  const lines: UnitLine[] = [];
  for (const [unit, value] of Object.entries(usage.units ?? {})) {
    const counted = unitCount(value);
    if (counted > 0) lines.push({ unit, count: counted, price: unitPrice(price, unit) ?? 0 });
  }
  return lines;
}

/**
 * The most a request billed by the unit (and by tokens) can cost: `worst` bounds every count,
 * tokens at the dearest rate of their side (worstRates) and units at their price; rounded up,
 * saturated at Number.MAX_SAFE_INTEGER like worstCaseCost.
 */
export function worstCaseUnitsCost(worst: Usage, price: SalePrice): number {
  assertKnown(price);
  const counts = tokenCounts(worst);
  const prompt = counts.inputTotal;
  const output = counts.textOutput + counts.reasoning + counts.imageOutput + counts.audioOutput;
  const rates = worstRates(price, prompt);
  const numerator = BigInt(prompt) * BigInt(rates.input) + BigInt(output) * BigInt(rates.output);
  const tokenUnits = Number((numerator + MILLION - 1n) / MILLION);
  const unitUnits = unitLinesOf(worst, price).reduce((sum, line) => sum + line.count * line.price, 0);
  const units = tokenUnits + (price.perRequest ?? 0) + unitUnits;
  return Number.isSafeInteger(units) ? units : Number.MAX_SAFE_INTEGER;
}

/**
 * The dearest rate per 1M tokens any input token and any output token can be charged at, for a
 * prompt of at most `promptTokens`: the base prices and every tier that prompt could reach (a
 * vendor's count may land in a lower tier than the bound, and a lower tier is not always cheaper),
 * each input class (a cache write can cost more than plain input, a 1 h write twice as much) and
 * each output class.
 */
function worstRates(price: SalePrice, promptTokens: number): { input: number; output: number } {
  let input = 0;
  let output = 0;
  const consider = (tier: PriceTier | undefined) => {
    const prices = effectivePrices(price, tier);
    input = Math.max(
      input,
      prices.input,
      prices.cacheRead,
      prices.cacheWrite,
      prices.cacheWrite1h,
      prices.inputImage,
      prices.inputAudio,
    );
    output = Math.max(output, prices.output, prices.reasoning, prices.outputImage, prices.outputAudio);
  };
  consider(undefined);
  for (const tier of price.tiers ?? []) if (promptTokens > tier.aboveInputTokens) consider(tier);
  return { input, output };
}

/**
 * The most a request can cost: every prompt token at the dearest input rate, every output token at
 * the dearest output rate (worstRates), per-call prices (web searches: as many as the request
 * allows the vendor, `extras.webSearchCalls`); rounded up, and saturated at
 * Number.MAX_SAFE_INTEGER. `promptTokens` must be a bound of what the vendor can count
 * (prompt-bound.ts) and `maxOutputTokens` include `n` choices.
 */
export function worstCaseCost(
  promptTokens: number,
  maxOutputTokens: number,
  price: SalePrice,
  extras: WorstCaseExtras = {},
): number {
  assertKnown(price);
  const prompt = count(promptTokens);
  const output = count(maxOutputTokens);
  const rates = worstRates(price, prompt);
  const numerator = BigInt(prompt) * BigInt(rates.input) + BigInt(output) * BigInt(rates.output);
  const tokenUnits = Number((numerator + MILLION - 1n) / MILLION);
  const units =
    tokenUnits +
    (price.perRequest ?? 0) +
    (price.perImage ?? 0) * Math.max(1, count(extras.images)) +
    (price.perWebSearch ?? 0) * count(extras.webSearchCalls);
  // Beyond 2^53 units (9 billion dollars) no balance covers it: saturate, so the hold is refused
  // with a 402 like any other unaffordable request (max_tokens: 1e15 once gave a 500 here).
  return Number.isSafeInteger(units) ? units : Number.MAX_SAFE_INTEGER;
}

/**
 * The most output tokens (over all `choices`) whose worst case, with this prompt, fits in
 * `budget` units — the cap a request without max_tokens gets when its full worst case cannot be
 * held. 0 when not even the prompt fits; undefined when output is free (no cap would help).
 */
export function affordableOutputTokens(
  budget: number,
  promptTokens: number,
  price: SalePrice,
  choices = 1,
  webSearchCalls = 0,
): number | undefined {
  assertKnown(price);
  const prompt = count(promptTokens);
  const rates = worstRates(price, prompt);
  if (rates.output === 0) return undefined;
  const perCall = (price.perRequest ?? 0) + (price.perImage ?? 0) + (price.perWebSearch ?? 0) * count(webSearchCalls);
  const fixed = BigInt(perCall) * MILLION;
  // worstCaseCost rounds up, so budget × 1M ≥ prompt × in + out × outRate + fixed × 1M suffices.
  const room = BigInt(Math.max(0, Math.floor(budget))) * MILLION - BigInt(prompt) * BigInt(rates.input) - fixed;
  if (room <= 0n) return 0;
  const perChoice = room / (BigInt(rates.output) * BigInt(Math.max(1, choices)));
  return Number(perChoice > BigInt(Number.MAX_SAFE_INTEGER) ? BigInt(Number.MAX_SAFE_INTEGER) : perChoice);
}
