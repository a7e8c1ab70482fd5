import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import {
  type CatalogEntry,
  chatModels,
  joinModels,
  type PickerModel,
  type RoutableModel,
} from '../../components/ModelPicker';
import { ApiError, api } from '../../lib/api';
import { ChatStreamError } from './chat-stream';
import { withPlaygroundKey } from './credential';

/** `GET /v1/models` with the playground key: what this server can route. */
export async function fetchRoutable(userId: string, signal?: AbortSignal): Promise<RoutableModel[]> {
  return withPlaygroundKey(userId, async (key) => {
    const response = await fetch('/v1/models', {
      headers: { authorization: `Bearer ${key}`, accept: 'application/json' },
      signal,
    });
    if (!response.ok) {
      let message = response.statusText || `HTTP ${response.status}`;
      let code: string | null = null;
      try {
        const body = (await response.json()) as { error?: { message?: string; code?: string } };
        message = body.error?.message ?? message;
        code = body.error?.code ?? null;
      } catch {
        // Not JSON: the status says enough.
      }
      if (response.status === 401) throw new ChatStreamError(401, code, message);
      throw new ApiError(response.status, code, message);
    }
    const body = (await response.json()) as { data?: RoutableModel[] };
    return body.data ?? [];
  });
}

export interface PlaygroundModels {
  models: PickerModel[] | undefined;
  byId: Map<string, PickerModel>;
  isLoading: boolean;
  error: unknown;
  refetch: () => void;
}

/** Every model the user can call, with context window, capabilities and sale price. */
export function usePlaygroundModels(userId: string): PlaygroundModels {
  const routable = useQuery({
    queryKey: ['playground', 'routable-models', userId],
    queryFn: ({ signal }) => fetchRoutable(userId, signal),
    staleTime: 5 * 60_000,
  });
  const catalog = useQuery({
    queryKey: ['playground', 'catalog', userId],
    queryFn: ({ signal }) => api.get<{ data: CatalogEntry[] }>('/api/models', { signal }),
    staleTime: 5 * 60_000,
  });
  const models = useMemo(
    () => (routable.data && catalog.data ? joinModels(chatModels(routable.data), catalog.data.data) : undefined),
    [routable.data, catalog.data],
  );
  const byId = useMemo(() => new Map((models ?? []).map((model) => [model.id, model])), [models]);
  return {
    models,
    byId,
    isLoading: routable.isPending || catalog.isPending,
    error: routable.error ?? catalog.error,
    refetch: () => {
      void routable.refetch();
      void catalog.refetch();
    },
  };
}

/** Good first choices, cheapest widely known ones first, when nothing was chosen before. */
const PREFERRED = [
  'gpt-4.1-mini',
  'gpt-4o-mini',
  'gpt-5-mini',
  'claude-haiku-4-5',
  'gemini-2.5-flash',
  'deepseek-chat',
  'gpt-4.1',
  'gpt-4o',
];

export function defaultModel(models: readonly PickerModel[], remembered: string | null): string | null {
  if (remembered && models.some((model) => model.id === remembered)) return remembered;
  for (const id of PREFERRED) if (models.some((model) => model.id === id && model.pricesKnown)) return id;
  return models.find((model) => model.pricesKnown && !model.endpoint)?.id ?? models[0]?.id ?? null;
}
