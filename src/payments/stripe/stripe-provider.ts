/**
 * Stripe Checkout as a payment provider: a hosted Checkout Session per order, confirmed by signed
 * webhooks (stripe-signature.ts, stripe-event.ts), refunds and lost disputes traced back to their
 * order through the charge (stripe-trace.ts).
 */
import type { PaymentLookup, PaymentProvider, PaymentProviderDefinition } from '../payment-types.js';
import { createStripeClient } from './stripe-api.js';
import { checkoutSessionParams } from './stripe-checkout-params.js';
import { STRIPE_ENV, STRIPE_SECRET_FIELDS, type StripeConfig, stripeConfigSchema } from './stripe-config.js';
import { stripeEventToNotice, toCurrency } from './stripe-event.js';
import { checkStripeSignature } from './stripe-signature.js';
import { traceStripeNotice } from './stripe-trace.js';

export const stripeDefinition: PaymentProviderDefinition<StripeConfig> = {
  method: 'stripe',
  configSchema: stripeConfigSchema as PaymentProviderDefinition<StripeConfig>['configSchema'],
  secretFields: STRIPE_SECRET_FIELDS,
  env: STRIPE_ENV,
  create(config, deps): PaymentProvider {
    const client = createStripeClient(config, deps.fetch);
    return {
      method: 'stripe',
      currency: config.currency,
      async createCheckout(order, urls) {
        const session = await client.createCheckoutSession(checkoutSessionParams(order, urls, deps.now()), order.id);
        if (!session.url) throw new Error(`Stripe opened session ${session.id} without a payment page URL.`);
        return { providerRef: session.id, url: session.url };
      },
      verifyNotification(notification) {
        const signature = checkStripeSignature({
          header: headerValue(notification.headers, 'stripe-signature'),
          rawBody: notification.rawBody,
          secret: config.webhookSecret,
          nowMs: deps.now(),
        });
        if (!signature.ok) return signature;
        return stripeEventToNotice(notification.rawBody);
      },
      completeNotice: (notice) => traceStripeNotice(client, notice),
      // Stripe retries a delivery that is not answered 2xx (for up to three days, backing off):
      // a 500 asks for exactly that when the database could not record the event.
      reply(outcome) {
        return outcome === 'ok'
          ? { status: 200, contentType: 'application/json', body: '{"received":true}' }
          : { status: 500, contentType: 'application/json', body: '{"received":false}' };
      },
      async lookup(order): Promise<PaymentLookup> {
        if (!order.providerRef) return { state: 'unknown', detail: { reason: 'The order has no Stripe session.' } };
        const session = await client.getCheckoutSession(order.providerRef);
        const detail: Record<string, string> = {
          session: session.id,
          status: session.status ?? '',
          payment_status: session.payment_status ?? '',
        };
        const state = session.payment_status === 'paid' ? 'paid' : session.status === 'expired' ? 'closed' : 'unpaid';
        return {
          state,
          payAmount: session.amount_total ?? undefined,
          currency: toCurrency(session.currency),
          detail,
        };
      },
    };
  },
};

/** Node lower-cases header names; a caller building the headers by hand may not. */
function headerValue(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}
