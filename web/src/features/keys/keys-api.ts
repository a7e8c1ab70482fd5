import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiResponse } from '../../api/schema';
import { api } from '../../lib/api';
import type { ApiKey, CreatedKey, KeyFields, KeyList, KeyPatch } from './types';

export const keysQueryKey = ['keys', 'list'] as const;

/** The person's keys, newest first (a user holds at most 200). */
export function useKeys() {
  return useQuery({
    queryKey: keysQueryKey,
    queryFn: ({ signal }) => api.get<KeyList>('/api/keys', { query: { limit: 200 }, signal }),
  });
}

/**
 * Creates a key. The secret comes back in this answer only: it is handed to the caller and never
 * put in the query cache (the list is re-read, and carries only the hint).
 */
export function useCreateKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: KeyFields & { name: string }) => api.post<CreatedKey>('/api/keys', body),
    // Forget the answer (it holds the secret) as soon as nothing observes it.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: keysQueryKey }),
  });
}

export function useUpdateKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: KeyPatch }) =>
      api.patch<ApiKey>(`/api/keys/${encodeURIComponent(id)}`, patch),
    onSuccess: (updated) => {
      queryClient.setQueryData<KeyList>(keysQueryKey, (list) =>
        list ? { ...list, data: list.data.map((key) => (key.id === updated.id ? updated : key)) } : list,
      );
    },
  });
}

export function useDeleteKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/keys/${encodeURIComponent(id)}`),
    onSuccess: (_, id) => {
      queryClient.setQueryData<KeyList>(keysQueryKey, (list) =>
        list ? { data: list.data.filter((key) => key.id !== id), total: Math.max(0, list.total - 1) } : list,
      );
      return queryClient.invalidateQueries({ queryKey: keysQueryKey });
    },
  });
}

export type PickableKeyGroup = ApiResponse<'/api/key-groups', 'get'>['data'][number];

/** The groups the person may pick for a key, with their price multipliers (their own group first). */
export function useKeyGroups(enabled = true) {
  return useQuery({
    queryKey: ['keys', 'groups'],
    queryFn: ({ signal }) => api.get<ApiResponse<'/api/key-groups', 'get'>>('/api/key-groups', { signal }),
    enabled,
  });
}

/** A ppm multiplier as people read it: 1500000 → "1.5". */
export function formatMultiplier(ppm: number): string {
  return String(Number((ppm / 1_000_000).toFixed(4)));
}
