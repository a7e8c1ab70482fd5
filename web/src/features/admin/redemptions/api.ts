import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiRequest, ApiResponse } from '../../../api/schema';
import { api, apiFetch } from '../../../lib/api';

/** Everything of the redemption page lives under this key (refetched after any change). */
export const redemptionsKey = ['admin', 'redemptions'] as const;

/** The server's cap on codes per batch (MAX_CODES_PER_BATCH). */
export const MAX_CODES_PER_BATCH = 10_000;

export type Batch = ApiResponse<'/api/admin/redemptions', 'get'>['batches'][number];
export type RedemptionCode = ApiResponse<'/api/admin/redemptions/{id}/codes', 'get'>['codes'][number];
export type CodeStatus = RedemptionCode['status'];

export type BatchState = 'active' | 'expired' | 'exhausted' | 'disabled';

/** What a batch amounts to now: codes left to redeem (active/expired), or none (used up/disabled). */
export function batchState(batch: Batch, now = Date.now()): BatchState {
  if (batch.unused > 0) return batch.expiresAt !== null && batch.expiresAt <= now ? 'expired' : 'active';
  return batch.disabled > 0 ? 'disabled' : 'exhausted';
}

export function useBatches() {
  return useQuery({
    queryKey: [...redemptionsKey, 'batches'],
    queryFn: ({ signal }) =>
      api.get<ApiResponse<'/api/admin/redemptions', 'get'>>('/api/admin/redemptions', { signal }),
    select: (answer) => answer.batches,
  });
}

export function useBatchCodes(batchId: string | undefined) {
  return useQuery({
    queryKey: [...redemptionsKey, 'codes', batchId],
    queryFn: ({ signal }) =>
      api.get<ApiResponse<'/api/admin/redemptions/{id}/codes', 'get'>>(
        `/api/admin/redemptions/${encodeURIComponent(batchId ?? '')}/codes`,
        {
          signal,
        },
      ),
    select: (answer) => answer.codes,
    enabled: Boolean(batchId),
    // Codes are secrets: do not keep them around after the drawer closes.
    gcTime: 0,
  });
}

export type CreateBatchInput = ApiRequest<'/api/admin/redemptions', 'post'>;
type CreatedBatch = ApiResponse<'/api/admin/redemptions', 'post'>;
type DisableResult = ApiResponse<'/api/admin/redemptions/{id}/disable', 'post'>;

export function useCreateBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateBatchInput) => api.post<CreatedBatch>('/api/admin/redemptions', body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: redemptionsKey }),
  });
}

export function useDisableBatch() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (batchId: string) =>
      api.post<DisableResult>(`/api/admin/redemptions/${encodeURIComponent(batchId)}/disable`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: redemptionsKey }),
  });
}

export function useDisableCode() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (codeId: string) =>
      api.post<DisableResult>(`/api/admin/redemption-codes/${encodeURIComponent(codeId)}/disable`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: redemptionsKey }),
  });
}

/** Saves a file the browser already holds (a Blob) under `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads the server's CSV export of a batch (every code with its status). */
export async function downloadBatchCsv(batch: Pick<Batch, 'id' | 'name'>): Promise<void> {
  const response = await apiFetch(`/api/admin/redemptions/${encodeURIComponent(batch.id)}/codes`, {
    query: { format: 'csv' },
    headers: { accept: 'text/csv' },
  });
  const slug = batch.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  saveBlob(await response.blob(), `redemption-codes-${slug || batch.id}.csv`);
}
