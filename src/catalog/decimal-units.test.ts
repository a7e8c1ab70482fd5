import { describe, expect, it } from 'vitest';
import { scaleDecimal, usdPerTokenToUnitsPerMillion, usdToUnits } from './decimal-units.js';

describe('usdPerTokenToUnitsPerMillion', () => {
  it('converts per-token USD to integer units per 1M tokens exactly', () => {
    expect(usdPerTokenToUnitsPerMillion(1.25e-6)).toEqual({ value: 1_250_000, exact: true });
    expect(usdPerTokenToUnitsPerMillion(4e-7)).toEqual({ value: 400_000, exact: true });
    expect(usdPerTokenToUnitsPerMillion(0.0000016)).toEqual({ value: 1_600_000, exact: true });
    expect(usdPerTokenToUnitsPerMillion(0.00000375)).toEqual({ value: 3_750_000, exact: true });
    expect(usdPerTokenToUnitsPerMillion(2.8e-8)).toEqual({ value: 28_000, exact: true });
    expect(usdPerTokenToUnitsPerMillion(5.46875e-7)).toEqual({ value: 546_875, exact: true });
    expect(usdPerTokenToUnitsPerMillion(0)).toEqual({ value: 0, exact: true });
  });

  it('does what float multiplication gets wrong', () => {
    // per token → per 1M tokens → units, in floats: 399999.99999999994 and 1599999.9999999998
    expect(Math.trunc(4e-7 * 1e6 * 1e6)).toBe(399_999);
    expect(Math.trunc(0.0000016 * 1e6 * 1e6)).toBe(1_599_999);
    expect(usdPerTokenToUnitsPerMillion(4e-7).value).toBe(400_000);
    expect(usdPerTokenToUnitsPerMillion(0.0000016).value).toBe(1_600_000);
  });

  it('accepts decimal strings in plain and exponent form', () => {
    expect(usdPerTokenToUnitsPerMillion('0.00000125').value).toBe(1_250_000);
    expect(usdPerTokenToUnitsPerMillion('1.25E-6').value).toBe(1_250_000);
    expect(usdPerTokenToUnitsPerMillion('125e-8').value).toBe(1_250_000);
    expect(usdPerTokenToUnitsPerMillion('.5e-6').value).toBe(500_000);
    expect(usdPerTokenToUnitsPerMillion('3').value).toBe(3_000_000_000_000);
  });

  it('rounds half-up and reports inexact values', () => {
    expect(usdPerTokenToUnitsPerMillion('1.2345e-13')).toEqual({ value: 0, exact: false });
    expect(usdPerTokenToUnitsPerMillion('1.5e-12')).toEqual({ value: 2, exact: false });
    expect(usdPerTokenToUnitsPerMillion('1.4999e-12')).toEqual({ value: 1, exact: false });
    expect(usdPerTokenToUnitsPerMillion(0.0002833333333333333)).toEqual({ value: 283_333_333, exact: false });
  });
});

describe('usdToUnits', () => {
  it('converts per-item USD to units', () => {
    expect(usdToUnits(0.04)).toEqual({ value: 40_000, exact: true });
    expect(usdToUnits(0.0048)).toEqual({ value: 4_800, exact: true });
    expect(usdToUnits(0.00166)).toEqual({ value: 1_660, exact: true });
    expect(usdToUnits(8e-7)).toEqual({ value: 1, exact: false });
  });
});

describe('scaleDecimal', () => {
  it('handles signs, integers and large exponents', () => {
    expect(scaleDecimal('-1.5', 1)).toEqual({ value: -15, exact: true });
    expect(scaleDecimal('42', 0)).toEqual({ value: 42, exact: true });
    expect(scaleDecimal('1e3', -3)).toEqual({ value: 1, exact: true });
    expect(scaleDecimal('0.000', 2)).toEqual({ value: 0, exact: true });
  });

  it('rejects what is not a finite decimal', () => {
    for (const bad of ['', '.', 'abc', '1.2.3', '1e', '0x10', '1,5']) {
      expect(() => scaleDecimal(bad, 6), bad).toThrow(RangeError);
    }
    expect(() => scaleDecimal(Number.NaN, 6)).toThrow(RangeError);
    expect(() => scaleDecimal(Number.POSITIVE_INFINITY, 6)).toThrow(RangeError);
    expect(() => scaleDecimal('1e30', 6)).toThrow(/safe integer/);
    expect(() => scaleDecimal('1', 0.5)).toThrow(RangeError);
  });
});
