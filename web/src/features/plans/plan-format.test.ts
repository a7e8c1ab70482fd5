import { describe, expect, it } from 'vitest';
import {
  coversEverything,
  historyKind,
  periodLabel,
  planAllowances,
  sortWindows,
  windowFill,
  windowReset,
} from './plan-format';

describe('windowFill', () => {
  it.each([
    [
      { used: 0, reserved: 0, limit: 1000 },
      { ratio: 0, percent: 0, tone: 'ok' },
    ],
    [
      { used: 250, reserved: 0, limit: 1000 },
      { ratio: 0.25, percent: 25, tone: 'ok' },
    ],
    [
      { used: 700, reserved: 100, limit: 1000 },
      { ratio: 0.8, percent: 80, tone: 'warn' },
    ],
    [
      { used: 999, reserved: 0, limit: 1000 },
      { ratio: 0.999, percent: 99, tone: 'warn' },
    ],
    [
      { used: 1200, reserved: 0, limit: 1000 },
      { ratio: 1, percent: 100, tone: 'full' },
    ],
    [
      { used: 0, reserved: 0, limit: 0 },
      { ratio: 0, percent: 0, tone: 'ok' },
    ],
    [
      { used: 5, reserved: 0, limit: 0 },
      { ratio: 1, percent: 100, tone: 'full' },
    ],
  ])('%j → %j', (window, expected) => {
    expect(windowFill(window)).toEqual(expected);
  });
});

describe('windowReset', () => {
  it('says a closed rolling window opens at the next request', () => {
    expect(windowReset(null, 1000)).toEqual({ kind: 'rolling' });
  });
  it('gives the reset time, and whether it has passed', () => {
    expect(windowReset(5000, 1000)).toEqual({ kind: 'at', at: 5000, past: false });
    expect(windowReset(1000, 1000)).toEqual({ kind: 'at', at: 1000, past: true });
  });
});

describe('periods, windows and models', () => {
  it('labels periods', () => {
    expect(periodLabel({ kind: 'month' })).toEqual({ key: 'month', count: 1 });
    expect(periodLabel({ kind: 'week' })).toEqual({ key: 'week', count: 1 });
    expect(periodLabel({ kind: 'days', days: 30 })).toEqual({ key: 'days', count: 30 });
  });

  it('orders windows shortest first', () => {
    expect(sortWindows([{ name: 'period' }, { name: 'day' }, { name: 'minute' }, { name: 'five_hour' }])).toEqual([
      { name: 'minute' },
      { name: 'five_hour' },
      { name: 'day' },
      { name: 'period' },
    ]);
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
