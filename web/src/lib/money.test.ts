import { describe, expect, it } from 'vitest';
import { formatMoney, formatPricePerMillion, parseMoney, unitsToDecimal } from './money';

describe('formatMoney', () => {
  it.each([
    [0, '$0.00'],
    [200_000, '$0.20'],
    [1_234_567, '$1.23'],
    [12_345_000_000, '$12,345.00'],
    [450, '$0.00045'],
    [2_500, '$0.0025'],
    [1, '$0.000001'],
    [-1_500_000, '-$1.50'],
  ])('%i units → %s', (units, text) => {
    expect(formatMoney(units)).toBe(text);
  });

  it('signs credits and fixes digits on request', () => {
    expect(formatMoney(200_000, { signed: true })).toBe('+$0.20');
    expect(formatMoney(-450, { signed: true })).toBe('-$0.00045');
    expect(formatMoney(1_234_567, { digits: 6 })).toBe('$1.234567');
  });
});

describe('formatPricePerMillion', () => {
  it('keeps sub-cent prices readable', () => {
    expect(formatPricePerMillion(2_500_000)).toBe('$2.50');
    expect(formatPricePerMillion(75)).toBe('$0.0001');
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
