/**
 * Converts LiteLLM's `model_prices_and_context_window.json` (BerriAI/litellm, MIT licence) into
 * our catalog schema. Pure: the caller reads the file and writes the result
 * (`scripts/build-catalog.ts`).
 *
 * What it decides, in order:
 *  1. Provider: LiteLLM's `litellm_provider` maps to our provider name (`PROVIDER_MAP`); providers
 *     that are not pay-per-use API vendors (subscriptions, retired APIs, web-search tools, local
 *     runtimes other than Ollama) are skipped (`SKIPPED_PROVIDERS`), and unknown ones are reported.
 *  2. Id: the LiteLLM routing prefix (`gemini/`, `vertex_ai/`, `openrouter/`...) is stripped so the
 *     id is the vendor's native one. Region, deployment-type, commitment and image-size variants,
 *     fine-tune placeholders and pricing buckets are skipped.
 *  3. Duplicates (same provider + id from two LiteLLM keys) keep the entry that carries the most
 *     facts, preferring the provider-prefixed key on ties.
 *  4. Prices: USD per token → integer units per 1M tokens by exact decimal arithmetic.
 */

import { builtinVendors } from '../vendors/vendor-registry.js';
import { isClaudeModel, oneHourCacheWritePrice } from './anthropic-cache-write-price.js';
import {
  CATALOG_VERSION,
  type CatalogCapabilities,
  type CatalogFileInput,
  type CatalogModelInput,
  type CatalogPrices,
  type CatalogPriceTier,
  type CatalogSource,
  type ModelEndpoint,
  type ModelMode,
} from './catalog-schema.js';
import { usdPerTokenToUnitsPerMillion, usdToUnits } from './decimal-units.js';

/** LiteLLM provider name → ours, and which key prefixes to strip (default: `<litellm name>/`). */
interface ProviderRule {
  provider: string;
  prefixes?: string[];
}

const rule = (provider: string, ...prefixes: string[]): ProviderRule =>
  prefixes.length > 0 ? { provider, prefixes } : { provider };

/**
 * The vendors AIHub configures (DESIGN.md §4) come from the vendor registry: each entry names the
 * LiteLLM providers that are its own (`zai` → zhipu, `volcengine` → ark), and their key prefixes
 * (`<name>/`) are stripped.
 */
function registryRules(): Record<string, ProviderRule> {
  const rules: Record<string, ProviderRule> = {};
  for (const vendor of builtinVendors.vendors) {
    const names = vendor.litellmProviders ?? [];
    for (const name of names) rules[name] = rule(vendor.name, ...names.map((litellmName) => `${litellmName}/`));
  }
  return rules;
}

