import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
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
