import type { OpenAICompatQuirks } from '../providers/openai/compat-quirks.js';
import type { ProviderId } from '../providers/provider.js';
import type { ModelKind } from '../routing/model-kind.js';

/** A vendor's name as people read it; English always, Simplified Chinese where it differs. */
export interface VendorDisplayName {
  en: string;
  zh?: string;
}

/**
 * Everything AIHub knows about one vendor, in one place: routing, pricing, the environment
 * variables that declare a channel, the channel test, the catalog import and the console all
 * read it from here. A new OpenAI-compatible vendor is one entry in builtin-vendors.ts.
 */
export interface VendorEntry {
  /**
   * The vendor's id: a channel's `type`, the vendor name in `vendor/model`, and the catalog's
   * provider name for its models. Lower case.
   */
  name: string;
  displayName: VendorDisplayName;
  /** The wire format spoken to it. */
  provider: ProviderId;
  /**
   * Base URL as the vendor's own SDK means it (OpenAI-style: ends in `/v1`; Anthropic and Gemini:
   * the host root). Null for a generic endpoint (`custom`): the operator gives the URL and the
   * models it serves.
   */
  defaultBaseUrl: string | null;
  /**
   * Declared from the environment with `PREFIX_API_KEY` (one key or a comma-separated pool),
   * `PREFIX_BASE_URL`, `PREFIX_MODELS` and `PREFIX_MODEL_MAPPING`. Absent: never from the
   * environment (`custom`).
   */
  env?: {
    prefix: string;
    /** Read for the key when `PREFIX_API_KEY` is unset (Gemini: `GOOGLE_API_KEY`). */
    keyAliases?: string[];
  };
  /**
   * Needs no API key (Ollama, custom): a channel may have none, and from the environment the
   * base URL alone declares it (no key variable is read).
   */
  keyOptional?: boolean;
  /** How an OpenAI-compatible vendor differs from OpenAI (only for `provider: 'openai'`). */
  quirks?: Omit<OpenAICompatQuirks, 'name'>;
  /**
   * Chat model ids the vendor names its models with, as `*` globs (case-insensitive): a channel
   * that lists no models serves these (besides the catalog's), and pricing recognises the vendor
   * of a bare id by them.
   */
  modelGlobs: string[];
  /** Ids of its other models (embeddings, images, audio, video): they only recognise the vendor. */
  otherModelGlobs?: string[];
  /**
   * The kinds of model AIHub serves through it (absent: `chat` and whatever else its globs
   * name). A channel of the vendor claims only the catalog's models of these kinds, and its
   * channel test asks for one of them: a rerank-only vendor (Cohere, Jina, whose chat and
   * embedding APIs AIHub does not speak) claims none of the catalog's chat models.
   */
  modelKinds?: readonly ModelKind[];
  /**
   * A cheap, fast model for the admin's channel test, of the vendor's first kind (a chat model,
   * or a rerank model for a rerank-only vendor). None: the catalog's first chat model (Ollama).
   */
  testModel?: string;
  /** Exact model ids the console offers to add with one click. */
  suggestedModels: string[];
  /** LiteLLM `litellm_provider` names whose price-list entries are this vendor's (catalog import). */
  litellmProviders?: string[];
  /** The console's tile: a one- or two-letter monogram on the hue (OKLCH) of the brand. */
  badge: { monogram: string; hue: number };
}
