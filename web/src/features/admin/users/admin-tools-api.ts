import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiRequest, ApiResponse } from '../../../api/schema';
import { api } from '../../../lib/api';
import { usersKey } from './api';

export type CreateUserBody = ApiRequest<'/api/admin/users', 'post'>;
export type CreatedUser = ApiResponse<'/api/admin/users', 'post'>;
export type BulkBalanceBody = ApiRequest<'/api/admin/users/balance', 'post'>;
export type BulkBalanceResult = ApiResponse<'/api/admin/users/balance', 'post'>;

export function useCreateUser() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateUserBody) => api.post<CreatedUser>('/api/admin/users', body),
    // The answer may hold a generated password: not kept once nothing observes it.
    gcTime: 0,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}

export function useBulkBalance() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: BulkBalanceBody) => api.post<BulkBalanceResult>('/api/admin/users/balance', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersKey }),
  });
}
