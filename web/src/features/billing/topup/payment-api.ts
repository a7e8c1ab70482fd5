import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../../../lib/api';
import { meQueryKey } from '../../../lib/auth';
import { balanceQueryKey, ledgerQueryKey, subscriptionsQueryKey } from '../billing-api';

export { subscriptionsQueryKey };

import { orderPollInterval } from './order-status';
import type {
  CreateOrderRequest,
  OrdersPage,
  PaymentMethod,
  PaymentOptions,
  PaymentOrder,
  TopUpQuote,
} from './payment-types';

export const paymentsQueryKey = ['payments'] as const;
export const ordersQueryKey = ['payments', 'orders'] as const;
const ORDERS_PAGE = 20;

export function usePaymentOptions() {
  return useQuery({
    queryKey: [...paymentsQueryKey, 'options'],
    queryFn: ({ signal }) => api.get<PaymentOptions>('/api/payments/options', { signal }),
  });
}

/** The server's price and bonus for buying `amount` units with `method` (none while either is unset). */
export function useTopUpQuote(method: PaymentMethod | undefined, amount: number | undefined) {
  return useQuery({
    queryKey: [...paymentsQueryKey, 'quote', method, amount],
    queryFn: ({ signal }) => api.get<TopUpQuote>('/api/payments/quote', { query: { method, amount }, signal }),
    enabled: method !== undefined && amount !== undefined,
    placeholderData: (previous) => previous,
  });
}

export function useCreateOrder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateOrderRequest) => api.post<PaymentOrder>('/api/payments/orders', body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ordersQueryKey }),
  });
}

/** One order, polled while it awaits payment. */
export function useOrder(id: string | undefined) {
  return useQuery({
    queryKey: [...ordersQueryKey, 'one', id],
    queryFn: ({ signal }) => api.get<PaymentOrder>(`/api/payments/orders/${encodeURIComponent(id ?? '')}`, { signal }),
    enabled: id !== undefined,
    refetchInterval: (query) => orderPollInterval(query.state.data?.status),
    staleTime: 0,
  });
}

/** The user's orders, newest first, 20 a page. */
export function useOrders() {
  return useInfiniteQuery({
    queryKey: [...ordersQueryKey, 'list'],
    queryFn: ({ pageParam, signal }) =>
      api.get<OrdersPage>('/api/payments/orders', { query: { cursor: pageParam, limit: ORDERS_PAGE }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}

/** After an order lands: everything money-shaped is read again (balance, ledger, top bar, orders, plans). */
export function useRefreshAfterPayment() {
  const queryClient = useQueryClient();
  return useCallback(
    () =>
      Promise.all(
        [meQueryKey, balanceQueryKey, ledgerQueryKey, ordersQueryKey, subscriptionsQueryKey].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ),
    [queryClient],
  );
}
