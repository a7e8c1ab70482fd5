import { describe, expect, it } from 'vitest';
import { handoffFor, isWebLink } from './payment-handoff';

describe('handoffFor', () => {
  it('redirects to a page-only checkout', () => {
    expect(handoffFor({ status: 'created', checkout: { url: 'https://pay.example/s/1' } })).toEqual({
      kind: 'redirect',
      url: 'https://pay.example/s/1',
    });
  });

  it('shows a QR code, with the page when both are given', () => {
    expect(handoffFor({ status: 'created', checkout: { qrCode: 'https://qr.alipay.com/x' } })).toEqual({
      kind: 'qr',
      qrCode: 'https://qr.alipay.com/x',
    });
    expect(handoffFor({ status: 'created', checkout: { qrCode: 'weixin://x', url: 'https://p/1' } })).toEqual({
      kind: 'qr',
      qrCode: 'weixin://x',
      url: 'https://p/1',
    });
  });

  it('has nothing to open for a failed or empty checkout', () => {
    expect(handoffFor({ status: 'failed', checkout: { url: 'https://p/1' } })).toEqual({ kind: 'none' });
    expect(handoffFor({ status: 'created', checkout: null })).toEqual({ kind: 'none' });
    expect(handoffFor({ status: 'created', checkout: {} })).toEqual({ kind: 'none' });
  });
});

describe('isWebLink', () => {
  it.each([
    ['https://qr.alipay.com/abc', true],
    ['HTTP://x', true],
    ['weixin://wxpay/bizpayurl?pr=1', false],
    ['javascript:alert(1)', false],
  ])('%s → %s', (text, expected) => {
    expect(isWebLink(text)).toBe(expected);
  });
});