export const PROVIDER_MAP: Readonly<Record<string, ProviderRule>> = {
  ...registryRules(),
  // clouds
  vertex_ai: rule('vertex', 'vertex_ai/'), // plus every `vertex_ai-*` family, see mapProvider()
  azure: rule('azure', 'azure/'),
  azure_text: rule('azure', 'azure/'),
  azure_ai: rule('azure-ai', 'azure_ai/'),
  bedrock: rule('bedrock', 'bedrock/'),
  bedrock_converse: rule('bedrock', 'bedrock/', 'bedrock_converse/'),
  bedrock_mantle: rule('bedrock', 'bedrock_mantle/'),
  oci: rule('oci'),
  databricks: rule('databricks'),
  snowflake: rule('snowflake'),
  watsonx: rule('watsonx'),
  cloudflare: rule('cloudflare'),
  // model vendors
  cohere: rule('cohere', 'cohere/'),
  cohere_chat: rule('cohere', 'cohere/', 'cohere_chat/'),
  ai21: rule('ai21'),
  minimax: rule('minimax'),
  perplexity: rule('perplexity'),
  amazon_nova: rule('amazon-nova', 'amazon-nova/', 'amazon_nova/'),
  meta_llama: rule('meta', 'meta_llama/'),
  meta: rule('meta'),
  inception: rule('inception'),
  'text-completion-inception': rule('inception', 'text-completion-inception/'),
  voyage: rule('voyage'),
  jina_ai: rule('jina', 'jina_ai/'),
  sarvam: rule('sarvam'),
  gigachat: rule('gigachat'),
  tencent: rule('tencent'),
  v0: rule('v0'),
  morph: rule('morph'),
  // inference hosts and gateways
  together_ai: rule('together', 'together_ai/'),
  fireworks_ai: rule('fireworks', 'fireworks_ai/'),
  'fireworks_ai-embedding-models': rule('fireworks', 'fireworks_ai/'),
  cerebras: rule('cerebras'),
  deepinfra: rule('deepinfra'),
  replicate: rule('replicate'),
  novita: rule('novita'),
  nebius: rule('nebius'),
  sambanova: rule('sambanova'),
  hyperbolic: rule('hyperbolic'),
  nscale: rule('nscale'),
  lambda_ai: rule('lambda', 'lambda_ai/'),
  baseten: rule('baseten'),
  crusoe: rule('crusoe'),
  gmi: rule('gmi'),
  scaleway: rule('scaleway'),
  ovhcloud: rule('ovhcloud'),
  wandb: rule('wandb'),
  featherless_ai: rule('featherless', 'featherless_ai/'),
  friendliai: rule('friendliai'),
  nvidia_nim: rule('nvidia', 'nvidia_nim/'),
  gradient_ai: rule('gradient', 'gradient_ai/'),
  aiml: rule('aiml'),
  heroku: rule('heroku'),
  nlp_cloud: rule('nlp-cloud', 'nlp_cloud/'),
  vercel_ai_gateway: rule('vercel', 'vercel_ai_gateway/'),
  publicai: rule('publicai'),
  llamagate: rule('llamagate'),
  libertai: rule('libertai'),
  tensormesh: rule('tensormesh'),
  pinstripes: rule('pinstripes'),
  darkbloom: rule('darkbloom'),
  // media: speech, transcription, images, video, documents
  deepgram: rule('deepgram'),
  elevenlabs: rule('elevenlabs'),
  assemblyai: rule('assemblyai'),
  soniox: rule('soniox'),
  aws_polly: rule('polly', 'aws_polly/'),
  stability: rule('stability'),
  black_forest_labs: rule('bfl', 'black_forest_labs/'),
  fal_ai: rule('fal', 'fal_ai/'),
  recraft: rule('recraft'),
  runwayml: rule('runway', 'runwayml/'),
  reducto: rule('reducto'),
};

/** LiteLLM providers we do not carry, and why. */
export const SKIPPED_PROVIDERS: Readonly<Record<string, string>> = {
  chatgpt: 'ChatGPT subscription login, not a pay-per-use API',
  github_copilot: 'GitHub Copilot subscription, not a pay-per-use API',
  palm: 'PaLM API, retired by Google',
  anyscale: 'Anyscale Endpoints, retired',
  sagemaker: 'self-deployed endpoints billed per instance; prices are placeholders',
  lemonade: 'local runtime (Ollama is our local runtime)',
  codestral: 'codestral.mistral.ai subscription endpoint; the same ids are listed under mistral/',
  'text-completion-codestral': 'codestral.mistral.ai FIM endpoint; the same ids are listed under mistral/',
  apiserpent: 'web search tool',
  dataforseo: 'web search tool',
  duckduckgo: 'web search tool',
  exa_ai: 'web search tool',
  firecrawl: 'web search tool',
  google_pse: 'web search tool',
  linkup: 'web search tool',
  parallel_ai: 'web search tool',
  searxng: 'web search tool',
  serper: 'web search tool',
  tavily: 'web search tool',
  tinyfish: 'web search tool',
  you_com: 'web search tool',
};

export function mapProvider(litellmProvider: string): ProviderRule | undefined {
  if (Object.hasOwn(PROVIDER_MAP, litellmProvider)) return PROVIDER_MAP[litellmProvider];
  if (litellmProvider.startsWith('vertex_ai-')) return PROVIDER_MAP.vertex_ai;
  return undefined;
}

/** LiteLLM mode → ours. `undefined`: not a model (search tools, vector stores). */
const MODE_MAP: Readonly<Record<string, { mode: ModelMode; endpoint?: ModelEndpoint }>> = {
  chat: { mode: 'chat' },
  responses: { mode: 'chat', endpoint: 'responses' },
  completion: { mode: 'chat', endpoint: 'completions' },
  realtime: { mode: 'audio', endpoint: 'realtime' },
  embedding: { mode: 'embedding' },
  image_generation: { mode: 'image' },
  image_edit: { mode: 'image' },
  audio_transcription: { mode: 'audio' },
  audio_speech: { mode: 'audio' },
  rerank: { mode: 'rerank' },
  moderation: { mode: 'moderation' },
  ocr: { mode: 'other' },
  video_generation: { mode: 'other' },
};

