/**
 * The built-in model catalog's own schema (file format and in-memory type).
 *
 * Money: every price is a non-negative safe integer in units of 1e-6 USD (DESIGN.md §4).
 *   - Per-quantity prices (tokens, characters, seconds) are units per 1M of that quantity:
 *     `input: 1_250_000` means $1.25 per 1M input tokens.
 *   - Per-item prices (`perImage`, `perInputImage`, `perRequest`, `perPage`) are units per item:
 *     `perImage: 40_000` means $0.04 per generated image.
 * A price field that is absent is unknown, never free; `0` means the source says it is free.
 *
 * In the JSON file, capability flags that are false are omitted; parsing fills them in.
 */
import { z } from 'zod';
import { perUnitSchema } from '../billing/unit-prices.js';

export const CATALOG_VERSION = 1 as const;

export const MODEL_MODES = ['chat', 'embedding', 'image', 'audio', 'rerank', 'moderation', 'other'] as const;
export type ModelMode = (typeof MODEL_MODES)[number];

/**
 * Set when a model is only reachable through one API other than Chat Completions:
 * `responses` (OpenAI Responses API only, e.g. o3-pro), `completions` (legacy text completions),
 * `realtime` (realtime/live audio sessions).
 */
export const MODEL_ENDPOINTS = ['responses', 'completions', 'realtime'] as const;
export type ModelEndpoint = (typeof MODEL_ENDPOINTS)[number];

export const CAPABILITY_NAMES = [
  'tools',
  'vision',
  'reasoning',
  'structuredOutput',
  'promptCaching',
  'pdf',
  'audioInput',
] as const;
export type CapabilityName = (typeof CAPABILITY_NAMES)[number];

/** Our provider names: lowercase letters, digits and hyphens (`openai`, `azure-ai`, `vertex`). */
export const PROVIDER_NAME = /^[a-z0-9][a-z0-9-]*$/;

const units = z.int().nonnegative();
const tokenCount = z.int().positive();

/** Token prices that can change above an input-length threshold. */
const tieredPriceShape = {
  /** Units per 1M uncached input tokens. */
  input: units.optional(),
  /** Units per 1M output tokens (text; reasoning too unless `reasoning` is set). */
  output: units.optional(),
  /** Units per 1M input tokens read from the prompt cache. */
  cacheRead: units.optional(),
  /** Units per 1M input tokens written to the prompt cache (Anthropic: 5-minute TTL). */
  cacheWrite: units.optional(),
  /** Units per 1M input tokens written to the prompt cache with a 1-hour TTL (Anthropic). */
  cacheWrite1h: units.optional(),
  /** Units per 1M reasoning tokens, only when the vendor prices them apart from `output`. */
  reasoning: units.optional(),
  /** Units per 1M input image tokens (image models priced by token, e.g. gpt-image-1). */
  inputImage: units.optional(),
  /** Units per 1M output image tokens. */
  outputImage: units.optional(),
  /** Units per 1M input audio tokens. */
  inputAudio: units.optional(),
  /** Units per 1M output audio tokens. */
  outputAudio: units.optional(),
};

export const catalogPriceTierSchema = z.strictObject({
  /**
   * When a request's input tokens exceed this many, the tier's prices apply to the whole request
   * (fields the tier leaves out keep the base price). Tiers are sorted by this threshold.
   */
  aboveInputTokens: tokenCount,
  ...tieredPriceShape,
});
export type CatalogPriceTier = z.output<typeof catalogPriceTierSchema>;

export const catalogPricesSchema = z.strictObject({
  ...tieredPriceShape,
  /** Units per 1M input characters (text-to-speech). */
  inputCharacters: units.optional(),
  /** Units per 1M seconds of input audio/video (transcription). */
  inputSeconds: units.optional(),
  /** Units per 1M seconds of generated audio/video. */
  outputSeconds: units.optional(),
  /** Units per generated image (one call may produce several). */
  perImage: units.optional(),
  /** Units per image sent as input (vendors that bill images per item). */
  perInputImage: units.optional(),
  /** Units per request or query (rerank, search-augmented calls). */
  perRequest: units.optional(),
  /** Units per document page (OCR). */
  perPage: units.optional(),
  /**
   * Units per web search the vendor runs for a request (Anthropic's `web_search` server tool,
   * OpenAI's Responses `web_search` tool, Gemini's grounding with Google Search), billed on top
   * of tokens. From LiteLLM's `search_context_cost_per_query.search_context_size_medium`.
   */
  perWebSearch: units.optional(),
  /**
   * Units per ONE unit of what is billed by the unit, by unit key (src/billing/unit-prices.ts):
   * images by size and quality, seconds of video by resolution, Midjourney actions. AIHub's own
   * defaults for media models (src/catalog/media-prices.ts) and operators' catalog overrides set it.
   */
  perUnit: perUnitSchema(units).optional(),
  /** Higher prices for long inputs, ascending by `aboveInputTokens`. */
  tiers: z.array(catalogPriceTierSchema).min(1).optional(),
});
export type CatalogPrices = z.output<typeof catalogPricesSchema>;
export type CatalogPriceField = Exclude<keyof CatalogPrices, 'tiers'>;

