/** Rows of the plan tables to domain objects and back (JSON columns, bigint as text on PostgreSQL). */
import type { Selectable } from 'kysely';
import type { PlansTable, SubscriptionsTable } from '../store/schema.js';
import type { Allowance, AllowanceWindow, Plan, PlanPeriod } from './plan-types.js';

export function periodOf(row: Pick<Selectable<PlansTable>, 'period_kind' | 'period_days'>): PlanPeriod {
  if (row.period_kind === 'days') return { kind: 'days', days: Number(row.period_days ?? 1) };
  return { kind: row.period_kind };
}

export function planFromRow(row: Selectable<PlansTable>): Plan {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    price: Number(row.price),
    period: periodOf(row),
    models: JSON.parse(row.models) as string[],
    allowances: JSON.parse(row.allowances) as Partial<Record<AllowanceWindow, Allowance>>,
    requestsPerMinute: row.requests_per_minute === null ? null : Number(row.requests_per_minute),
    overflowToBalance: Number(row.overflow_to_balance) === 1,
    status: row.status,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

export interface Subscription {
  id: string;
  userId: string;
  planId: string;
  planName: string;
  status: Selectable<SubscriptionsTable>['status'];
  models: string[];
  overflowToBalance: boolean;
  price: number;
  autoRenew: boolean;
  periodNumber: number;
  periodStart: number;
  periodEnd: number;
  source: Selectable<SubscriptionsTable>['source'];
  sourceRef: string | null;
  createdAt: number;
  updatedAt: number;
}

export function subscriptionFromRow(row: Selectable<SubscriptionsTable>): Subscription {
  return {
    id: row.id,
    userId: row.user_id,
    planId: row.plan_id,
    planName: row.plan_name,
    status: row.status,
    models: JSON.parse(row.models) as string[],
    overflowToBalance: Number(row.overflow_to_balance) === 1,
    price: Number(row.price),
    autoRenew: Number(row.auto_renew) === 1,
    periodNumber: Number(row.period_number),
    periodStart: Number(row.period_start),
    periodEnd: Number(row.period_end),
    source: row.source,
    sourceRef: row.source_ref,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}
