/**
 * Where providers reach us: the notify (webhook) URL and the browser's return URL of an order,
 * under a base from platform/public-origin.ts `publicBaseFor` (the operator's address, else the
 * origin the request came in at: the order is the requester's own). Pure.
 */
import type { CheckoutUrls, PaymentMethod } from './payment-types.js';

export function checkoutUrls(base: string, method: PaymentMethod, orderId: string): CheckoutUrls {
  const path = `${base}/api/payments/${encodeURIComponent(method)}`;
  return {
    notifyUrl: `${path}/notify`,
    returnUrl: `${path}/return?order=${encodeURIComponent(orderId)}`,
  };
}

/** The console page the browser lands on after paying: the billing page, showing the order. */
export function billingPageUrl(orderId: string | undefined): string {
  return orderId ? `/billing?order=${encodeURIComponent(orderId)}` : '/billing';
}
