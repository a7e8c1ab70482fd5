import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiRequest, ApiResponse } from '../../../api/schema';
import { api } from '../../../lib/api';
import type { CatalogModel, ModelCatalog } from '../../../lib/types';
import type { Vendors } from '../../../lib/vendors';
import type { PriceRules } from './pricing';

/** The pricing rules; the users page reads the same key for group names. */
export const priceRulesKey = ['admin', 'prices'] as const;
export const catalogKey = ['admin', 'catalog'] as const;
/** /api/models answers (what any page shows as prices) are refetched after a price or catalog change. */
const modelsKey = ['models'] as const;

export type { ModelPrices as PriceSheet } from '../../../lib/types';
/** One entry of `GET /api/models`: a model with its official and sale prices. */
export type ModelListing = CatalogModel;

export type CatalogStatus = ApiResponse<'/api/admin/catalog', 'get'>;
export type CatalogOverrideEntry = CatalogStatus['overrideList'][number];
/** An override as `PUT /api/admin/catalog/overrides/:provider/:model` takes it. */
export type CatalogOverride = ApiRequest<'/api/admin/catalog/overrides/{provider}/{model}', 'put'>;
export type RefreshResult = ApiResponse<'/api/admin/catalog/refresh', 'post'>;

export function usePriceRules() {
  return useQuery({
    queryKey: priceRulesKey,
    queryFn: ({ signal }) => api.get<PriceRules>('/api/admin/prices', { signal }),
  });
}

/**
 * Every model of every kind (chat, and media models priced by the unit) with official and sale
 * prices for `group` (admins may ask for any group).
 */
export function useModelListings(group?: string) {
  return useQuery({
    queryKey: [...modelsKey, 'admin', 'every-kind', group ?? ''],
    queryFn: ({ signal }) => api.get<ModelCatalog>('/api/models', { query: { group }, signal }),
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

/**
 * The listing a rule key prices: `provider/id` exactly; for a bare id, as the server chooses: the
 * listing of the vendor whose id family it is (the vendor registry's globs), then any with a known
 * price, then the first.
 */
export function listingFor(
  key: { provider?: string; id: string },
  listings: readonly ModelListing[] | undefined,
  vendors: Pick<Vendors, 'makerOf'>,
): ModelListing | undefined {
  if (!listings) return undefined;
  if (key.provider) return listings.find((model) => model.provider === key.provider && model.id === key.id);
  const candidates = listings.filter((model) => model.id === key.id);
  const maker = vendors.makerOf(key.id);
  return (
    candidates.find((model) => model.provider === maker && model.pricesKnown) ??
    candidates.find((model) => model.pricesKnown) ??
    candidates[0]
  );
}
