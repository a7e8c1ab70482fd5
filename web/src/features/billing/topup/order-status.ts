/**
 * How an order's state reads in the console. Pure. The server has no resting "paid" state: a
 * verified payment and its credit commit together (src/payments/payment-types.ts), so an order
 * is `created` until it is credited, expired, failed or refunded.
 */
import type { BadgeVariant } from '../../../components/ui';
import type { OrderStatus, PayCurrency } from './payment-types';

export const ORDER_STATUS_BADGE: Record<OrderStatus, BadgeVariant> = {
  created: 'info',
  credited: 'success',
  expired: 'neutral',
  failed: 'danger',
  refunded: 'warning',
};

/** Whether the order may still change by itself (the provider has not answered yet): keep polling. */
export function isAwaitingPayment(status: OrderStatus): boolean {
  return status === 'created';
}

/** Milliseconds between polls of an order: every 2 s while awaiting payment, then never. */
export function orderPollInterval(status: OrderStatus | undefined): number | false {
  if (status === undefined) return false;
  return isAwaitingPayment(status) ? 2_000 : false;
}

/** `$12.00`, `¥86.40`: a provider amount in minor units (cents, fen). */
export function formatPayAmount(minor: number, currency: PayCurrency, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay: 'narrowSymbol' }).format(
    minor / 100,
  );
}

/** Credit the order still gives after refunds took some back (units). */
export function netCredit(order: { creditAmount: number; reversedAmount: number }): number {
  return order.creditAmount - order.reversedAmount;
}
