import { describe, expect, it } from 'vitest';
import { fenToYuanText, yuanTextToFen } from './epay-money.js';

describe('EPay money', () => {
  it.each([
    [0, '0.00'],
    [5, '0.05'],
    [72, '0.72'],
    [1234, '12.34'],
    [720_000, '7200.00'],
  ])('writes %i fen as %s yuan', (fen, text) => {
    expect(fenToYuanText(fen)).toBe(text);
    expect(yuanTextToFen(text)).toBe(fen);
  });

  it.each([
    ['12.3', 1230],
    ['12', 1200],
    ['0.01', 1],
    ['0.1', 10],
  ])('reads %s yuan as %i fen', (text, fen) => {
    expect(yuanTextToFen(text)).toBe(fen);
  });

  it.each(['', '-1.00', '1.001', '1e2', ' 1.00', '1.00 ', '1,00', '.5', '1.', '0x10', 'NaN', '99999999999999.00'])(
    'refuses %j',
    (text) => {
      expect(yuanTextToFen(text)).toBeUndefined();
    },
  );

  it('refuses a negative or fractional fen amount', () => {
    expect(() => fenToYuanText(-1)).toThrow();
    expect(() => fenToYuanText(1.5)).toThrow();
  });
});
