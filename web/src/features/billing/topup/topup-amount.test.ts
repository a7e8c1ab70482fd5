import { describe, expect, it } from 'vitest';
import { checkAmount, sortedTiers, usablePresets } from './topup-amount';

const DOLLAR = 1_000_000;

describe('checkAmount', () => {
  it.each([
    ['10', { ok: true, units: 10 * DOLLAR }],
    ['$1,000', { ok: true, units: 1000 * DOLLAR }],
    ['2.50', { ok: true, units: 2_500_000 }],
    ['', { ok: false, reason: 'empty' }],
    ['  ', { ok: false, reason: 'empty' }],
    ['abc', { ok: false, reason: 'invalid' }],
    ['-5', { ok: false, reason: 'invalid' }],
    ['0', { ok: false, reason: 'invalid' }],
    ['1.005', { ok: false, reason: 'invalid' }],
    ['0.5', { ok: false, reason: 'belowMin' }],
    ['1000.01', { ok: false, reason: 'aboveMax' }],
  ])('%j → %j', (text, expected) => {
    expect(checkAmount(text, DOLLAR, 1000 * DOLLAR)).toEqual(expected);
  });

  it('takes the limits inclusively', () => {
    expect(checkAmount('1', DOLLAR, 5 * DOLLAR)).toEqual({ ok: true, units: DOLLAR });
    expect(checkAmount('5', DOLLAR, 5 * DOLLAR)).toEqual({ ok: true, units: 5 * DOLLAR });
  });
});

describe('usablePresets', () => {
  it('keeps presets within the limits, once each, ascending', () => {
    expect(
      usablePresets(
        [50, 10, 10, 5000, 1].map((d) => d * DOLLAR),
        5 * DOLLAR,
        100 * DOLLAR,
      ),
    ).toEqual([10 * DOLLAR, 50 * DOLLAR]);
  });
});

describe('sortedTiers', () => {
  it('sorts by threshold and drops zero bonuses', () => {
    expect(
      sortedTiers([
        { atLeast: 100, bonus: 10 },
        { atLeast: 10, bonus: 0 },
        { atLeast: 50, bonus: 3 },
      ]),
    ).toEqual([
      { atLeast: 50, bonus: 3 },
      { atLeast: 100, bonus: 10 },
    ]);
  });
});
