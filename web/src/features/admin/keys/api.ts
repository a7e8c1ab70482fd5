import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiRequest, ApiResponse } from '../../../api/schema';
import { api } from '../../../lib/api';

/** Everything under `['admin', 'keys']` is refetched after a change. */
export const adminKeysKey = ['admin', 'keys'] as const;

export type AdminKeyList = ApiResponse<'/api/admin/keys', 'get'>;
export type AdminKey = AdminKeyList['data'][number];
export type AdminKeyGroups = ApiResponse<'/api/admin/key-groups', 'get'>;
export type AdminKeyGroup = AdminKeyGroups['data'][number];
export type KeyGroupsBody = ApiRequest<'/api/admin/key-groups', 'put'>;

export interface AdminKeyFilter {
  userId?: string;
  status?: 'enabled' | 'disabled';
  query?: string;
  limit: number;
  offset: number;
}

export function useAdminKeys(filter: AdminKeyFilter) {
  return useQuery({
    queryKey: [...adminKeysKey, 'list', filter],
    queryFn: ({ signal }) => api.get<AdminKeyList>('/api/admin/keys', { query: { ...filter }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** Disables or enables any user's key; the relay refuses a disabled key on its next request. */
export function useSetKeyStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: string; status: 'enabled' | 'disabled' }) =>
      api.patch(`/api/admin/keys/${encodeURIComponent(id)}`, { status }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: adminKeysKey }),
  });
}

export function useAdminKeyGroups() {
  return useQuery({
    queryKey: [...adminKeysKey, 'groups'],
    queryFn: ({ signal }) => api.get<AdminKeyGroups>('/api/admin/key-groups', { signal }),
  });
}

export function useSaveKeyGroups() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: KeyGroupsBody) => api.put<AdminKeyGroups>('/api/admin/key-groups', body),
    onSuccess: (saved) => {
      queryClient.setQueryData([...adminKeysKey, 'groups'], saved);
      return queryClient.invalidateQueries({ queryKey: ['keys', 'groups'] });
    },
  });
}
