import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiRequest, ApiResponse } from '../../../api/schema';
import { api } from '../../../lib/api';
import { publicSettingsQueryKey } from '../../../lib/auth';

export const settingsKey = ['admin', 'settings'] as const;

/** GET /api/admin/settings (src/platform/settings.ts). Money in units, percentages as numbers. */
export type Settings = ApiResponse<'/api/admin/settings', 'get'>;
/** A limit for matching models: a number replaces the key's own limit, null lifts it, absent keeps it. */
export type ModelLimit = Settings['modelLimits'][string];

export function useSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.get<Settings>('/api/admin/settings', { signal }),
  });
}

export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ApiRequest<'/api/admin/settings', 'patch'>) =>
      api.patch<Settings>('/api/admin/settings', patch),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKey, settings);
      void queryClient.invalidateQueries({ queryKey: publicSettingsQueryKey });
    },
  });
}
