/**
 * The models a caller can use, for pickers: what `/v1/models` routes (id + vendor), joined with
 * the catalog of `GET /api/models` (context window, capabilities, the caller's sale price). Pure
 * functions: the data fetching lives with each page (the playground reads /v1/models with its
 * credential).
 */
import type { CatalogModel, ModelPrices } from '../../lib/types';

export { type PriceLine, priceLine } from '../../lib/unit-price';

/** Per 1M tokens in units (1e-6 USD), as `/api/models` sends them. */
export type PickerPrice = ModelPrices;

/** One entry of `GET /api/models` `data`. */
export type CatalogEntry = CatalogModel;

/** One entry of `GET /v1/models` `data`. */
export interface RoutableModel {
  id: string;
  owned_by?: string;
  /** What the model does (`chat`, `embedding`, `image`...); absent from older servers: chat. */
  kind?: string;
}

/** The models a chat picker offers: chat models only (an embedding model cannot answer a chat). */
export function chatModels(routable: readonly RoutableModel[]): RoutableModel[] {
  return routable.filter((model) => (model.kind ?? 'chat') === 'chat');
}

export type Capability = 'vision' | 'reasoning' | 'tools';
export const PICKER_CAPABILITIES: readonly Capability[] = ['vision', 'reasoning', 'tools'];

export interface PickerModel {
  id: string;
  /** The vendor that serves it (`owned_by`), else the catalog's provider. */
  provider: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  capabilities: Partial<Record<Capability | string, boolean>>;
  /** False when the catalog has no price: metered callers are refused (403 model_price_unknown). */
  pricesKnown: boolean;
  /** The caller's sale price, when known. */
  price: PickerPrice | null;
  /** The model is reachable through another API than Chat Completions only (`responses`, `realtime`...). */
  endpoint?: string;
  deprecationDate?: string;
  /** Found in the catalog at all (unknown models have no limits, capabilities or price). */
  inCatalog: boolean;
}

/**
 * Every routable model with its catalog entry (the vendor's own entry first, then any entry of
 * that id with a price), sorted by provider then id.
 */
export function joinModels(routable: readonly RoutableModel[], catalog: readonly CatalogEntry[]): PickerModel[] {
  const byId = new Map<string, CatalogEntry[]>();
  for (const entry of catalog) {
    const list = byId.get(entry.id);
    if (list) list.push(entry);
    else byId.set(entry.id, [entry]);
  }
  const seen = new Set<string>();
  const out: PickerModel[] = [];
  for (const model of routable) {
    if (seen.has(model.id)) continue;
    seen.add(model.id);
    const entries = byId.get(model.id) ?? [];
    const entry =
      entries.find((candidate) => candidate.provider === model.owned_by) ??
      entries.find((candidate) => candidate.pricesKnown) ??
      entries[0];
    out.push({
      id: model.id,
      provider: model.owned_by || entry?.provider || 'unknown',
      contextWindow: entry?.contextWindow,
      maxOutputTokens: entry?.maxOutputTokens,
      capabilities: entry?.capabilities ?? {},
      pricesKnown: entry?.pricesKnown ?? false,
      price: entry?.sale ?? null,
      endpoint: entry?.endpoint,
      deprecationDate: entry?.deprecationDate,
      inCatalog: Boolean(entry),
    });
  }
  return out.sort((a, b) => a.provider.localeCompare(b.provider) || a.id.localeCompare(b.id));
}

/**
 * The vendor whose mark stands for a model wherever it is shown (picker, replies while streaming
 * and after, compare columns): the catalog vendor of the model as listed, never the upstream that
 * happened to answer, so one model has one mark. `?` while the list is loading or the model left it.
 */
export function markProviderOf(models: readonly PickerModel[] | undefined, modelId: string | null): string {
  return (modelId ? models?.find((model) => model.id === modelId)?.provider : undefined) ?? '?';
}

export interface ModelFilter {
  query: string;
  provider: string | null;
  capabilities: readonly Capability[];
}

/** Models matching every word of the query (in id or provider), the provider and every capability. */
export function filterModels(models: readonly PickerModel[], filter: ModelFilter): PickerModel[] {
  const words = filter.query.toLowerCase().split(/\s+/).filter(Boolean);
  return models.filter((model) => {
    if (filter.provider && model.provider !== filter.provider) return false;
    for (const capability of filter.capabilities) if (!model.capabilities[capability]) return false;
    const haystack = `${model.provider}/${model.id}`.toLowerCase();
    return words.every((word) => haystack.includes(word));
  });
}

/** Providers with their model counts, most models first. */
export function providersOf(models: readonly PickerModel[]): Array<{ provider: string; count: number }> {
  const counts = new Map<string, number>();
  for (const model of models) counts.set(model.provider, (counts.get(model.provider) ?? 0) + 1);
  return [...counts].map(([provider, count]) => ({ provider, count })).sort((a, b) => b.count - a.count);
}

/** `128K`, `1M`, `200K` context windows. */
export function formatContextWindow(tokens: number | undefined): string | null {
  if (!tokens) return null;
  if (tokens >= 1_000_000) return `${Number((tokens / 1_000_000).toFixed(tokens % 1_000_000 === 0 ? 0 : 1))}M`;
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}K`;
  return String(tokens);
}

/**
 * Display names of catalog providers that are not vendors AIHub configures (clouds, hosts); the
 * vendors' own names come from the vendor registry (`useVendorLabel`, GET /api/vendors).
 */
export function providerLabel(provider: string): string {
  return PROVIDER_LABELS[provider] ?? provider;
}

const PROVIDER_LABELS: Record<string, string> = {
  vertex: 'Vertex AI',
  azure: 'Azure OpenAI',
  bedrock: 'Bedrock',
  cohere: 'Cohere',
  together: 'Together',
  fireworks: 'Fireworks',
  perplexity: 'Perplexity',
};
