import { describe, expect, it } from 'vitest';
import { cnyPerUsdText, formatPayAmount, parseCnyPerUsd } from './payment-format';
import { paymentBaseUrl, providerUrls } from './payment-urls';

describe('pay amounts', () => {
  it('shows minor units in their currency', () => {
    expect(formatPayAmount(72_000, 'CNY')).toBe('¥720.00');
    expect(formatPayAmount(1000, 'USD')).toBe('$10.00');
    expect(formatPayAmount(123_456_7, 'USD')).toBe('$12,345.67');
    expect(formatPayAmount(-5, 'CNY')).toBe('-¥0.05');
    expect(formatPayAmount(1200, 'EUR')).toBe('12.00 EUR');
  });

  it('shows and reads the CNY rate as yuan per dollar, stored as fen', () => {
    expect(cnyPerUsdText(720)).toBe('7.20');
    expect(parseCnyPerUsd('7.2')).toBe(720);
    expect(parseCnyPerUsd(' 7.25 ')).toBe(725);
    expect(parseCnyPerUsd('7')).toBe(700);
    expect(parseCnyPerUsd('7.255')).toBeUndefined();
    expect(parseCnyPerUsd('0')).toBeUndefined();
    expect(parseCnyPerUsd('-1')).toBeUndefined();
    expect(parseCnyPerUsd('abc')).toBeUndefined();
  });
});

describe('provider URLs', () => {
  it('uses the public URL when set, else the console origin, without trailing slashes', () => {
    expect(paymentBaseUrl('https://pay.example.com/', 'http://127.0.0.1:3000')).toBe('https://pay.example.com');
    expect(paymentBaseUrl('  ', 'http://127.0.0.1:3000')).toBe('http://127.0.0.1:3000');
    expect(providerUrls('https://x.io', 'epay')).toEqual({
      notifyUrl: 'https://x.io/api/payments/epay/notify',
      returnUrl: 'https://x.io/api/payments/epay/return',
    });
  });
});
