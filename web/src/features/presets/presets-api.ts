import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import type { Preset, PresetCreateBody, PresetPatchBody } from './types';

export const presetsQueryKey = ['presets', 'list'] as const;

/** The person's presets and the operator's shared ones, by name (GET /api/presets). */
export function usePresets() {
  return useQuery({
    queryKey: presetsQueryKey,
    queryFn: ({ signal }) => api.get<{ data: Preset[] }>('/api/presets', { signal }).then((page) => page.data),
  });
}

export function useCreatePreset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PresetCreateBody) => api.post<Preset>('/api/presets', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: presetsQueryKey }),
  });
}

export function useUpdatePreset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, patch }: { id: string; patch: PresetPatchBody }) =>
      api.patch<Preset>(`/api/presets/${encodeURIComponent(id)}`, patch),
    onSuccess: (updated) => {
      queryClient.setQueryData<Preset[]>(presetsQueryKey, (list) =>
        list?.map((preset) => (preset.id === updated.id ? updated : preset)),
      );
      return queryClient.invalidateQueries({ queryKey: presetsQueryKey });
    },
  });
}

export function useDeletePreset() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/presets/${encodeURIComponent(id)}`),
    onSuccess: (_, id) => {
      queryClient.setQueryData<Preset[]>(presetsQueryKey, (list) => list?.filter((preset) => preset.id !== id));
      return queryClient.invalidateQueries({ queryKey: presetsQueryKey });
    },
  });
}
