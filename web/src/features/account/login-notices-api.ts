import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiResponse } from '../../api/schema';
import { api } from '../../lib/api';

/** The pauses of sign-ins to the account from new addresses after failed attempts (GET /api/auth/login-notices). */
export type LoginNoticeList = ApiResponse<'/api/auth/login-notices', 'get'>;
export type LoginNotice = LoginNoticeList['data'][number];

export const loginNoticesQueryKey = ['auth', 'login-notices'] as const;

const fetchLoginNotices = (signal?: AbortSignal) => api.get<LoginNoticeList>('/api/auth/login-notices', { signal });

/** The pauses the owner has not acknowledged, newest first. */
export function useLoginNotices() {
  return useQuery({ queryKey: loginNoticesQueryKey, queryFn: ({ signal }) => fetchLoginNotices(signal) });
}

/** Reads the notices right after a sign-in (fresh, whatever is cached). */
export function fetchLoginNoticesNow(queryClient: QueryClient): Promise<LoginNoticeList> {
  return queryClient.fetchQuery({ queryKey: loginNoticesQueryKey, queryFn: () => fetchLoginNotices(), staleTime: 0 });
}

export function useAcknowledgeLoginNotices() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<void>('/api/auth/login-notices/acknowledge'),
    onSuccess: () => queryClient.setQueryData<LoginNoticeList>(loginNoticesQueryKey, { data: [] }),
  });
}
