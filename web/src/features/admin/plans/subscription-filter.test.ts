import { describe, expect, it } from 'vitest';
import type { Subscription } from './api';
import { activeSubscribers, filterSubscriptions } from './subscription-filter';

function subscription(id: string, planId: string, status: Subscription['status']): Subscription {
  return {
    id,
    userId: 'usr_1',
    planId,
    planName: planId,
    status,
    models: ['*'],
    overflowToBalance: false,
    price: 0,
    autoRenew: false,
    periodNumber: 1,
    periodStart: 0,
    periodEnd: 1,
    source: 'admin',
    sourceRef: null,
    createdAt: 0,
    updatedAt: 0,
    windows: [],
    history: [],
  };
}

const list = [
  subscription('sub_1', 'plan_a', 'active'),
  subscription('sub_2', 'plan_a', 'cancelled'),
  subscription('sub_3', 'plan_b', 'active'),
  subscription('sub_4', 'plan_a', 'active'),
];

describe('subscription filter', () => {
  it('filters by plan and by status, both or neither', () => {
    expect(filterSubscriptions(list, {}).map((s) => s.id)).toEqual(['sub_1', 'sub_2', 'sub_3', 'sub_4']);
    expect(filterSubscriptions(list, { planId: 'plan_a' }).map((s) => s.id)).toEqual(['sub_1', 'sub_2', 'sub_4']);
    expect(filterSubscriptions(list, { status: 'active' }).map((s) => s.id)).toEqual(['sub_1', 'sub_3', 'sub_4']);
    expect(filterSubscriptions(list, { planId: 'plan_a', status: 'cancelled' }).map((s) => s.id)).toEqual(['sub_2']);
  });

  it('counts active subscribers per plan', () => {
    expect(Object.fromEntries(activeSubscribers(list))).toEqual({ plan_a: 2, plan_b: 1 });
  });
});
