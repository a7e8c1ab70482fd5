import { parseMoney, unitsToDecimal } from '../../../lib/money';
import { isModelPattern } from '../../keys/key-form';
import type { Allowances, AllowanceUnit, AllowanceWindow, CreatePlanBody, Plan } from './api';

/**
 * The create/edit form of a plan: what the operator types (text), checked with the server's rules
 * (src/http/api/routes/plan-schemas.ts, src/plans/plan-catalog.ts) before sending, and turned into
 * the request body. Pure functions, tested in plan-form.test.ts.
 */
export const ALLOWANCE_WINDOWS = ['five_hour', 'day', 'week', 'period'] as const satisfies readonly AllowanceWindow[];
export const ALLOWANCE_UNITS = ['money', 'tokens'] as const satisfies readonly AllowanceUnit[];
export const PERIOD_KINDS = ['month', 'week', 'days'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export const LIMITS = {
  name: 200,
  description: 4000,
  models: 500,
  model: 200,
  days: 3650,
  requestsPerMinute: 1_000_000,
} as const;

export interface AllowanceRow {
  /** Stable key of the row in the list (not sent). */
  id: number;
  window: AllowanceWindow;
  unit: AllowanceUnit;
  /** Dollars for money, a whole number for tokens, as typed. */
  limit: string;
}

export interface PlanFormValues {
  name: string;
  description: string;
  /** Dollars per period, as typed. */
  price: string;
  periodKind: PeriodKind;
  /** Days, as typed (only for `days`). */
  periodDays: string;
  models: string[];
  allowances: AllowanceRow[];
  /** '' = no per-minute limit. */
  requestsPerMinute: string;
  overflowToBalance: boolean;
}

/** Translation keys under `plans-admin:form.errors`. */
export type PlanFormError =
  | 'nameRequired'
  | 'nameTooLong'
  | 'descriptionTooLong'
  | 'priceInvalid'
  | 'daysInvalid'
  | 'modelsRequired'
  | 'modelInvalid'
  | 'tooManyModels'
  | 'moneyLimitInvalid'
  | 'tokenLimitInvalid'
  | 'windowTwice'
  | 'rpmInvalid'
  /** Text typed in the model box without pressing Enter (set by the form, not by validatePlanForm). */
  | 'pendingEntry';

export interface PlanFormErrors {
  name?: PlanFormError;
  description?: PlanFormError;
  price?: PlanFormError;
  periodDays?: PlanFormError;
  models?: PlanFormError;
  requestsPerMinute?: PlanFormError;
  /** By row id. */
  allowances?: Record<number, PlanFormError>;
}

let rowIds = 0;

export function newAllowanceRow(taken: readonly AllowanceWindow[] = []): AllowanceRow {
  const window = ALLOWANCE_WINDOWS.find((name) => !taken.includes(name)) ?? 'five_hour';
  return { id: ++rowIds, window, unit: 'money', limit: '' };
}

export const EMPTY_PLAN_FORM: PlanFormValues = {
  name: '',
  description: '',
  price: '',
  periodKind: 'month',
  periodDays: '30',
  models: [],
  allowances: [],
  requestsPerMinute: '',
  overflowToBalance: false,
};

/** The form filled from a plan (editing). */
export function valuesFromPlan(plan: Plan): PlanFormValues {
  const allowances: AllowanceRow[] = [];
  for (const window of ALLOWANCE_WINDOWS) {
    const allowance = plan.allowances[window];
    if (!allowance) continue;
    const limit = allowance.unit === 'money' ? unitsToDecimal(allowance.limit) : String(allowance.limit);
    allowances.push({ id: ++rowIds, window, unit: allowance.unit, limit });
  }
  return {
    name: plan.name,
    description: plan.description,
    price: unitsToDecimal(plan.price),
    periodKind: plan.period.kind,
    periodDays: plan.period.kind === 'days' ? String(plan.period.days) : '30',
    models: [...plan.models],
    allowances,
    requestsPerMinute: plan.requestsPerMinute === null ? '' : String(plan.requestsPerMinute),
    overflowToBalance: plan.overflowToBalance,
  };
}

/** A whole number in [min, max] from text; undefined otherwise. */
function wholeNumber(text: string, min: number, max: number): number | undefined {
  const trimmed = text.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  const value = Number(trimmed);
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : undefined;
}

/** An allowance row's limit in the API's terms (units for money, tokens); undefined when invalid. */
export function allowanceLimit(row: Pick<AllowanceRow, 'unit' | 'limit'>): number | undefined {
  if (row.unit === 'money') {
    const units = parseMoney(row.limit);
    return units !== undefined && units > 0 ? units : undefined;
  }
  return wholeNumber(row.limit, 1, Number.MAX_SAFE_INTEGER);
}

export function validatePlanForm(values: PlanFormValues): PlanFormErrors {
  const errors: PlanFormErrors = {};
  const name = values.name.trim();
  if (!name) errors.name = 'nameRequired';
  else if (name.length > LIMITS.name) errors.name = 'nameTooLong';
  if (values.description.length > LIMITS.description) errors.description = 'descriptionTooLong';
  const price = parseMoney(values.price);
  if (price === undefined || price < 0) errors.price = 'priceInvalid';
  if (values.periodKind === 'days' && wholeNumber(values.periodDays, 1, LIMITS.days) === undefined) {
    errors.periodDays = 'daysInvalid';
  }
  if (values.models.length === 0) errors.models = 'modelsRequired';
  else if (values.models.length > LIMITS.models) errors.models = 'tooManyModels';
  else if (!values.models.every(isModelPattern)) errors.models = 'modelInvalid';
  const rows: Record<number, PlanFormError> = {};
  const seen = new Set<AllowanceWindow>();
  for (const row of values.allowances) {
    if (seen.has(row.window)) rows[row.id] = 'windowTwice';
    else if (allowanceLimit(row) === undefined) {
      rows[row.id] = row.unit === 'money' ? 'moneyLimitInvalid' : 'tokenLimitInvalid';
    }
    seen.add(row.window);
  }
  if (Object.keys(rows).length > 0) errors.allowances = rows;
  if (
    values.requestsPerMinute.trim() &&
    wholeNumber(values.requestsPerMinute, 1, LIMITS.requestsPerMinute) === undefined
  ) {
    errors.requestsPerMinute = 'rpmInvalid';
  }
  return errors;
}

export function hasErrors(errors: PlanFormErrors): boolean {
  return Object.values(errors).some(Boolean);
}

/**
 * The body of POST /api/admin/plans (PATCH takes the same fields: an edit sends them all, so the
 * plan ends up exactly as the form shows it). Call after validatePlanForm found nothing.
 */
export function planBody(values: PlanFormValues): CreatePlanBody {
  const allowances: Allowances = {};
  for (const row of values.allowances) {
    allowances[row.window] = { unit: row.unit, limit: allowanceLimit(row) ?? 0 };
  }
  const rpm = values.requestsPerMinute.trim();
  return {
    name: values.name.trim(),
    description: values.description,
    price: parseMoney(values.price) ?? 0,
    period:
      values.periodKind === 'days'
        ? { kind: 'days', days: Number(values.periodDays.trim()) }
        : { kind: values.periodKind },
    models: values.models,
    allowances,
    requestsPerMinute: rpm ? Number(rpm) : null,
    overflowToBalance: values.overflowToBalance,
  };
}

/**
 * Where a server error belongs: `allowances.five_hour` → that window's row; `period` → the days
 * field; other top-level names as they are. Undefined: show it above the form.
 */
export function fieldOfParam(
  param: string | null,
  values: PlanFormValues,
): { field: Exclude<keyof PlanFormErrors, 'allowances'> } | { rowId: number } | undefined {
  if (!param) return undefined;
  const [head, window] = param.split('.');
  if (head === 'allowances') {
    const row = values.allowances.find((candidate) => candidate.window === window);
    return row ? { rowId: row.id } : undefined;
  }
  if (head === 'period') return { field: 'periodDays' };
  if (head === 'name' || head === 'description' || head === 'price' || head === 'models') return { field: head };
  if (head === 'requestsPerMinute') return { field: 'requestsPerMinute' };
  return undefined;
}
