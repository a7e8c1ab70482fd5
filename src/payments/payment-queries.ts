/**
 * Reading orders and payment events for the user's history and the operator's pages: filters,
 * newest first, pages by an opaque cursor (`[createdAt, id]` of the last row seen).
 */
import type { SelectQueryBuilder } from 'kysely';
import type { Store } from '../store/database.js';
import type { Database } from '../store/schema.js';
import { decodeTimeCursor, encodeTimeCursor } from '../store/time-cursor.js';
import { type PaymentOrder, toOrder } from './order-service.js';
import type { OrderStatus, PaymentMethod } from './payment-types.js';

export const MAX_PAYMENT_PAGE = 200;

export interface Page<T> {
  data: T[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export interface OrderFilter {
  userId?: string;
  status?: OrderStatus;
  method?: PaymentMethod;
  /** Created at or after (ms). */
  since?: number;
  /** Created before (ms). */
  until?: number;
  cursor?: string;
  limit?: number;
}

export interface PaymentEventView {
  id: string;
  provider: string;
  eventKey: string | null;
  orderId: string | null;
  kind: string;
  outcome: string;
  reason: string;
  actor: string | null;
  remoteAddress: string | null;
  /** The event's verified fields, as recorded (JSON text); never a secret. */
  payload: string | null;
  createdAt: number;
}

export interface EventFilter {
  outcome?: string;
  provider?: string;
  orderId?: string;
  since?: number;
  until?: number;
  cursor?: string;
  limit?: number;
}

export async function listOrders(store: Store, filter: OrderFilter): Promise<Page<PaymentOrder>> {
  let query = store.db.selectFrom('payment_orders').selectAll();
  if (filter.userId) query = query.where('user_id', '=', filter.userId);
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.method) query = query.where('method', '=', filter.method);
  const rows = await page(query, filter);
  return paged(rows.map(toOrder), filter);
}

export async function listEvents(store: Store, filter: EventFilter): Promise<Page<PaymentEventView>> {
  let query = store.db.selectFrom('payment_events').selectAll();
  if (filter.outcome) query = query.where('outcome', '=', filter.outcome);
  if (filter.provider) query = query.where('provider', '=', filter.provider);
  if (filter.orderId) query = query.where('order_id', '=', filter.orderId);
  const rows = await page(query, filter);
  return paged(
    rows.map((row) => ({
      id: row.id,
      provider: row.provider,
      eventKey: row.event_key,
      orderId: row.order_id,
      kind: row.kind,
      outcome: row.outcome,
      reason: row.reason,
      actor: row.actor,
      remoteAddress: row.remote_address,
      payload: row.payload,
      createdAt: Number(row.created_at),
    })),
    filter,
  );
}

type Paging = { since?: number; until?: number; cursor?: string; limit?: number };

function pageSize(filter: Paging): number {
  return Math.min(Math.max(1, filter.limit ?? 50), MAX_PAYMENT_PAGE);
}

/** Applies the time range, the cursor, newest-first order and one row more than the page (to know if more follow). */
function page<T extends 'payment_orders' | 'payment_events', O>(
  query: SelectQueryBuilder<Database, T, O>,
  filter: Paging,
): Promise<O[]> {
  // Both tables have `created_at` and `id`; kysely cannot see that through the union.
  let q = query as unknown as SelectQueryBuilder<Database, 'payment_orders', O>;
  if (filter.since !== undefined) q = q.where('created_at', '>=', filter.since);
  if (filter.until !== undefined) q = q.where('created_at', '<', filter.until);
  if (filter.cursor) {
    const after = decodeTimeCursor(filter.cursor);
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  }
  return q
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(pageSize(filter) + 1)
    .execute();
}

function paged<T extends { id: string; createdAt: number }>(rows: T[], filter: Paging): Page<T> {
  const size = pageSize(filter);
  const data = rows.slice(0, size);
  const last = data[data.length - 1];
  return {
    data,
    nextCursor: rows.length > size && last ? encodeTimeCursor(last) : null,
  };
}
