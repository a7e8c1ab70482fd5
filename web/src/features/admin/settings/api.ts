import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { publicSettingsQueryKey } from '../../../lib/auth';

export const settingsKey = ['admin', 'settings'] as const;

/** A limit for matching models: a number replaces the key's own limit, null lifts it, absent keeps it. */
export interface ModelLimit {
  rpm?: number | null;
  tpm?: number | null;
  concurrency?: number | null;
}

/** GET /api/admin/settings (src/platform/settings.ts). Money in units, percentages as numbers. */
export interface Settings {
  trialCredit: number;
  registrationEnabled: boolean;
  overdraft: number;
  logRetentionDays: number;
  promptLogging: boolean;
  defaultGroup: string;
  cacheHitChargePercent: number;
  /** max_tokens held for and sent with a request that sets none (the model's own limit when lower). */
  defaultMaxOutputTokens: number;
  modelLimits: Record<string, ModelLimit>;
}

export function useSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => api.get<Settings>('/api/admin/settings', { signal }),
  });
}

export function useSaveSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: Partial<Settings>) => api.patch<Settings>('/api/admin/settings', patch),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKey, settings);
      void queryClient.invalidateQueries({ queryKey: publicSettingsQueryKey });
    },
  });
}
