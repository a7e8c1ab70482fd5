import { describe, expect, it } from 'vitest';
import { billingPageUrl, checkoutUrls } from './payment-urls.js';

describe('payment URLs', () => {
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
