import type { Message } from './message.js';
import type { ServerTool, ToolChoice, ToolDefinition } from './tool.js';

export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: Record<string, unknown>; strict?: boolean; description?: string };

export type ReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

/**
 * What the client asked for about reasoning. Either an effort, an explicit token budget, or both
 * (the budget wins for vendors that take a budget). `undefined` means "vendor default".
 */
export interface ReasoningConfig {
  effort?: ReasoningEffort;
  budgetTokens?: number;
  /** Explicitly off (effort `none` or budget 0). */
  disabled?: boolean;
  /** Anthropic adaptive thinking (`thinking: {type: "adaptive"}`): the model decides how much to think. */
  adaptive?: boolean;
  /** Responses `reasoning.summary` (`auto`, `concise`, `detailed`): whether to show reasoning text. */
  summary?: string;
}

export type OutputModality = 'text' | 'image' | 'audio';

export interface ImageConfig {
  /** `1:1`, `16:9`, ... */
  aspectRatio?: string;
  /** `1K`, `2K`, `4K` (Gemini 3 image models). */
  imageSize?: string;
}

/** The canonical chat request every surface decodes into and every provider encodes from. */
export interface ChatRequest {
  /** The model id the upstream must be asked for (the router rewrites it to the channel's upstream name). */
  model: string;
  messages: Message[];
  tools?: ToolDefinition[];
  /** Tools the vendor runs itself; only a provider for that vendor may accept them. */
  serverTools?: ServerTool[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  responseFormat?: ResponseFormat;
  reasoning?: ReasoningConfig;
  /**
   * What the answer may contain (OpenAI/OpenRouter `modalities`, Gemini `responseModalities`);
   * undefined = the model's default. Image models answer with generated-image parts.
   */
  outputModalities?: OutputModality[];
  /** Settings of generated images (OpenRouter `image_config`, Gemini `imageConfig`). */
  imageConfig?: ImageConfig;

  temperature?: number;
  topP?: number;
  topK?: number;
  maxOutputTokens?: number;
  stop?: string[];
  seed?: number;
  /** Number of choices; undefined means 1. */
  n?: number;
  user?: string;
  /**
   * What keeps one conversation's prompt cache warm: Responses `prompt_cache_key`, Anthropic
   * `metadata.user_id`, an `x-session-id` header. Sent upstream where the vendor takes it
   * (OpenAI `prompt_cache_key`), and used by routing to keep the conversation on one channel key.
   */
  promptCacheKey?: string;
  frequencyPenalty?: number;
  presencePenalty?: number;
  logprobs?: boolean;
  topLogprobs?: number;
  logitBias?: Record<string, number>;
  /** OpenAI `metadata`, `store`, `service_tier`, `prediction`, `modalities`, `audio`, `web_search_options`... */
  metadata?: Record<string, string>;

  /**
   * Anthropic beta feature flags (the `anthropic-beta` header, comma-separated). The Anthropic
   * provider sends them on; other vendors have no such flags and ignore them.
   */
  anthropicBeta?: string[];

  /**
   * Models to try in order when `model` cannot serve the request (OpenRouter's `models`): each
   * tried once, after every channel of the one before failed for a reason another model may not
   * have (relay/model-fallback.ts). Never contains `model`; never sent upstream.
   */
  fallbackModels?: string[];
  /**
   * The caller named no model (OpenRouter lets a Chat Completions call leave it out): `model` is a
   * placeholder until the operator's default for the caller's key group replaces it
   * (routing/default-model.ts). Never sent upstream.
   */
  modelOmitted?: boolean;
  /**
   * A preset changed the request beyond its model (a system prompt, parameters): a same-vendor
   * call is then translated rather than passed through, so what the preset adds reaches the upstream.
   */
  rewritten?: boolean;
  /**
   * The caller's provider preferences (OpenRouter's `provider` object, and the `:floor` / `:nitro`
   * model suffixes): routing/provider-preferences.ts applies them. Never sent upstream.
   */
  providerPreferences?: ProviderPreferences;

  stream: boolean;
  /** `stream_options.include_usage`: send a final usage chunk on the stream. */
  includeUsage: boolean;

  /**
   * Fields the client sent that the IR does not model, kept verbatim so an OpenAI-compatible
   * upstream can still receive them (vendor extensions such as `enable_thinking`, `top_k`, `min_p`).
   * Providers with another wire format report them as dropped.
   */
  extraBody?: Record<string, unknown>;
  /**
   * Whose API the `extraBody` fields belong to, when not OpenAI's: an Anthropic or Gemini client's
   * fields are sent only to that vendor (their provider knows where each goes), never to an
   * OpenAI-compatible upstream, which would refuse or misread them.
   */
  extraBodyVendor?: 'anthropic' | 'gemini';

  /**
   * What the inbound surface itself left out because no upstream it translates to can honour it,
   * where leaving it out does not change the answer's meaning (Codex's default cached
   * `web_search` tool). Reported in `x-aihub-dropped-params` with the provider's own drops.
   */
  droppedParams?: string[];

  /**
   * What the inbound surface must repeat in its answer but no upstream ever receives (the
   * Responses API echoes `instructions`, `store`, `truncation`, `previous_response_id` and the
   * tools as sent). Written and read by that surface only; providers ignore it.
   */
  surfaceEcho?: Record<string, unknown>;
}

/** OpenRouter's provider routing, as AIHub applies it to its channels' vendors. */
export interface ProviderPreferences {
  /** Vendors to try first, in this order. */
  order?: string[];
  /** Only these vendors. */
  only?: string[];
  /** Never these vendors. */
  ignore?: string[];
  /** false: with `order`, no vendor outside it. Default true. */
  allowFallbacks?: boolean;
  sort?: 'price' | 'latency' | 'throughput';
  /** USD per 1M tokens: no route whose price for the caller is above. */
  maxPrice?: { prompt?: number; completion?: number };
  /** Only routes whose vendor takes every parameter of the request (none dropped). */
  requireParameters?: boolean;
}
