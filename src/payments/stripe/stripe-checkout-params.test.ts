import { describe, expect, it } from 'vitest';
import { checkoutSessionParams, clampExpiry } from './stripe-checkout-params.js';

const NOW = 1_760_000_000_000;

describe('Checkout Session parameters', () => {
  it('carry the order’s amount, currency (lower-case), subject and id in all three places', () => {
    const params = checkoutSessionParams(
      { id: 'ord_1', payAmount: 7200, currency: 'CNY', subject: 'AIHub 充值', expiresAt: NOW + 3_600_000 },
      { notifyUrl: 'https://a.example/notify', returnUrl: 'https://a.example/back' },
      NOW,
    );
    expect(params).toMatchObject({
      mode: 'payment',
      line_items: [
        { quantity: 1, price_data: { currency: 'cny', unit_amount: 7200, product_data: { name: 'AIHub 充值' } } },
      ],
      client_reference_id: 'ord_1',
      metadata: { order_id: 'ord_1' },
      payment_intent_data: { metadata: { order_id: 'ord_1' } },
      success_url: 'https://a.example/back',
      cancel_url: 'https://a.example/back',
      expires_at: NOW / 1000 + 3600,
    });
  });

  it('clamp the expiry into the 30 min – 24 h Stripe accepts, with a minute of margin', () => {
    expect(clampExpiry(NOW + 60_000, NOW)).toBe(NOW / 1000 + 31 * 60);
    expect(clampExpiry(NOW + 48 * 3_600_000, NOW)).toBe(NOW / 1000 + 24 * 3600 - 60);
  });
});
