/**
 * The Checkout Session we open for an order (`POST /v1/checkout/sessions`). The amount and
 * currency come from the order (the server's decision), never from the client. The order id
 * travels three ways: `client_reference_id` and `metadata[order_id]` on the session (what the
 * checkout.session.* events carry), and `payment_intent_data[metadata][order_id]` on the
 * PaymentIntent, which Stripe copies onto its charge, so refunds and disputes (which name the
 * charge) lead back to the order.
 */
import type { CheckoutOrder, CheckoutUrls } from '../payment-types.js';
import type { StripeFormValue } from './stripe-form.js';

/** Stripe refuses `expires_at` less than 30 minutes or more than 24 hours ahead. */
const MIN_EXPIRY_SECONDS = 30 * 60;
const MAX_EXPIRY_SECONDS = 24 * 60 * 60;
/** Kept inside both bounds so a second of latency or clock skew does not turn into a 400. */
const EXPIRY_MARGIN_SECONDS = 60;

export function checkoutSessionParams(
  order: CheckoutOrder,
  urls: CheckoutUrls,
  nowMs: number,
): Record<string, StripeFormValue> {
  return {
    mode: 'payment',
    line_items: [
      {
        quantity: 1,
        price_data: {
          currency: order.currency.toLowerCase(),
          unit_amount: order.payAmount,
          product_data: { name: order.subject },
        },
      },
    ],
    client_reference_id: order.id,
    metadata: { order_id: order.id },
    payment_intent_data: { metadata: { order_id: order.id } },
    success_url: urls.returnUrl,
    cancel_url: urls.returnUrl,
    expires_at: clampExpiry(order.expiresAt, nowMs),
  };
}

/** The order's expiry in Unix seconds, moved inside the window Stripe accepts. */
export function clampExpiry(expiresAtMs: number, nowMs: number): number {
  const now = Math.floor(nowMs / 1000);
  const wanted = Math.floor(expiresAtMs / 1000);
  const earliest = now + MIN_EXPIRY_SECONDS + EXPIRY_MARGIN_SECONDS;
  const latest = now + MAX_EXPIRY_SECONDS - EXPIRY_MARGIN_SECONDS;
  return Math.min(latest, Math.max(earliest, wanted));
}
