import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { meQueryKey } from '../../lib/auth';
import type { Balance, LedgerKind, LedgerPage, RedeemResult } from './types';

export const balanceQueryKey = ['billing', 'balance'] as const;
export const ledgerQueryKey = ['billing', 'ledger'] as const;
/** The user's subscriptions (features/plans): a plan code starts one. */
export const subscriptionsQueryKey = ['plans', 'subscriptions'] as const;
const LEDGER_PAGE = 50;

export function useBalance() {
  return useQuery({
    queryKey: balanceQueryKey,
    queryFn: ({ signal }) => api.get<Balance>('/api/balance', { signal }),
    // Requests in flight move `reserved`: keep it fresh while the page is open.
    refetchInterval: 30_000,
  });
}

/** The ledger, newest first, 50 entries a page (`nextCursor`), optionally of one kind. */
export function useLedger(kind: LedgerKind | '') {
  return useInfiniteQuery({
    queryKey: [...ledgerQueryKey, kind],
    queryFn: ({ pageParam, signal }) =>
      api.get<LedgerPage>('/api/ledger', { query: { kind, cursor: pageParam, limit: LEDGER_PAGE }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** Redeems a code; then the balance, the ledger, the top bar's balance (meQueryKey) and the subscriptions are re-read. */
export function useRedeem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (code: string) => api.post<RedeemResult>('/api/redeem', { code }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: meQueryKey }),
        queryClient.invalidateQueries({ queryKey: balanceQueryKey }),
        queryClient.invalidateQueries({ queryKey: ledgerQueryKey }),
        queryClient.invalidateQueries({ queryKey: subscriptionsQueryKey }),
      ]),
  });
}
