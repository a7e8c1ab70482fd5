import { describe, expect, it } from 'vitest';
import { formatMoney, formatPricePerMillion, parseMoney, unitsToDecimal } from './money';

describe('formatMoney', () => {
  it.each([
    [0, '$0.00'],
    [200_000, '$0.20'],
    [1_234_567, '$1.234567'],
    [5_197_000, '$5.197'],
    [12_345_000_000, '$12,345.00'],
    [450, '$0.00045'],
    [2_500, '$0.0025'],
    [1, '$0.000001'],
    [-1_500_000, '-$1.50'],
  ])('%i units → %s', (units, text) => {
    expect(formatMoney(units)).toBe(text);
  });

  it('signs credits and pads to the digits asked for, never cutting significant ones', () => {
    expect(formatMoney(200_000, { signed: true })).toBe('+$0.20');
    expect(formatMoney(-450, { signed: true })).toBe('-$0.00045');
    expect(formatMoney(1_500_000, { digits: 6 })).toBe('$1.500000');
    expect(formatMoney(5_197_000, { digits: 2 })).toBe('$5.197');
    expect(formatMoney(7_000_000, { digits: 0 })).toBe('$7');
  });

  it('never rounds up: a fractional unit is cut toward zero', () => {
    expect(formatMoney(4_999_999.9)).toBe('$4.999999');
    expect(formatMoney(-0.5)).toBe('$0.00');
  });

  it('changes with every charge: twelve $0.00045 charges give twelve different balances', () => {
    const shown = new Set(Array.from({ length: 12 }, (_, i) => formatMoney(200_000 - 450 * (i + 1), { digits: 2 })));
    expect(shown.size).toBe(12);
  });
});

describe('formatPricePerMillion', () => {
  it('keeps sub-cent prices readable', () => {
    expect(formatPricePerMillion(2_500_000)).toBe('$2.50');
    expect(formatPricePerMillion(75)).toBe('$0.000075');
    expect(formatPricePerMillion(75_000)).toBe('$0.075');
    expect(formatPricePerMillion(0)).toBe('$0.00');
  });
});

describe('parseMoney and unitsToDecimal', () => {
  it.each([
    ['5', 5_000_000],
    ['0.25', 250_000],
    ['$1,000.50', 1_000_500_000],
    ['0.000001', 1],
    ['-2', -2_000_000],
  ])('%s → %i units', (text, units) => {
    expect(parseMoney(text)).toBe(units);
  });

  it.each(['', 'abc', '1.0000001', '1e3', '$'])('refuses %j', (text) => {
    expect(parseMoney(text)).toBeUndefined();
  });

  it('round-trips', () => {
    for (const units of [0, 1, 200_000, 1_500_000, 123_456_789]) expect(parseMoney(unitsToDecimal(units))).toBe(units);
    expect(unitsToDecimal(200_000)).toBe('0.2');
  });
});
