/**
 * The payment area's shared vocabulary: methods, currencies, order states, and the contract every
 * payment provider (Stripe, Alipay, EPay) implements. Providers do wire formats and signatures;
 * order-service.ts alone decides what a verified notice does to an order and the ledger.
 */
import type { z } from 'zod';

export const PAYMENT_METHODS = ['stripe', 'alipay', 'epay'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const CURRENCIES = ['USD', 'CNY'] as const;
export type Currency = (typeof CURRENCIES)[number];

/**
 * An order's life (order-service.ts). There is no resting "paid" state: a verified payment and
 * its credit commit in one transaction, so no crash can leave an order paid and not credited.
 * - created → credited: the provider confirmed the payment (or an operator marked it).
 * - created → expired: nobody paid in time. A payment confirmed later still credits (the money
 *   was taken), so expired → credited exists too.
 * - created → failed: the provider refused the checkout, or an operator marked it failed.
 * - credited → refunded: refunds (and lost disputes) reversed the whole credit; a partial refund
 *   leaves the order credited with `reversed_amount` > 0.
 * - created/expired → refunded: a refund arrived before its payment; the payment, when it comes,
 *   is refused, so the user is never credited for money the provider gave back.
 */
export const ORDER_STATUSES = ['created', 'credited', 'expired', 'failed', 'refunded'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export const ORDER_PURPOSES = ['topup', 'plan'] as const;
export type OrderPurpose = (typeof ORDER_PURPOSES)[number];

/** The order as a provider needs it to open a checkout. */
export interface CheckoutOrder {
  id: string;
  /** Minor units of `currency` (cents, fen). */
  payAmount: number;
  currency: Currency;
  /** What the payment page shows, e.g. "AIHub credit $10.00". */
  subject: string;
  expiresAt: number;
  /**
   * The paying user's IP address as the order request reached us (behind a trusted proxy, the
   * client's). EPay's `mapi.php` refuses an order without it (`clientip`); the others ignore it.
   */
  payerIp?: string;
}

export interface CheckoutUrls {
  /** Where the provider posts its asynchronous notification or webhook. */
  notifyUrl: string;
  /** Where the user's browser comes back to after paying (never credits by itself). */
  returnUrl: string;
}

/** Where and how the user pays; stored on the order as JSON. */
export interface Checkout {
  /** The provider's id for this checkout (Stripe session id); the order id when the provider takes ours. */
  providerRef: string;
  /** A page to send the browser to. */
  url?: string;
  /** Text to render as a QR code (Alipay's precreate), for the console. */
  qrCode?: string;
}

/** A notification as it reached us, before any trust. */
export interface IncomingNotification {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  /** The exact bytes received: signatures cover them (Stripe). */
  rawBody: Buffer;
  /** Query string fields (EPay notifies with GET). */
  query: Record<string, string>;
  remoteAddress?: string;
}

/** What a verified notification says happened. */
export type PaymentNotice =
  | {
      type: 'paid';
      /** The provider's unique id for this event: applied once however often it is delivered. */
      eventKey: string;
      /** Our order id, when the provider echoes it back. */
      orderId?: string;
      /** The provider's reference, when the order id is not echoed. */
      providerRef?: string;
      payAmount: number;
      currency: Currency;
      /** Fields worth keeping for the operator (trade number, buyer id). No secrets. */
      detail: Record<string, string>;
    }
  | {
      /** Money went back to the payer: a refund, or a dispute the merchant lost. */
      type: 'reversed';
      eventKey: string;
      orderId?: string;
      providerRef?: string;
      /** The refund's or dispute's own id; one reversal per id. */
      reversalId: string;
      /** Minor units returned by this reversal (not cumulative). */
      payAmount: number;
      currency: Currency;
      detail: Record<string, string>;
    }
  | {
      /** Verified, but nothing to do (a dispute opened, a session that is still unpaid). */
      type: 'ignored';
      eventKey?: string;
      orderId?: string;
      providerRef?: string;
      reason: string;
      detail: Record<string, string>;
    };

export type VerifyResult =
  | { ok: true; notice: PaymentNotice }
  /** Not authentic or not ours: nothing is applied; `reason` is logged, never shown to the caller. */
  | { ok: false; reason: string };

/** What the provider expects back, so it stops (or keeps) retrying. */
export interface NotificationReply {
  status: number;
  contentType: string;
  body: string;
}

/** The provider's own view of an order, for an operator checking a stuck one. */
export interface PaymentLookup {
  state: 'paid' | 'unpaid' | 'closed' | 'refunded' | 'unknown';
  payAmount?: number;
  currency?: Currency;
  detail: Record<string, string>;
}

export interface PaymentProvider {
  readonly method: PaymentMethod;
  /** The currency this provider charges in. */
  readonly currency: Currency;
  /** Opens the provider-side checkout for a new order (an HTTP call for Stripe and Alipay's QR). */
  createCheckout(order: CheckoutOrder, urls: CheckoutUrls): Promise<Checkout>;
  /**
   * Authenticates a notification and says what it means: signature (and timestamp where the
   * protocol has one) and merchant checked here, with no I/O. Amount, currency and order state are
   * checked against the order by order-service.ts.
   */
  verifyNotification(notification: IncomingNotification): VerifyResult;
  /**
   * Optional: completes a verified notice with what only the provider's own API can tell, asked
   * with our credentials (I/O, unlike verifyNotification). A Stripe refund or dispute names a
   * charge, not our order; an Alipay refund notification gives the cumulative refunded total, not
   * the amount of this refund. Such notices come out of verifyNotification as `ignored` (safe to
   * apply as they are), and this turns them into what they mean. The notify route calls it, when
   * present, between verifyNotification and applyNotice; when it throws (the provider is
   * unreachable), the route answers `reply('retry')` so the provider delivers again later.
   */
  completeNotice?(notice: PaymentNotice): Promise<PaymentNotice>;
  /** The reply that tells the provider the notification was handled (`ok`) or should be retried. */
  reply(outcome: 'ok' | 'retry'): NotificationReply;
  /** Asks the provider about an order (operators checking a stuck one). */
  lookup(order: { id: string; providerRef: string | null }): Promise<PaymentLookup>;
}

/**
 * A provider's configuration and how to build it: the fields (zod), which of them are secrets
 * (encrypted at rest, never returned by the API), and the environment variable behind each field
 * (DESIGN.md §4: the console's value wins over the environment's).
 */
export interface PaymentProviderDefinition<Config extends Record<string, unknown> = Record<string, unknown>> {
  method: PaymentMethod;
  configSchema: z.ZodType<Config>;
  secretFields: ReadonlyArray<keyof Config & string>;
  env: Partial<Record<keyof Config & string, string>>;
  create(config: Config, deps: PaymentProviderDeps): PaymentProvider;
}

export interface PaymentProviderDeps {
  now: () => number;
  /** Outgoing HTTP (undici's fetch shape), so tests can point providers at emulators. */
  fetch: typeof fetch;
}
