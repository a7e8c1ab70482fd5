/**
 * Finds the order behind a Stripe refund or dispute (stripe-event.ts leaves those `ignored` with
 * a `trace_charge` detail): the charge, read from Stripe with our secret key, carries the
 * `order_id` metadata Stripe copied from the PaymentIntent when the checkout was paid. What
 * Stripe's API answers is trusted like the signed event itself: it comes from Stripe over TLS,
 * asked with our own key.
 */
import type { PaymentNotice } from '../payment-types.js';
import type { StripeClient } from './stripe-api.js';
import { toCurrency } from './stripe-event.js';

export async function traceStripeNotice(client: StripeClient, notice: PaymentNotice): Promise<PaymentNotice> {
  if (notice.type !== 'ignored' || notice.orderId) return notice;
  const { trace_charge: chargeId, trace_then: then, trace_reason: reason } = notice.detail;
  if (!chargeId) return notice;
  const charge = await client.getCharge(chargeId);
  const orderId = charge.metadata?.order_id;
  const detail = { ...notice.detail };
  if (!orderId) return { ...notice, reason: `${reason} Charge ${chargeId} is not from an AIHub checkout.` };
  const currency = toCurrency(detail.currency);
  const amount = Number(detail.amount);
  if (then === 'reversed' && detail.reversal_id && currency && Number.isSafeInteger(amount)) {
    return {
      type: 'reversed',
      eventKey: notice.eventKey ?? detail.reversal_id,
      orderId,
      reversalId: detail.reversal_id,
      payAmount: amount,
      currency,
      detail,
    };
  }
  return { ...notice, orderId, reason: reason ?? notice.reason };
}
