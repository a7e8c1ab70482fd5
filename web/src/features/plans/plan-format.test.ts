import { describe, expect, it } from 'vitest';
import { coversEverything, historyKind, periodLabel, planAllowances } from './plan-format';

describe('periods, allowances and models', () => {
  it('labels periods', () => {
    expect(periodLabel({ kind: 'month' })).toEqual({ key: 'month', count: 1 });
    expect(periodLabel({ kind: 'week' })).toEqual({ key: 'week', count: 1 });
    expect(periodLabel({ kind: 'days', days: 30 })).toEqual({ key: 'days', count: 30 });
  });

  it('lists allowances shortest window first', () => {
    expect(
      planAllowances({
        allowances: { week: { unit: 'money', limit: 5 }, five_hour: { unit: 'tokens', limit: 10 } },
      }),
    ).toEqual([
      { name: 'five_hour', unit: 'tokens', limit: 10 },
      { name: 'week', unit: 'money', limit: 5 },
    ]);
  });

  it('knows a plan that covers every model', () => {
    expect(coversEverything(['*'])).toBe(true);
    expect(coversEverything(['gpt-*'])).toBe(false);
  });

  it('keeps unknown history kinds readable', () => {
    expect(historyKind('granted')).toBe('granted');
    expect(historyKind('something_new')).toBe('other');
  });
});