/**
 * Entries whose zero prices are placeholders for "not published", not "free": treated as unknown.
 * Everything else that says 0 is taken at its word (Ollama, free tiers such as glm-4.5-flash).
 */
const PLACEHOLDER_ZERO_PROVIDERS: ReadonlySet<string> = new Set([
  'ark', // Volcengine lists its third-party models at 0; Ark bills them
  'gigachat', // priced in RUB packages, not per token
]);
const PLACEHOLDER_ZERO_KEYS: ReadonlySet<string> = new Set([
  'anthropic.claude-mythos-preview', // Bedrock preview listed at 0
  'openrouter/openrouter/auto', // billed at the price of whichever model it routes to
]);

/** Bedrock cross-region inference-profile prefixes (`us.anthropic.claude-...`). */
const BEDROCK_GEO = /^(?:us|eu|apac|ap|jp|au|ca|global|us-gov)\./;
/** Bedrock region paths (`us-east-1/`), commitment tiers and invoke-only aliases. */
const BEDROCK_VARIANT = /^(?:[a-z]{2}(?:-gov)?-[a-z]+-\d+\/|\*\/|invoke\/)|-commitment\//;
/** Azure deployment types priced apart (`eu/`, `us/`, `global/`, `global-standard/`). */
const AZURE_VARIANT = /^(?:eu|us|global|global-standard)\//;
/** Image size / quality / step variants (`1024-x-1024/`, `max-x-max/`). */
const SIZE_SEGMENT = /^(?:\d+|max)-x-(?:\d+|max)$/;
/** Size-band pricing buckets, not models (`fireworks-ai-up-to-4b`, `together-ai-21.1b-41b`). */
const PRICING_BUCKET = /^(?:fireworks-ai|together-ai)-/;

export type SkipReason =
  | 'not-a-model'
  | 'skipped-provider'
  | 'unknown-provider'
  | 'not-a-model-mode'
  | 'fine-tune-placeholder'
  | 'pricing-bucket'
  | 'size-variant'
  | 'region-variant'
  | 'duplicate';

export type IdResult = { id: string } | { skip: SkipReason };

/** The vendor-native id for a LiteLLM key, or why the entry is skipped. */
export function nativeId(key: string, litellmProvider: string, provider: string): IdResult {
  if (key.startsWith('ft:')) return { skip: 'fine-tune-placeholder' };
  if (PRICING_BUCKET.test(key)) return { skip: 'pricing-bucket' };
  if (key.split('/').some((segment) => SIZE_SEGMENT.test(segment))) return { skip: 'size-variant' };

  const prefixes = mapProvider(litellmProvider)?.prefixes ?? [`${litellmProvider}/`];
  let id = key;
  const prefix = prefixes.find((p) => id.startsWith(p));
  if (prefix) id = id.slice(prefix.length);

  if (provider === 'bedrock' && BEDROCK_VARIANT.test(id)) return { skip: 'region-variant' };
  if (provider === 'azure' && AZURE_VARIANT.test(id)) return { skip: 'region-variant' };
  if (provider === 'azure-ai' && id.startsWith('global/')) return { skip: 'region-variant' };
  if ((provider === 'openai' || provider === 'azure') && id === 'container') return { skip: 'not-a-model' };
  if (id === '' || id.endsWith('/')) return { skip: 'not-a-model' };
  return { id };
}

type Entry = Record<string, unknown>;

const isObject = (value: unknown): value is Entry =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const positiveInt = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : undefined;

/** Collects conversion notes (inexact prices) while converting. */
interface Notes {
  inexact: string[];
  /** Prices derived by a documented rule where the data had none, or had one contradicting it. */
  derived: string[];
}

function tokenPrice(value: unknown, where: string, notes: Notes): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  const { value: units, exact } = usdPerTokenToUnitsPerMillion(value);
  if (!exact) notes.inexact.push(where);
  return units;
}

function itemPrice(value: unknown, where: string, notes: Notes): number | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return undefined;
  const { value: units, exact } = usdToUnits(value);
  if (!exact) notes.inexact.push(where);
  return units;
}

