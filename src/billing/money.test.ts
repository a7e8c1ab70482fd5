import { describe, expect, it } from 'vitest';
import { formatUsd, usdToUnits } from './money.js';

describe('money', () => {
  it.each([
    ['0.2', 200_000],
    ['5', 5_000_000],
    ['0.000001', 1],
    ['12.345678', 12_345_678],
    ['-1.5', -1_500_000],
  ])('usdToUnits(%s) = %d', (text, units) => {
    expect(usdToUnits(text)).toBe(units);
  });

  it('formats units as dollars', () => {
    expect(formatUsd(200_000)).toBe('$0.200000');
    expect(formatUsd(-1_500_001)).toBe('-$1.500001');
  });

  it('rejects what is not an amount', () => {
    expect(() => usdToUnits('1e3')).toThrow();
    expect(() => usdToUnits('abc')).toThrow();
  });
});
