/**
 * Subscriptions as the API shows them: each with its windows as of now (a closed window shows 0
 * used; a closed rolling window has no reset time until a request opens it; a closed calendar
 * window shows its next boundary) and its history, newest first.
 */
import type { Store } from '../store/database.js';
import { type Subscription, subscriptionFromRow } from './plan-rows.js';
import type { WindowName, WindowUnit } from './plan-types.js';
import { isRolling, windowClosesAt } from './window-clock.js';
import { isOpen } from './window-state.js';

export interface WindowView {
  name: WindowName;
  unit: WindowUnit;
  limit: number;
  used: number;
  reserved: number;
  /** When the window resets (Unix ms); null: a rolling window that the next request opens. */
  resetsAt: number | null;
}

export interface SubscriptionEventView {
  kind: string;
  detail: string;
  at: number;
}

export interface SubscriptionView extends Subscription {
  windows: WindowView[];
  history: SubscriptionEventView[];
}

export async function listSubscriptions(
  store: Store,
  filter: { userId?: string; id?: string },
  now: number,
  timeZone: string,
): Promise<SubscriptionView[]> {
  let query = store.db.selectFrom('subscriptions').selectAll().orderBy('created_at', 'desc').orderBy('id');
  if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
  if (filter.id !== undefined) query = query.where('id', '=', filter.id);
  const rows = await query.limit(500).execute();
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.id);
  const windows = await store.db
    .selectFrom('subscription_windows')
    .selectAll()
    .where('subscription_id', 'in', ids)
    .orderBy('window_name')
    .execute();
  const events = await store.db
    .selectFrom('subscription_events')
    .selectAll()
    .where('subscription_id', 'in', ids)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((row) => {
    const subscription = subscriptionFromRow(row);
    return {
      ...subscription,
      windows: windows
        .filter((window) => window.subscription_id === row.id)
        .map((window) => {
          const name = window.window_name as WindowName;
          const resetsAt = Number(window.resets_at);
          const open = isOpen({ resetsAt }, now);
          return {
            name,
            unit: window.unit as WindowUnit,
            limit: Number(window.limit_amount),
            used: open ? Number(window.used) : 0,
            reserved: Number(window.reserved),
            resetsAt: open
              ? resetsAt
              : isRolling(name) || subscription.status !== 'active'
                ? null
                : windowClosesAt(name, now, timeZone, subscription.periodEnd),
          };
        }),
      history: events
        .filter((event) => event.subscription_id === row.id)
        .map((event) => ({ kind: event.kind, detail: event.detail, at: Number(event.created_at) })),
    };
  });
}
