/**
 * Recent overruns (settlements whose cost exceeded the hold; money-path.ts), newest first, for
 * the operators' alert list (GET /api/admin/billing/overruns).
 */
import type { Store } from '../store/database.js';

export const MAX_OVERRUN_PAGE = 200;

export interface Overrun {
  requestId: string;
  userId: string;
  keyId: string | null;
  /** Units the request held. */
  held: number;
  /** Units the vendor's usage cost. */
  cost: number;
  /** Units charged: the cost, or less when the free headroom or the key's quota ran out. */
  charged: number;
  /** cost − charged: what was not collected. */
  uncollected: number;
  createdAt: number;
}

export interface OverrunQuery {
  userId?: string;
  /** Only overruns at or after this time (Unix milliseconds). */
  since?: number;
  limit: number;
}

export async function listOverruns(store: Store, query: OverrunQuery): Promise<Overrun[]> {
  let select = store.db
    .selectFrom('billing_overruns')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('request_id', 'desc')
    .limit(Math.min(Math.max(1, query.limit), MAX_OVERRUN_PAGE));
  if (query.userId !== undefined) select = select.where('user_id', '=', query.userId);
  if (query.since !== undefined) select = select.where('created_at', '>=', query.since);
  const rows = await select.execute();
  // PostgreSQL returns bigint as text: money here stays below 2^53, so Number is exact.
  return rows.map((row) => ({
    requestId: row.request_id,
    userId: row.user_id,
    keyId: row.key_id,
    held: Number(row.held),
    cost: Number(row.cost),
    charged: Number(row.charged),
    uncollected: Number(row.cost) - Number(row.charged),
    createdAt: Number(row.created_at),
  }));
}
