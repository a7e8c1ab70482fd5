import { describe, expect, it } from 'vitest';
import { encodeStripeForm } from './stripe-form.js';

describe('encodeStripeForm', () => {
  it('writes nested objects and arrays in bracket notation, values percent-encoded', () => {
    const body = encodeStripeForm({
      mode: 'payment',
      line_items: [{ quantity: 1, price_data: { currency: 'usd', product_data: { name: 'AIHub credit $10 & more' } } }],
      metadata: { order_id: 'ord_1' },
      skipped: undefined,
    });
    expect(body).toBe(
      'mode=payment&line_items[0][quantity]=1&line_items[0][price_data][currency]=usd' +
        '&line_items[0][price_data][product_data][name]=AIHub%20credit%20%2410%20%26%20more&metadata[order_id]=ord_1',
    );
    // What a form parser reads back is what we meant.
    const parsed = new URLSearchParams(body);
    expect(parsed.get('line_items[0][price_data][product_data][name]')).toBe('AIHub credit $10 & more');
  });

  it('percent-encodes unicode (a Chinese product name) as UTF-8', () => {
    const body = encodeStripeForm({ name: '充值 ¥72' });
    expect(new URLSearchParams(body).get('name')).toBe('充值 ¥72');
  });
});
