import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ApiResponse } from '../../../api/schema';
import { api } from '../../../lib/api';
import type { LedgerPage } from '../../../lib/types';
import { type EventFilters, eventsQuery, type OrdersQuery } from './list-filters';
import { belongsToOrder, orderLedgerKinds } from './order-ledger';
import type {
  MarkBody,
  OrderDetail,
  OrdersPage,
  PaymentMethod,
  PaymentOrder,
  ProviderLookup,
  ProviderUpdate,
  ProviderView,
} from './types';

/** Everything of the payments page lives under this key (refetched after a mark). */
export const paymentsKey = ['admin', 'payments'] as const;
const PAGE_SIZE = 25;

const orderPath = (id: string) => `/api/admin/payments/orders/${encodeURIComponent(id)}`;

export function useOrders(query: OrdersQuery, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...paymentsKey, 'orders', query],
    queryFn: ({ pageParam, signal }) =>
      api.get<OrdersPage>('/api/admin/payments/orders', {
        query: { ...query, cursor: pageParam, limit: PAGE_SIZE },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useOrder(id: string | undefined) {
  return useQuery({
    queryKey: [...paymentsKey, 'order', id],
    queryFn: ({ signal }) => api.get<OrderDetail>(orderPath(id ?? ''), { signal }),
    enabled: Boolean(id),
    retry: false,
  });
}

export function useEvents(filters: EventFilters) {
  return useInfiniteQuery({
    queryKey: [...paymentsKey, 'events', filters],
    queryFn: ({ pageParam, signal }) =>
      api.get<ApiResponse<'/api/admin/payments/events', 'get'>>('/api/admin/payments/events', {
        query: { ...eventsQuery(filters), cursor: pageParam, limit: PAGE_SIZE },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

/** The ledger entries an order wrote (order-ledger.ts), newest first. */
export function useOrderLedger(order: PaymentOrder | undefined) {
  const kinds = order ? orderLedgerKinds(order) : [];
  return useQuery({
    queryKey: [...paymentsKey, 'ledger', order?.id, order?.status, order?.reversedAmount],
    queryFn: async ({ signal }) => {
      const pages = await Promise.all(
        kinds.map((kind) =>
          api.get<LedgerPage>('/api/ledger', { query: { userId: order?.userId, kind, limit: 200 }, signal }),
        ),
      );
      return pages
        .flatMap((page) => page.data)
        .filter((entry) => belongsToOrder(entry, order?.id ?? ''))
        .sort((a, b) => b.createdAt - a.createdAt);
    },
    enabled: Boolean(order) && kinds.length > 0,
  });
}

export function useLookupOrder(id: string) {
  return useMutation({
    mutationFn: () => api.post<ProviderLookup>(`${orderPath(id)}/lookup`),
  });
}

export function useMarkOrder(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: MarkBody) => api.post<PaymentOrder>(`${orderPath(id)}/mark`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: paymentsKey }),
  });
}

export function useProviders() {
  return useQuery({
    queryKey: [...paymentsKey, 'providers'],
    queryFn: ({ signal }) =>
      api.get<ApiResponse<'/api/admin/payments/providers', 'get'>>('/api/admin/payments/providers', { signal }),
    select: (answer) => answer.data,
  });
}

export function useUpdateProvider(method: PaymentMethod) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ProviderUpdate) =>
      api.put<ProviderView>(`/api/admin/payments/providers/${encodeURIComponent(method)}`, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [...paymentsKey, 'providers'] }),
  });
}
