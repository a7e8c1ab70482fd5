import { useQuery } from '@tanstack/react-query';
import { ApiError, api } from '../../lib/api';
import type { PlaygroundCredential } from '../../lib/types';
import type { CatalogResponse, RoutableModel } from './types';

export const catalogQueryKey = ['models', 'catalog'] as const;
export const routableModelsQueryKey = ['models', 'routable'] as const;

/** The whole catalog, every kind (~2,400 models, ~1 MB), with the caller’s sale prices; changes rarely. */
export function useCatalog() {
  return useQuery({
    queryKey: catalogQueryKey,
    queryFn: ({ signal }) => api.get<CatalogResponse>('/api/models', { signal }),
    staleTime: 5 * 60_000,
  });
}

/**
 * The models the gateway can route right now: `GET /v1/models`, which takes an API key, called
 * with the console session's short-lived playground credential (`POST /api/playground/credential`,
 * the same key while it has 15 minutes or more left). Never a key the person created.
 */
async function fetchRoutableModels(signal: AbortSignal): Promise<RoutableModel[]> {
  const credential = await api.post<PlaygroundCredential>('/api/playground/credential');
  let response: Response;
  try {
    response = await fetch('/v1/models', {
      headers: { accept: 'application/json', authorization: `Bearer ${credential.key}` },
      signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : 'Network error');
  }
  if (!response.ok) {
    let code: string | null = null;
    let message = response.statusText || `HTTP ${response.status}`;
    try {
      const body = (await response.json()) as { error?: { code?: string; message?: string } };
      code = body.error?.code ?? null;
      message = body.error?.message ?? message;
    } catch {
      // Not JSON: the status says enough.
    }
    throw new ApiError(response.status, code, message);
  }
  const body = (await response.json()) as { data?: RoutableModel[] };
  return body.data ?? [];
}

/** Model ids the gateway routes now (for "available only" and the allowed-models suggestions). */
export function useRoutableModels() {
  return useQuery({
    queryKey: routableModelsQueryKey,
    queryFn: ({ signal }) => fetchRoutableModels(signal),
    staleTime: 60_000,
    retry: 1,
  });
}
