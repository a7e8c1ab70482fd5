import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { PriceRules, TokenPrices } from './pricing';

/** The pricing rules; the users page reads the same key for group names. */
export const priceRulesKey = ['admin', 'prices'] as const;
export const catalogKey = ['admin', 'catalog'] as const;
/** /api/models answers (what any page shows as prices) are refetched after a price or catalog change. */
const modelsKey = ['models'] as const;

export interface PriceSheet extends TokenPrices {
  perRequest?: number;
  perImage?: number;
}

export interface ModelListing {
  id: string;
  provider: string;
  endpoint?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  capabilities: Record<string, boolean>;
  pricesKnown: boolean;
  official: PriceSheet | null;
  sale: (PriceSheet & { source: 'official×multiplier' | 'fixed' }) | null;
  deprecationDate?: string;
}

export interface CatalogOverrideEntry {
  provider: string;
  modelId: string;
  override: CatalogOverride;
  updatedAt: number;
}

/** The fields of an override this page edits (the API takes more: see catalog-override.ts). */
export interface CatalogOverride {
  contextWindow?: number;
  maxOutputTokens?: number;
  pricesKnown?: boolean;
  prices?: { input?: number; output?: number; cacheRead?: number; cacheWrite?: number };
  deprecationDate?: string | null;
  [field: string]: unknown;
}

export interface CatalogStatus {
  source: 'builtin' | 'remote';
  models: number;
  overrides: number;
  remoteUpdatedAt?: number;
  overrideList: CatalogOverrideEntry[];
}

export interface RefreshResult {
  models: number;
  providers: number;
  source: { name: string; url: string; license: string };
}

export function usePriceRules() {
  return useQuery({
    queryKey: priceRulesKey,
    queryFn: ({ signal }) => api.get<PriceRules>('/api/admin/prices', { signal }),
  });
}

/** Every chat model with official and sale prices for `group` (admins may ask for any group). */
export function useModelListings(group?: string) {
  return useQuery({
    queryKey: [...modelsKey, 'admin', group ?? ''],
    queryFn: ({ signal }) =>
      api.get<{ group: string; data: ModelListing[] }>('/api/models', { query: { group }, signal }),
    staleTime: 5 * 60_000,
  });
}

export function useSavePriceRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rules: PriceRules) => api.put<PriceRules>('/api/admin/prices', rules),
    // The sale prices come from the model listing: refetch it first, then show the new rules, so
    // a new rule's row never appears beside the price from before it (the dialog stays busy).
    onSuccess: async (rules) => {
      await queryClient.invalidateQueries({ queryKey: modelsKey });
      queryClient.setQueryData(priceRulesKey, rules);
    },
  });
}

export function useCatalogStatus() {
  return useQuery({
    queryKey: catalogKey,
    queryFn: ({ signal }) => api.get<CatalogStatus>('/api/admin/catalog', { signal }),
  });
}

function useCatalogMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: catalogKey }),
        queryClient.invalidateQueries({ queryKey: modelsKey }),
      ]);
    },
  });
}

export function useRefreshCatalog() {
  return useCatalogMutation((url: string) => api.post<RefreshResult>('/api/admin/catalog/refresh', { url }));
}

export function useResetCatalog() {
  return useCatalogMutation(() => api.delete('/api/admin/catalog/remote'));
}

const overridePath = (provider: string, model: string) =>
  `/api/admin/catalog/overrides/${encodeURIComponent(provider)}/${encodeURIComponent(model)}`;

export function useSetCatalogOverride() {
  return useCatalogMutation((input: { provider: string; model: string; override: CatalogOverride }) =>
    api.put(overridePath(input.provider, input.model), input.override),
  );
}

export function useDeleteCatalogOverride() {
  return useCatalogMutation((input: { provider: string; model: string }) =>
    api.delete(overridePath(input.provider, input.model)),
  );
}

/** Vendors whose own listing represents a bare model id (the server prefers the model's maker). */
const PREFERRED = ['openai', 'anthropic', 'gemini', 'deepseek', 'xai', 'mistral', 'moonshot', 'zhipu', 'dashscope'];

/** The listing a rule key prices: `provider/id` exactly, or for a bare id the maker's listing when there is one. */
export function listingFor(
  key: { provider?: string; id: string },
  listings: readonly ModelListing[] | undefined,
): ModelListing | undefined {
  if (!listings) return undefined;
  if (key.provider) return listings.find((model) => model.provider === key.provider && model.id === key.id);
  const candidates = listings.filter((model) => model.id === key.id);
  return (
    PREFERRED.map((provider) => candidates.find((model) => model.provider === provider && model.pricesKnown)).find(
      Boolean,
    ) ??
    candidates.find((model) => model.pricesKnown) ??
    candidates[0]
  );
}
