import { describe, expect, it } from 'vitest';
import type { Plan } from './api';
import {
  allowanceLimit,
  EMPTY_PLAN_FORM,
  fieldOfParam,
  hasErrors,
  newAllowanceRow,
  type PlanFormValues,
  planBody,
  validatePlanForm,
  valuesFromPlan,
} from './plan-form';

const plan: Plan = {
  id: 'plan_1',
  name: 'Coding plan',
  description: 'For the IDE',
  price: 20_000_000,
  priceUsd: '$20.000000',
  period: { kind: 'days', days: 14 },
  models: ['gpt-*', 'claude-sonnet-4-5'],
  allowances: { five_hour: { unit: 'money', limit: 1_500_000 }, week: { unit: 'tokens', limit: 2_000_000 } },
  requestsPerMinute: 30,
  overflowToBalance: true,
  status: 'active',
  createdAt: 1,
  updatedAt: 1,
};

function filled(changes: Partial<PlanFormValues> = {}): PlanFormValues {
  return {
    ...EMPTY_PLAN_FORM,
    name: 'Starter',
    price: '9.99',
    models: ['gpt-4.1-mini'],
    allowances: [{ ...newAllowanceRow(), window: 'five_hour', unit: 'money', limit: '1.50' }],
    ...changes,
  };
}

describe('plan form', () => {
  it('round-trips a plan: form values from it give back the same body', () => {
    const values = valuesFromPlan(plan);
    expect(values).toMatchObject({
      price: '20',
      periodKind: 'days',
      periodDays: '14',
      requestsPerMinute: '30',
      overflowToBalance: true,
    });
    expect(values.allowances.map((row) => [row.window, row.unit, row.limit])).toEqual([
      ['five_hour', 'money', '1.5'],
      ['week', 'tokens', '2000000'],
    ]);
    expect(validatePlanForm(values)).toEqual({});
    const { id: _, priceUsd: __, status: ___, createdAt: ____, updatedAt: _____, ...fields } = plan;
    expect(planBody(values)).toEqual(fields);
  });

  it('builds the body with units, a month period and no rate limit', () => {
    expect(planBody(filled())).toEqual({
      name: 'Starter',
      description: '',
      price: 9_990_000,
      period: { kind: 'month' },
      models: ['gpt-4.1-mini'],
      allowances: { five_hour: { unit: 'money', limit: 1_500_000 } },
      requestsPerMinute: null,
      overflowToBalance: false,
    });
  });

  it('accepts a plan without allowances (unlimited use in the period) and a free plan', () => {
    expect(validatePlanForm(filled({ allowances: [], price: '0' }))).toEqual({});
  });

  it('refuses what the server would refuse', () => {
    const errors = validatePlanForm(
      filled({
        name: '  ',
        price: '-1',
        periodKind: 'days',
        periodDays: '0',
        models: [],
        requestsPerMinute: '1.5',
      }),
    );
    expect(errors).toMatchObject({
      name: 'nameRequired',
      price: 'priceInvalid',
      periodDays: 'daysInvalid',
      models: 'modelsRequired',
      requestsPerMinute: 'rpmInvalid',
    });
    expect(validatePlanForm(filled({ models: ['gpt 4'] })).models).toBe('modelInvalid');
    expect(validatePlanForm(filled({ name: 'x'.repeat(201) })).name).toBe('nameTooLong');
    expect(validatePlanForm(filled({ periodKind: 'days', periodDays: '3651' })).periodDays).toBe('daysInvalid');
  });

  it('checks each allowance row: a positive amount in its unit, one row per window', () => {
    const money = { ...newAllowanceRow(), window: 'five_hour' as const, unit: 'money' as const, limit: '0' };
    const tokens = { ...newAllowanceRow(), window: 'day' as const, unit: 'tokens' as const, limit: '12.5' };
    const twice = { ...newAllowanceRow(), window: 'day' as const, unit: 'tokens' as const, limit: '100' };
    const errors = validatePlanForm(filled({ allowances: [money, tokens, twice] }));
    expect(errors.allowances).toEqual({
      [money.id]: 'moneyLimitInvalid',
      [tokens.id]: 'tokenLimitInvalid',
      [twice.id]: 'windowTwice',
    });
    expect(hasErrors(errors)).toBe(true);
    expect(allowanceLimit({ unit: 'money', limit: '$0.000001' })).toBe(1);
    expect(allowanceLimit({ unit: 'money', limit: '0.0000001' })).toBeUndefined();
    expect(allowanceLimit({ unit: 'tokens', limit: '1000000' })).toBe(1_000_000);
  });

  it('offers the next free window for a new row', () => {
    expect(newAllowanceRow(['five_hour', 'day']).window).toBe('week');
    expect(newAllowanceRow().window).toBe('five_hour');
  });

  it('places server errors on their field or row', () => {
    const values = filled();
    expect(fieldOfParam('allowances.five_hour', values)).toEqual({ rowId: values.allowances[0]?.id });
    expect(fieldOfParam('allowances.week', values)).toBeUndefined();
    expect(fieldOfParam('period.days', values)).toEqual({ field: 'periodDays' });
    expect(fieldOfParam('name', values)).toEqual({ field: 'name' });
    expect(fieldOfParam(null, values)).toBeUndefined();
    expect(fieldOfParam('status', values)).toBeUndefined();
  });
});
