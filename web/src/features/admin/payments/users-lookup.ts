import { useQueries, useQuery } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/schema';
import { api } from '../../../lib/api';
import type { User } from '../../../lib/types';

type UserList = ApiResponse<'/api/admin/users', 'get'>;

/**
 * The one user a typed email or id means, among the users list's answer (email substring or exact
 * id): an exact id or email wins, else the only match; undefined when none or several. Pure.
 */
export function pickUser(typed: string, candidates: User[]): User | undefined {
  const wanted = typed.trim().toLowerCase();
  const exact = candidates.find((user) => user.id.toLowerCase() === wanted || user.email.toLowerCase() === wanted);
  if (exact) return exact;
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** The user id the orders filter's text resolves to (`found: false` when it names nobody, or several). */
export function useUserFilter(typed: string | undefined) {
  const query = useQuery({
    queryKey: ['admin', 'users', 'payments-filter', typed],
    queryFn: ({ signal }) => api.get<UserList>('/api/admin/users', { query: { query: typed, limit: 20 }, signal }),
    enabled: Boolean(typed),
    staleTime: 60_000,
  });
  const user = query.data ? pickUser(typed ?? '', query.data.data) : undefined;
  return {
    pending: Boolean(typed) && query.isPending,
    userId: user?.id,
    found: !typed || Boolean(user),
    error: query.error,
  };
}

/** Each user on screen by id (cached per user), for emails in lists. */
export function useUsersById(ids: string[]): Map<string, User> {
  const unique = [...new Set(ids)];
  const results = useQueries({
    queries: unique.map((id) => ({
      queryKey: ['admin', 'users', 'one', id],
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        api.get<User>(`/api/admin/users/${encodeURIComponent(id)}`, { signal }),
      staleTime: 5 * 60_000,
      retry: false,
    })),
  });
  const map = new Map<string, User>();
  for (const result of results) if (result.data) map.set(result.data.id, result.data);
  return map;
}
