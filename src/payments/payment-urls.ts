/**
 * Where providers reach us: the notify (webhook) URL and the browser's return URL of an order,
 * under the operator's `publicBaseUrl` when set, else under the origin the request came in at
 * (Fastify's protocol and host, which honour X-Forwarded-* only from a trusted proxy). Pure.
 */
import type { CheckoutUrls, PaymentMethod } from './payment-types.js';

export function paymentBaseUrl(publicBaseUrl: string, request: { protocol: string; host: string }): string {
  const base = publicBaseUrl.trim() || `${request.protocol}://${request.host}`;
  return base.replace(/\/+$/, '');
}

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