/**
 * USD per web search the vendor runs (its server-run search tool), from LiteLLM's
 * `search_context_cost_per_query`. Its `search_context_size_*` keys are OpenAI's search context
 * sizes; the medium one is OpenAI's default, and the other vendors list the same figure under
 * every size. What LiteLLM lists matches the vendors' pages: Anthropic "$10 per 1,000 searches"
 * (0.01), Gemini 2.x "$35 / 1,000 grounded prompts" (0.035), Gemini 3 "$14 / 1,000 search
 * queries" (0.014), OpenAI's search-preview models per tool call. A model LiteLLM lists no figure
 * for gets none: its searches cost 0 unless the operator prices them (catalog override, fixed price).
 */
function webSearchPrice(entry: Entry, where: string, notes: Notes): number | undefined {
  const bySize = entry.search_context_cost_per_query;
  if (!isObject(bySize)) return undefined;
  return itemPrice(bySize.search_context_size_medium, `${where}.search_context_cost_per_query`, notes);
}

type TierField = Exclude<keyof CatalogPriceTier, 'aboveInputTokens'>;

/** LiteLLM base field for each token price that can be tiered. */
const TIER_SOURCES: ReadonlyArray<[TierField, string]> = [
  ['input', 'input_cost_per_token'],
  ['output', 'output_cost_per_token'],
  ['cacheRead', 'cache_read_input_token_cost'],
  ['cacheWrite', 'cache_creation_input_token_cost'],
  ['cacheWrite1h', 'cache_creation_input_token_cost_above_1hr'],
  ['reasoning', 'output_cost_per_reasoning_token'],
];

const ABOVE = /^(.*)_above_(\d+)k_tokens$/;

