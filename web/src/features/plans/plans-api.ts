import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';
import { subscriptionsQueryKey, useRefreshAfterPayment } from '../billing/topup/payment-api';
import type { Plan, Subscription } from './plan-types';

export const plansQueryKey = ['plans', 'catalog'] as const;

export function usePlans() {
  return useQuery({
    queryKey: plansQueryKey,
    queryFn: ({ signal }) => api.get<{ plans: Plan[] }>('/api/plans', { signal }),
  });
}

/** The user's subscriptions with their windows (re-read every 30 s: requests move them). */
export function useSubscriptions() {
  return useQuery({
    queryKey: subscriptionsQueryKey,
    queryFn: ({ signal }) => api.get<{ subscriptions: Subscription[] }>('/api/subscriptions', { signal }),
    refetchInterval: 30_000,
  });
}

/** Buys a plan from the balance; then the balance, ledger and subscriptions are read again. */
export function usePurchaseWithBalance() {
  const refresh = useRefreshAfterPayment();
  return useMutation({
    mutationFn: (input: { planId: string; autoRenew: boolean }) =>
      api.post<Subscription>(`/api/plans/${encodeURIComponent(input.planId)}/purchase`, {
        autoRenew: input.autoRenew,
      }),
    onSuccess: () => refresh(),
  });
}
