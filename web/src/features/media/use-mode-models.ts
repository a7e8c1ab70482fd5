import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { type CatalogEntry, joinModels, type PickerModel } from '../../components/ModelPicker';
import { api } from '../../lib/api';
import { fetchRoutable } from '../playground/use-playground-models';
import { CATALOG_KIND, type MediaModelMode, modelsForMode } from './mode-models';

export interface ModeModels {
  models: PickerModel[] | undefined;
  isLoading: boolean;
  error: unknown;
  refetch: () => void;
}

/**
 * The models a media mode can call: what `/v1/models` routes for this user (the chat's cached
 * query), narrowed to the mode, joined with `GET /api/models?kind=` for prices.
 */
export function useModeModels(userId: string, mode: MediaModelMode): ModeModels {
  const kind = CATALOG_KIND[mode];
  const routable = useQuery({
    queryKey: ['playground', 'routable-models', userId],
    queryFn: ({ signal }) => fetchRoutable(userId, signal),
    staleTime: 5 * 60_000,
  });
  const catalog = useQuery({
    queryKey: ['playground', 'catalog', userId, kind],
    queryFn: ({ signal }) => api.get<{ data: CatalogEntry[] }>('/api/models', { query: { kind }, signal }),
    staleTime: 5 * 60_000,
  });
  const models = useMemo(
    () =>
      routable.data && catalog.data ? joinModels(modelsForMode(mode, routable.data), catalog.data.data) : undefined,
    [routable.data, catalog.data, mode],
  );
  return {
    models,
    isLoading: routable.isPending || catalog.isPending,
    error: routable.error ?? catalog.error,
    refetch: () => {
      void routable.refetch();
      void catalog.refetch();
    },
  };
}
