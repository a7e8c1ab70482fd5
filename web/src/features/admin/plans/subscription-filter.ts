import type { Subscription, SubscriptionStatus } from './api';

/**
 * The subscriptions list's filters that the server does not apply (it filters by user only):
 * by plan and by status, and the active subscribers per plan. Pure, tested beside.
 */
export interface SubscriptionFilter {
  planId?: string;
  status?: SubscriptionStatus;
}

export function filterSubscriptions(
  subscriptions: readonly Subscription[],
  filter: SubscriptionFilter,
): Subscription[] {
  return subscriptions.filter(
    (subscription) =>
      (!filter.planId || subscription.planId === filter.planId) &&
      (!filter.status || subscription.status === filter.status),
  );
}

/** Active subscriptions per plan id (among those listed). */
export function activeSubscribers(subscriptions: readonly Subscription[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const subscription of subscriptions) {
    if (subscription.status !== 'active') continue;
    counts.set(subscription.planId, (counts.get(subscription.planId) ?? 0) + 1);
  }
  return counts;
}