/** Extracts our prices from one LiteLLM entry. */
export function convertPrices(entry: Entry, litellmMode: string, where: string, notes: Notes): CatalogPrices {
  const p: CatalogPrices = {};
  const tok = (field: string) => tokenPrice(entry[field], `${where}.${field}`, notes);
  const item = (field: string) => itemPrice(entry[field], `${where}.${field}`, notes);

  // A tiered_pricing table (Dashscope, Volcengine) gives the base price as its first band.
  const bands = Array.isArray(entry.tiered_pricing)
    ? entry.tiered_pricing.filter(
        (band): band is Entry & { range: [number, number] } =>
          isObject(band) && Array.isArray(band.range) && typeof band.range[0] === 'number',
      )
    : [];
  bands.sort((a, b) => a.range[0] - b.range[0]);
  const base: Entry = bands.length > 0 && bands[0].range[0] === 0 ? { ...bands[0], ...entry } : entry;
  const baseTok = (field: string) => tokenPrice(base[field], `${where}.${field}`, notes);

  p.input = baseTok('input_cost_per_token');
  p.output = baseTok('output_cost_per_token');
  p.cacheRead = baseTok('cache_read_input_token_cost') ?? tok('input_cost_per_token_cache_hit');
  p.cacheWrite = tok('cache_creation_input_token_cost');
  p.cacheWrite1h = tok('cache_creation_input_token_cost_above_1hr');
  const claude = isClaudeModel(where);
  if (claude) {
    const listed = p.cacheWrite1h;
    p.cacheWrite1h = oneHourCacheWritePrice(p);
    if (p.cacheWrite1h !== listed) notes.derived.push(`${where}.cacheWrite1h`);
  }
  const reasoning = baseTok('output_cost_per_reasoning_token');
  if (reasoning !== undefined && reasoning !== p.output) p.reasoning = reasoning;
  p.inputAudio = tok('input_cost_per_audio_token');
  p.outputAudio = tok('output_cost_per_audio_token');
  p.inputImage = tok('input_cost_per_image_token');
  p.outputImage = tok('output_cost_per_image_token');
  p.inputCharacters = tok('input_cost_per_character');
  p.inputSeconds = tok('input_cost_per_second') ?? tok('input_cost_per_audio_per_second');
  if (litellmMode === 'video_generation') {
    p.outputSeconds = tok('output_cost_per_second') ?? tok('output_cost_per_video_per_second');
  }
  const imageMode = litellmMode === 'image_generation' || litellmMode === 'image_edit';
  p.perImage = item('output_cost_per_image') ?? (imageMode ? item('input_cost_per_image') : undefined);
  if (!imageMode) p.perInputImage = item('input_cost_per_image');
  p.perRequest = item('input_cost_per_request') ?? item('input_cost_per_query');
  p.perPage = item('ocr_cost_per_page');
  p.perWebSearch = webSearchPrice(entry, where, notes);

  // Long-context tiers: `<field>_above_<N>k_tokens` and the later bands of tiered_pricing.
  const tiers = new Map<number, CatalogPriceTier>();
  const tierAt = (above: number) => {
    let tier = tiers.get(above);
    if (!tier) {
      tier = { aboveInputTokens: above };
      tiers.set(above, tier);
    }
    return tier;
  };
  for (const [field, value] of Object.entries(entry)) {
    const match = ABOVE.exec(field);
    if (!match) continue;
    const target = TIER_SOURCES.find(([, source]) => source === match[1]);
    if (!target) continue;
    const units = tokenPrice(value, `${where}.${field}`, notes);
    if (units !== undefined) tierAt(Number(match[2]) * 1000)[target[0]] = units;
  }
  for (const band of bands) {
    if (band.range[0] === 0) continue;
    const tier = tierAt(band.range[0]);
    for (const [target, source] of TIER_SOURCES) {
      const units = tokenPrice(band[source], `${where}.tiered_pricing.${source}`, notes);
      if (units !== undefined) tier[target] = units;
    }
  }
  const kept: CatalogPriceTier[] = [];
  for (const tier of [...tiers.values()].sort((a, b) => a.aboveInputTokens - b.aboveInputTokens)) {
    if (claude) {
      // The tier's own input and 5 m write decide its 1 h price (the base one would undercharge).
      const listed = tier.cacheWrite1h;
      const derived = oneHourCacheWritePrice({
        input: tier.input ?? p.input,
        cacheWrite: tier.cacheWrite ?? p.cacheWrite,
        cacheWrite1h: tier.cacheWrite1h ?? p.cacheWrite1h,
      });
      if (derived !== undefined) tier.cacheWrite1h = derived;
      if (tier.cacheWrite1h !== listed && tier.cacheWrite1h !== p.cacheWrite1h) {
        notes.derived.push(`${where}.tiers.${tier.aboveInputTokens}.cacheWrite1h`);
      }
    }
    // drop fields equal to the base price, and a reasoning price equal to the tier's output
    const outputHere = tier.output ?? p.output;
    if (tier.reasoning !== undefined && outputHere !== undefined && tier.reasoning === outputHere)
      delete tier.reasoning;
    for (const [target] of TIER_SOURCES) {
      if (tier[target] !== undefined && tier[target] === p[target]) delete tier[target];
    }
    if (Object.keys(tier).length === 1) continue;
    // fixed key order, so the output does not depend on the source's key order
    const ordered: CatalogPriceTier = { aboveInputTokens: tier.aboveInputTokens };
    for (const [target] of TIER_SOURCES) {
      if (tier[target] !== undefined) ordered[target] = tier[target];
    }
    kept.push(ordered);
  }
  if (kept.length > 0) p.tiers = kept;

  for (const key of Object.keys(p) as (keyof CatalogPrices)[]) {
    if (p[key] === undefined) delete p[key];
  }
  return p;
}

function convertCapabilities(entry: Entry): Partial<CatalogCapabilities> {
  const modalities = Array.isArray(entry.supported_modalities) ? entry.supported_modalities : [];
  const caps: Partial<CatalogCapabilities> = {
    tools: entry.supports_function_calling === true,
    vision: entry.supports_vision === true || modalities.includes('image'),
    reasoning: entry.supports_reasoning === true,
    structuredOutput: entry.supports_response_schema === true || entry.supports_native_structured_output === true,
    promptCaching: entry.supports_prompt_caching === true,
    pdf: entry.supports_pdf_input === true,
    audioInput: entry.supports_audio_input === true || modalities.includes('audio'),
  };
  // the file keeps only the true flags; parsing defaults the rest to false
  for (const key of Object.keys(caps) as (keyof CatalogCapabilities)[]) {
    if (!caps[key]) delete caps[key];
  }
  return caps;
}

const PRICE_FIELDS_FOR_ZERO_CHECK: ReadonlyArray<keyof CatalogPrices> = [
  'input',
  'output',
  'cacheRead',
  'cacheWrite',
  'cacheWrite1h',
  'reasoning',
];