export const catalogCapabilitiesSchema = z.strictObject({
  /** Function/tool calling. */
  tools: z.boolean().default(false),
  /** Image input. */
  vision: z.boolean().default(false),
  /** Produces reasoning (thinking) output. */
  reasoning: z.boolean().default(false),
  /** JSON-schema constrained output (`response_format: json_schema`). */
  structuredOutput: z.boolean().default(false),
  /** Prompt caching (automatic or explicit). */
  promptCaching: z.boolean().default(false),
  /** PDF document input. */
  pdf: z.boolean().default(false),
  /** Audio input. */
  audioInput: z.boolean().default(false),
});
export type CatalogCapabilities = z.output<typeof catalogCapabilitiesSchema>;

export const catalogModelSchema = z
  .strictObject({
    /** Our provider name (`openai`, `gemini`, `ark`, `openrouter`...). The key is provider + id. */
    provider: z.string().regex(PROVIDER_NAME),
    /** The model id as a client names it to that provider (`gpt-4.1-mini`, `anthropic/claude-sonnet-4.5`). */
    id: z.string().min(1).max(256),
    mode: z.enum(MODEL_MODES),
    endpoint: z.enum(MODEL_ENDPOINTS).optional(),
    /** Maximum input tokens. */
    contextWindow: tokenCount.optional(),
    maxOutputTokens: tokenCount.optional(),
    capabilities: catalogCapabilitiesSchema,
    /**
     * Whether the prices needed to bill this model are known: for `chat`, both `input` and
     * `output`; for other modes, at least one price. Never assume 0 when this is false.
     */
    pricesKnown: z.boolean(),
    prices: catalogPricesSchema,
    /** ISO date (YYYY-MM-DD) after which the vendor retires the model. */
    deprecationDate: z.iso.date().optional(),
  })
  .superRefine((model, ctx) => {
    const p = model.prices;
    const hasAny = Object.keys(p).length > 0;
    if (model.pricesKnown && model.mode === 'chat' && (p.input === undefined || p.output === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'a chat model with pricesKnown needs input and output prices' });
    } else if (model.pricesKnown && !hasAny) {
      ctx.addIssue({ code: 'custom', message: 'pricesKnown is true but there are no prices' });
    }
    const tiers = p.tiers ?? [];
    for (let i = 1; i < tiers.length; i++) {
      if (tiers[i].aboveInputTokens <= tiers[i - 1].aboveInputTokens) {
        ctx.addIssue({
          code: 'custom',
          message: 'price tiers must ascend by aboveInputTokens',
          path: ['prices', 'tiers'],
        });
      }
    }
  });
export type CatalogModel = z.output<typeof catalogModelSchema>;
/** The form stored in the JSON file (false capability flags may be omitted). */
export type CatalogModelInput = z.input<typeof catalogModelSchema>;

export const catalogSourceSchema = z.strictObject({
  /** What the data was derived from. */
  name: z.string().min(1),
  url: z.url(),
  license: z.string().min(1),
  copyright: z.string().min(1),
  /** SHA-256 of the source file the generator read. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  /** How many entries the source file had. */
  entries: z.int().nonnegative(),
  /** The command that produced the file. */
  generator: z.string().min(1),
});
export type CatalogSource = z.output<typeof catalogSourceSchema>;

export const catalogFileSchema = z
  .strictObject({
    version: z.literal(CATALOG_VERSION),
    source: catalogSourceSchema,
    models: z.array(catalogModelSchema),
  })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.models.forEach((model, index) => {
      const key = `${model.provider}\u0000${model.id}`;
      if (seen.has(key)) {
        ctx.addIssue({
          code: 'custom',
          message: `duplicate model ${model.provider}/${model.id}`,
          path: ['models', index],
        });
      }
      seen.add(key);
    });
  });
export type CatalogFile = z.output<typeof catalogFileSchema>;
export type CatalogFileInput = z.input<typeof catalogFileSchema>;
