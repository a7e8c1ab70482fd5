/**
 * What the browser does with a freshly created order. Pure.
 * - `qr`: the provider gave text to show as a QR code (Alipay precreate, EPay api mode): a dialog
 *   shows it, with the page link when there is one, and follows the order's state.
 * - `redirect`: only a page: the browser goes there (Stripe Checkout, EPay's cashier).
 * - `none`: nothing to pay with (the checkout failed): the order's state says why.
 */
import type { PaymentOrder } from './payment-types';

export type Handoff =
  | { kind: 'redirect'; url: string }
  | { kind: 'qr'; qrCode: string; url?: string }
  | { kind: 'none' };

export function handoffFor(order: Pick<PaymentOrder, 'checkout' | 'status'>): Handoff {
  const checkout = order.checkout;
  if (order.status !== 'created' || !checkout) return { kind: 'none' };
  if (checkout.qrCode) return { kind: 'qr', qrCode: checkout.qrCode, ...(checkout.url ? { url: checkout.url } : {}) };
  if (checkout.url) return { kind: 'redirect', url: checkout.url };
  return { kind: 'none' };
}

/** Whether QR text is itself a web address the person can open (most providers' codes are). */
export function isWebLink(text: string): boolean {
  return /^https?:\/\//i.test(text.trim());
}
