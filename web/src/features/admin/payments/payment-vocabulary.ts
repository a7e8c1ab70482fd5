/**
 * The payment area's words as the console shows them: order states, methods and event outcomes,
 * each with its badge colour. Records keyed by the API's unions, so a new state on the server
 * fails the type check here until it has a colour and a label.
 */
import type { BadgeVariant } from '../../../components/ui';
import type { OrderStatus, PaymentMethod } from './types';

export const ORDER_STATUS_VARIANT: Record<OrderStatus, BadgeVariant> = {
  created: 'info',
  credited: 'success',
  expired: 'neutral',
  failed: 'danger',
  refunded: 'warning',
};
export const ORDER_STATUSES = Object.keys(ORDER_STATUS_VARIANT) as OrderStatus[];

const METHOD_NAMES: Record<PaymentMethod, string> = { stripe: 'Stripe', alipay: 'Alipay', epay: 'EPay' };
export const PAYMENT_METHODS = Object.keys(METHOD_NAMES) as PaymentMethod[];

/** Brand names stay as they are in both languages (the console says 支付宝 only in prose). */
export function methodName(method: string): string {
  return (METHOD_NAMES as Record<string, string>)[method] ?? method;
}

export function isPaymentMethod(value: string | null | undefined): value is PaymentMethod {
  return (PAYMENT_METHODS as string[]).includes(value ?? '');
}

export function isOrderStatus(value: string | null | undefined): value is OrderStatus {
  return (ORDER_STATUSES as string[]).includes(value ?? '');
}

/**
 * What a received notification came to (the server's `outcome`: a free string, so unknown ones
 * fall in `other`). accepted = it changed the order; duplicate = already applied; refused = not
 * applied, with the reason.
 */
export const EVENT_OUTCOMES = [
  'credited',
  'reversed',
  'duplicate',
  'refused',
  'verify_failed',
  'ignored',
  'marked',
  'returned',
] as const;
export type EventOutcome = (typeof EVENT_OUTCOMES)[number];

export const OUTCOME_VARIANT: Record<EventOutcome | 'other', BadgeVariant> = {
  credited: 'success',
  reversed: 'warning',
  duplicate: 'neutral',
  refused: 'danger',
  verify_failed: 'danger',
  ignored: 'outline',
  marked: 'primary',
  returned: 'outline',
  other: 'outline',
};

export function knownOutcome(outcome: string): EventOutcome | 'other' {
  return (EVENT_OUTCOMES as readonly string[]).includes(outcome) ? (outcome as EventOutcome) : 'other';
}

/** Why a notification was refused, from the server's reason text (English, fixed phrases). */
export type RefusalCause =
  | 'signature'
  | 'merchant'
  | 'unknown_order'
  | 'amount'
  | 'currency'
  | 'event_reused'
  | 'timestamp'
  | 'malformed'
  | 'other';

const CAUSES: [RegExp, RefusalCause][] = [
  [/timestamp/i, 'timestamp'],
  [/signature/i, 'signature'],
  [/not ours/i, 'merchant'],
  [/^No order of ours/i, 'unknown_order'],
  [/^Paid \d+ minor units; the order is for/i, 'amount'],
  [/^Currency \S+ does not match/i, 'currency'],
  [/already applied to another order/i, 'event_reused'],
  [
    /not JSON|not a Stripe event|not what Stripe sends|unreadable|not an amount|without out_trade_no|names no out_trade_no/i,
    'malformed',
  ],
];

export function refusalCause(reason: string): RefusalCause {
  return CAUSES.find(([pattern]) => pattern.test(reason))?.[1] ?? 'other';
}

/** Whether the outcome is a refusal (its reason is the point). */
export function isRefusal(outcome: string): boolean {
  return outcome === 'refused' || outcome === 'verify_failed';
}
