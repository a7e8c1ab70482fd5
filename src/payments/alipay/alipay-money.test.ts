import { describe, expect, it } from 'vitest';
import { fenToYuan, formatShanghaiTime, yuanToFen } from './alipay-money.js';

describe('Alipay amounts and times', () => {
  it.each([
    [0, '0.00'],
    [7, '0.07'],
    [7200, '72.00'],
    [123456789, '1234567.89'],
  ])('%i fen is %s yuan, and back', (fen, yuan) => {
    expect(fenToYuan(fen)).toBe(yuan);
    expect(yuanToFen(yuan)).toBe(fen);
  });

  it('reads one decimal and none; refuses what is not an amount', () => {
    expect(yuanToFen('72.5')).toBe(7250);
    expect(yuanToFen('72')).toBe(7200);
    for (const bad of ['', '-1', '1e3', '0.001', '72.', ' 72', '72.00 ', undefined])
      expect(yuanToFen(bad)).toBeUndefined();
    expect(() => fenToYuan(1.5)).toThrow();
  });

  it('formats Beijing time, across the UTC day boundary', () => {
    expect(formatShanghaiTime(Date.UTC(2026, 11, 31, 16, 5, 9))).toBe('2027-01-01 00:05:09');
  });
});
