import { describe, expect, it } from 'vitest';
import { billingPageUrl, checkoutUrls, paymentBaseUrl } from './payment-urls.js';

describe('payment URLs', () => {
  it('uses the operator public base URL when set, else the request origin', () => {
    expect(paymentBaseUrl('https://ai.example.com/', { protocol: 'http', host: '10.0.0.5:3000' })).toBe(
      'https://ai.example.com',
    );
    expect(paymentBaseUrl('', { protocol: 'https', host: 'relay.example.cn' })).toBe('https://relay.example.cn');
  });

  it('names the notify and return URLs of an order under the method', () => {
    expect(checkoutUrls('https://ai.example.com', 'epay', 'ord_1')).toEqual({
      notifyUrl: 'https://ai.example.com/api/payments/epay/notify',
      returnUrl: 'https://ai.example.com/api/payments/epay/return?order=ord_1',
    });
  });

  it('sends the browser back to the billing page, with the order when known', () => {
    expect(billingPageUrl('ord_1')).toBe('/billing?order=ord_1');
    expect(billingPageUrl(undefined)).toBe('/billing');
  });
});
