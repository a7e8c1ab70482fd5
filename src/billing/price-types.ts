/**
 * Prices as billing uses them, after the catalog and the operator's rules have been applied.
 * All integers in units (1e-6 USD): token prices per 1M tokens, `perRequest`/`perImage`/`perWebSearch`/`perUnit` per item.
 * An absent field is unknown; when `known` is true, an absent token price means the model is
 * billed per call only and that token class costs nothing.
 */
export interface TokenPrices {
  /** Uncached input. */
  input?: number;
  /** Output text (and reasoning, unless `reasoning` is set). */
  output?: number;
  /** Input read from the prompt cache; defaults to `input` when absent. */
  cacheRead?: number;
  /** Input written to the prompt cache with the five-minute lifetime; defaults to `input` when absent. */
  cacheWrite?: number;
  /** Input written to the prompt cache with a one-hour lifetime (Anthropic); defaults to `cacheWrite`. */
  cacheWrite1h?: number;
  /** Reasoning output; defaults to `output` when absent. */
  reasoning?: number;
  /** Input image tokens (Usage.inputTokens.image: gpt-image edits); defaults to `input`. */
  inputImage?: number;
  /** Output image tokens (Usage.outputTokens.image: gpt-image, Gemini image models); defaults to `output`. */
  outputImage?: number;
  /** Input audio tokens (Usage.inputTokens.audio: gpt-4o-transcribe clips, audio prompts); defaults to `input`. */
  inputAudio?: number;
  /** Output audio tokens (Usage.outputTokens.audio: gpt-4o-mini-tts, Gemini TTS); defaults to `output`. */
  outputAudio?: number;
}

/** Every per-token price field: the one list the price book, its API and its schemas iterate. */
export const TOKEN_PRICE_FIELDS = [
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
export type TokenPriceField = (typeof TOKEN_PRICE_FIELDS)[number];

/** Prices that replace the base ones when a request's input exceeds `aboveInputTokens`. */
export interface PriceTier extends TokenPrices {
  aboveInputTokens: number;
}

export interface PriceSheet extends TokenPrices {
  perRequest?: number;
  /** Per generated image (image models). */
  perImage?: number;
  /** Per web search the vendor ran for the request (its server-run search tool), on top of tokens. */
  perWebSearch?: number;
  /**
   * Per unit of what is billed by the unit (units per ONE unit, by unit key: unit-prices.ts), e.g.
   * `{ "image:1024x1024:hd": 80000, "video_second": 100000, "character": 15, "mj:imagine": 50000 }`.
   */
  perUnit?: Readonly<Record<string, number>>;
  /** Long-context tiers, ascending by `aboveInputTokens`. */
  tiers?: PriceTier[];
  /** Whether the prices needed to bill this model are known. Never bill an unknown price as 0. */
  known: boolean;
}

export type SalePriceSource = 'official×multiplier' | 'fixed';

export interface SalePrice extends PriceSheet {
  source: SalePriceSource;
  /**
   * The combined multiplier applied, in parts per million (1.0 = 1,000,000): global × group ×
   * model for official prices, the group multiplier alone for a fixed price.
   */
  multiplierPpm: number;
  /** The catalog entry the price came from, when one was found. */
  catalogModel?: { provider: string; id: string };
}

/** What an operator may fix per model (units per 1M tokens, or per call/image). */
export interface FixedPrices extends TokenPrices {
  perRequest?: number;
  perImage?: number;
  perWebSearch?: number;
  perUnit?: Readonly<Record<string, number>>;
}

export const PPM = 1_000_000;
