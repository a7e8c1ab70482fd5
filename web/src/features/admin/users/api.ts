import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiRequest, ApiResponse } from '../../../api/schema';
import { api } from '../../../lib/api';
import { meQueryKey } from '../../../lib/auth';
import type { LedgerPage, User, UserRole } from '../../../lib/types';

/** Query keys of the users page; everything under `['admin', 'users']` is refetched after an edit. */
export const usersKey = ['admin', 'users'] as const;

export type UserStatus = User['status'];

export interface UserListFilter {
  query?: string;
  role?: UserRole;
  status?: UserStatus;
  limit: number;
  offset: number;
}

export type UserList = ApiResponse<'/api/admin/users', 'get'>;

/** PATCH /api/admin/users/:id: only the fields sent change. */
export type UserPatch = ApiRequest<'/api/admin/users/{id}', 'patch'>;

export type AdjustResult = ApiResponse<'/api/admin/users/{id}/adjust', 'post'>;

export type { LedgerEntry, LedgerKind } from '../../../lib/types';

export function useUserList(filter: UserListFilter) {
  return useQuery({
    queryKey: [...usersKey, 'list', filter],
    queryFn: ({ signal }) => api.get<UserList>('/api/admin/users', { query: { ...filter }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: [...usersKey, 'one', id],
    queryFn: ({ signal }) => api.get<User>(`/api/admin/users/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: Boolean(id),
  });
}

export function useUserLedger(id: string | undefined) {
  return useInfiniteQuery({
    queryKey: [...usersKey, 'ledger', id],
    queryFn: ({ pageParam, signal }) =>
      api.get<LedgerPage>('/api/ledger', {
        query: { userId: id, cursor: pageParam, limit: 20 },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    enabled: Boolean(id),
  });
}

/** After any change to a user: the drawer, the list and (when it is you) the top bar's balance. */
function useRefreshUser() {
  const queryClient = useQueryClient();
  return (user: { id: string }, updated?: User) => {
    if (updated) queryClient.setQueryData([...usersKey, 'one', user.id], updated);
    void queryClient.invalidateQueries({ queryKey: usersKey });
    void queryClient.invalidateQueries({ queryKey: meQueryKey });
  };
}

export function useUpdateUser(id: string) {
  const refresh = useRefreshUser();
  return useMutation({
    mutationFn: (patch: UserPatch) => api.patch<User>(`/api/admin/users/${encodeURIComponent(id)}`, patch),
    onSuccess: (user) => refresh(user, user),
  });
}

export function useAdjustBalance(id: string) {
  const refresh = useRefreshUser();
  return useMutation({
    mutationFn: (body: { amount: number; reason: string }) =>
      api.post<AdjustResult>(`/api/admin/users/${encodeURIComponent(id)}/adjust`, body),
    onSuccess: () => refresh({ id }),
  });
}

/** The bootstrap administrator (created at first start) cannot be demoted or disabled. */
export const BOOTSTRAP_ADMIN_ID = 'usr_admin';
