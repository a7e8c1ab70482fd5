/**
 * Subscription plans as the rest of the code sees them (rows are parsed in plan-rows.ts).
 *
 * A plan grants allowances per WINDOW, each in one UNIT:
 * - `five_hour`: rolling; opens at the first covered request after the previous one closed and
 *   closes 5 hours later (the way coding plans are sold);
 * - `day` / `week`: calendar windows in the operator's `planTimezone` (weeks start on Monday);
 * - `period`: the whole subscription period;
 * - `minute`: the plan's optional requests-per-minute, rolling like `five_hour` (opened by a request).
 * Units: `money` (units of 1e-6 USD at the operator's sale prices: exactly what the request would
 * be charged), `tokens` (input + output tokens, as billed), `requests` (the per-minute rate only).
 */
export const ALLOWANCE_WINDOWS = ['five_hour', 'day', 'week', 'period'] as const;
export type AllowanceWindow = (typeof ALLOWANCE_WINDOWS)[number];
export type WindowName = AllowanceWindow | 'minute';

export const ALLOWANCE_UNITS = ['money', 'tokens'] as const;
export type AllowanceUnit = (typeof ALLOWANCE_UNITS)[number];
export type WindowUnit = AllowanceUnit | 'requests';

export interface Allowance {
  unit: AllowanceUnit;
  /** Units of money, or tokens, per window. */
  limit: number;
}

export type PlanPeriod = { kind: 'month' } | { kind: 'week' } | { kind: 'days'; days: number };

export interface Plan {
  id: string;
  name: string;
  description: string;
  /** Units per period. */
  price: number;
  period: PlanPeriod;
  /** Model ids and `*` globs the plan covers; `['*']` covers every model. */
  models: string[];
  allowances: Partial<Record<AllowanceWindow, Allowance>>;
  requestsPerMinute: number | null;
  /** When a window cannot take a request: charge the balance instead of refusing with a 429. */
  overflowToBalance: boolean;
  status: 'active' | 'archived';
  createdAt: number;
  updatedAt: number;
}

export interface PlanInput {
  name: string;
  description?: string;
  price: number;
  period: PlanPeriod;
  models: string[];
  allowances: Partial<Record<AllowanceWindow, Allowance>>;
  requestsPerMinute?: number | null;
  overflowToBalance?: boolean;
}

/** One window's limit as a subscription holds it. */
export interface WindowLimit {
  name: WindowName;
  unit: WindowUnit;
  limit: number;
}

/** The windows a plan's terms give a subscription, in lock order (the order holds update them). */
export function windowLimitsOf(plan: Pick<Plan, 'allowances' | 'requestsPerMinute'>): WindowLimit[] {
  const windows: WindowLimit[] = [];
  for (const name of ALLOWANCE_WINDOWS) {
    const allowance = plan.allowances[name];
    if (allowance) windows.push({ name, unit: allowance.unit, limit: allowance.limit });
  }
  if (plan.requestsPerMinute) windows.push({ name: 'minute', unit: 'requests', limit: plan.requestsPerMinute });
  return windows.sort((a, b) => a.name.localeCompare(b.name));
}
