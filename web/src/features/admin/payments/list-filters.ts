/**
 * The filters of the orders and events lists, kept in the address (`/admin/payments?status=created`)
 * so a view can be shared or reloaded, and turned into the API's query. Dates are local days
 * (`2026-12-06`), inclusive; the API takes milliseconds (`since` inclusive, `until` exclusive). Pure.
 */

import { isOrderStatus, isPaymentMethod } from './payment-vocabulary';
import type { OrderStatus, PaymentMethod } from './types';

export interface OrderFilters {
  status?: OrderStatus;
  method?: PaymentMethod;
  /** An email or a user id as typed; resolved to one user id before the query (users-lookup.ts). */
  user?: string;
  fromDay?: string;
  toDay?: string;
  /** One order by its id: the list shows just that order. */
  orderId?: string;
}

export interface EventFilters {
  outcome?: string;
  method?: PaymentMethod;
  orderId?: string;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Milliseconds at the local midnight starting `day`, `offset` days later; undefined when not a day. */
export function localDayStart(day: string | undefined, offset = 0): number | undefined {
  const match = DAY.exec(day ?? '');
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + offset);
  return Number.isNaN(date.getTime()) ? undefined : date.getTime();
}

function text(search: URLSearchParams, name: string): string | undefined {
  return search.get(name)?.trim() || undefined;
}

function day(search: URLSearchParams, name: string): string | undefined {
  const value = text(search, name);
  return localDayStart(value) === undefined ? undefined : value;
}

export function orderFiltersFromSearch(search: URLSearchParams): OrderFilters {
  const status = search.get('status');
  const method = search.get('method');
  return {
    status: isOrderStatus(status) ? status : undefined,
    method: isPaymentMethod(method) ? method : undefined,
    user: text(search, 'user'),
    fromDay: day(search, 'from'),
    toDay: day(search, 'to'),
    orderId: text(search, 'order'),
  };
}

export function eventFiltersFromSearch(search: URLSearchParams): EventFilters {
  const method = search.get('eventMethod');
  return {
    outcome: text(search, 'outcome'),
    method: isPaymentMethod(method) ? method : undefined,
    orderId: text(search, 'eventOrder'),
  };
}

/** The URL parameter of each order filter (the events list has its own, so both can be set). */
export const ORDER_PARAMS = {
  status: 'status',
  method: 'method',
  user: 'user',
  fromDay: 'from',
  toDay: 'to',
  orderId: 'order',
} as const satisfies Record<keyof OrderFilters, string>;

export const EVENT_PARAMS = {
  outcome: 'outcome',
  method: 'eventMethod',
  orderId: 'eventOrder',
} as const satisfies Record<keyof EventFilters, string>;

export function hasFilters(filters: OrderFilters | EventFilters): boolean {
  return Object.values(filters).some((value) => value !== undefined);
}

/** When the days are both set and the first is after the second. */
export function isBackwardsRange(filters: Pick<OrderFilters, 'fromDay' | 'toDay'>): boolean {
  const from = localDayStart(filters.fromDay);
  const to = localDayStart(filters.toDay);
  return from !== undefined && to !== undefined && from > to;
}

export interface OrdersQuery {
  status?: OrderStatus;
  method?: PaymentMethod;
  userId?: string;
  since?: number;
  until?: number;
}

/** GET /api/admin/payments/orders's query; `userId` is the user the `user` filter resolved to. */
export function ordersQuery(filters: OrderFilters, userId: string | undefined): OrdersQuery {
  const query: OrdersQuery = {};
  if (filters.status) query.status = filters.status;
  if (filters.method) query.method = filters.method;
  if (userId) query.userId = userId;
  const since = localDayStart(filters.fromDay);
  const until = localDayStart(filters.toDay, 1);
  if (since !== undefined) query.since = since;
  if (until !== undefined) query.until = until;
  return query;
}

export function eventsQuery(filters: EventFilters): { outcome?: string; provider?: string; orderId?: string } {
  const query: { outcome?: string; provider?: string; orderId?: string } = {};
  if (filters.outcome) query.outcome = filters.outcome;
  if (filters.method) query.provider = filters.method;
  if (filters.orderId) query.orderId = filters.orderId;
  return query;
}