function pricesAreKnown(mode: ModelMode, prices: CatalogPrices): boolean {
  if (mode === 'chat') return prices.input !== undefined && prices.output !== undefined;
  return Object.keys(prices).length > 0;
}

/** One converted model plus facts used to pick between duplicates. */
interface Candidate {
  key: string;
  model: CatalogModelInput;
  prefixed: boolean;
  facts: number;
}

function convertEntry(key: string, entry: Entry, notes: Notes): Candidate | SkipReason {
  const litellmProvider = entry.litellm_provider;
  if (typeof litellmProvider !== 'string') return 'not-a-model';
  if (Object.hasOwn(SKIPPED_PROVIDERS, litellmProvider)) return 'skipped-provider';
  const providerRule = mapProvider(litellmProvider);
  if (!providerRule) return 'unknown-provider';
  const provider = providerRule.provider;
  const idResult = nativeId(key, litellmProvider, provider);
  if ('skip' in idResult) return idResult.skip;
  const modeRule =
    typeof entry.mode === 'string' && Object.hasOwn(MODE_MAP, entry.mode) ? MODE_MAP[entry.mode] : undefined;
  if (!modeRule) return 'not-a-model-mode';

  const prices = convertPrices(entry, entry.mode as string, key, notes);
  if (PLACEHOLDER_ZERO_PROVIDERS.has(provider) || PLACEHOLDER_ZERO_KEYS.has(key)) {
    const tokenPrices = PRICE_FIELDS_FOR_ZERO_CHECK.filter((f) => prices[f] !== undefined);
    if (tokenPrices.length > 0 && tokenPrices.every((f) => prices[f] === 0)) {
      for (const f of tokenPrices) delete prices[f];
    }
  }

  const contextWindow = positiveInt(entry.max_input_tokens);
  let maxOutputTokens = positiveInt(entry.max_output_tokens);
  const legacyMax = positiveInt(entry.max_tokens);
  // `max_tokens` is LiteLLM's legacy field: the output limit when it differs from the input limit
  if (maxOutputTokens === undefined && legacyMax !== undefined && contextWindow !== undefined) {
    if (legacyMax < contextWindow) maxOutputTokens = legacyMax;
  }
  const deprecation =
    typeof entry.deprecation_date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(entry.deprecation_date)
      ? entry.deprecation_date
      : undefined;

  const model: CatalogModelInput = {
    provider,
    id: idResult.id,
    mode: modeRule.mode,
    ...(modeRule.endpoint ? { endpoint: modeRule.endpoint } : {}),
    ...(contextWindow !== undefined ? { contextWindow } : {}),
    ...(maxOutputTokens !== undefined ? { maxOutputTokens } : {}),
    capabilities: convertCapabilities(entry),
    pricesKnown: pricesAreKnown(modeRule.mode, prices),
    prices,
    ...(deprecation ? { deprecationDate: deprecation } : {}),
  };
  return {
    key,
    model,
    prefixed: idResult.id !== key,
    facts: Object.keys(entry).length + Object.keys(prices).length,
  };
}

/**
 * Keys that win a duplicate conflict whatever the generic rule says, because their facts are the
 * current ones (checked against the model they alias).
 */
const PREFERRED_KEYS: ReadonlySet<string> = new Set([
  'gemini-flash-latest', // cache read $0.03/1M like gemini/gemini-2.5-flash; gemini/ copy has the old $0.075
  'gemini-flash-lite-latest', // cache read $0.01/1M like gemini/gemini-2.5-flash-lite
]);

/**
 * Picks one entry when two LiteLLM keys give the same provider + id: an explicitly preferred key,
 * then known prices (so an entry never becomes free by accident), then one reachable through Chat
 * Completions, then the entry with more facts, then the provider-prefixed key.
 */
function better(a: Candidate, b: Candidate): Candidate {
  if (PREFERRED_KEYS.has(a.key) !== PREFERRED_KEYS.has(b.key)) return PREFERRED_KEYS.has(a.key) ? a : b;
  if (a.model.pricesKnown !== b.model.pricesKnown) return a.model.pricesKnown ? a : b;
  if (a.model.endpoint !== b.model.endpoint) return a.model.endpoint === undefined ? a : b;
  if (a.facts !== b.facts) return a.facts > b.facts ? a : b;
  if (a.prefixed !== b.prefixed) return a.prefixed ? a : b;
  return a.key < b.key ? a : b;
}

export interface ImportReport {
  entries: number;
  models: number;
  providers: Record<string, number>;
  skipped: Record<SkipReason, number>;
  unknownProviders: string[];
  /** Source keys dropped as duplicates, with the key that was kept. */
  duplicates: Array<{ dropped: string; kept: string }>;
  /** Prices that were not a whole number of units and were rounded half-up. */
  inexactPrices: string[];
  /** Prices derived by a documented rule (anthropic-cache-write-price.ts), `key.field`. */
  derivedPrices: string[];
}

const compareModels = (a: CatalogModelInput, b: CatalogModelInput) =>
  a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export function convertLitellm(
  data: unknown,
  source: Omit<CatalogSource, 'entries'>,
): { catalog: CatalogFileInput; report: ImportReport } {
  if (!isObject(data)) throw new TypeError('LiteLLM data must be a JSON object');
  const notes: Notes = { inexact: [], derived: [] };
  const skipped = {} as Record<SkipReason, number>;
  const skip = (reason: SkipReason) => {
    skipped[reason] = (skipped[reason] ?? 0) + 1;
  };
  const unknownProviders = new Set<string>();
  const chosen = new Map<string, Candidate>();
  const duplicates: ImportReport['duplicates'] = [];
  const geoVariants: Candidate[] = [];
  let entries = 0;

  for (const [key, entry] of Object.entries(data)) {
    if (key === 'sample_spec' || !isObject(entry) || typeof entry.litellm_provider !== 'string') {
      skip('not-a-model');
      continue;
    }
    entries++;
    const result = convertEntry(key, entry, notes);
    if (typeof result === 'string') {
      if (result === 'unknown-provider') unknownProviders.add(entry.litellm_provider);
      skip(result);
      continue;
    }
    if (result.model.provider === 'bedrock' && BEDROCK_GEO.test(result.model.id)) {
      geoVariants.push(result);
      continue;
    }
    const mapKey = `${result.model.provider}\u0000${result.model.id}`;
    const existing = chosen.get(mapKey);
    if (!existing) {
      chosen.set(mapKey, result);
      continue;
    }
    const keep = better(existing, result);
    const drop = keep === existing ? result : existing;
    chosen.set(mapKey, keep);
    duplicates.push({ dropped: drop.key, kept: keep.key });
    skip('duplicate');
  }

  // A cross-region Bedrock profile (`us.anthropic.claude-...`) is a duplicate of its base model;
  // profiles with no base model (`us.amazon.nova-premier-v1:0`) are the only way to call it, so stay.
  for (const candidate of geoVariants) {
    const baseId = candidate.model.id.replace(BEDROCK_GEO, '');
    const baseKey = `bedrock\u0000${baseId}`;
    const mapKey = `bedrock\u0000${candidate.model.id}`;
    if (chosen.has(baseKey)) {
      skip('region-variant');
      continue;
    }
    const existing = chosen.get(mapKey);
    if (existing) {
      const keep = better(existing, candidate);
      duplicates.push({ dropped: keep === existing ? candidate.key : existing.key, kept: keep.key });
      chosen.set(mapKey, keep);
      skip('duplicate');
    } else {
      chosen.set(mapKey, candidate);
    }
  }

  const models = [...chosen.values()].map((c) => c.model).sort(compareModels);
  const providers: Record<string, number> = {};
  for (const model of models) providers[model.provider] = (providers[model.provider] ?? 0) + 1;

  return {
    catalog: { version: CATALOG_VERSION, source: { ...source, entries }, models },
    report: {
      entries,
      models: models.length,
      providers,
      skipped,
      unknownProviders: [...unknownProviders].sort(),
      duplicates,
      inexactPrices: notes.inexact,
      derivedPrices: notes.derived,
    },
  };
}

/**
 * Serializes a catalog deterministically: fixed key order (as built), models sorted by provider
 * then id, one model per line.
 */
export function serializeCatalog(catalog: CatalogFileInput): string {
  const models = [...catalog.models].sort(compareModels).map((model) => `    ${JSON.stringify(model)}`);
  return [
    '{',
    `  "version": ${JSON.stringify(catalog.version)},`,
    `  "source": ${JSON.stringify(catalog.source)},`,
    '  "models": [',
    models.join(',\n'),
    '  ]',
    '}',
    '',
  ].join('\n');
}
