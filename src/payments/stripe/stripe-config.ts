/** Stripe's provider configuration: what the console edits and the environment presets (DESIGN.md §4). */
import { z } from 'zod';
import { CURRENCIES } from '../payment-types.js';

export const stripeConfigSchema = z.object({
  /** `sk_live_…` / `sk_test_…` (or a restricted key allowed to write Checkout Sessions and read charges). */
  secretKey: z.string().min(1),
  /** The webhook endpoint's signing secret, `whsec_…`. */
  webhookSecret: z.string().min(1),
  /** The API's host root; requests go to `{baseUrl}/v1/…`. Tests point it at the emulator. */
  baseUrl: z
    .string()
    .url()
    .default('https://api.stripe.com')
    .transform((url) => url.replace(/\/+$/, '')),
  /** What checkouts charge in (Stripe converts nothing for us: the order's currency is this one). */
  currency: z.enum(CURRENCIES).default('USD'),
});

export type StripeConfig = z.output<typeof stripeConfigSchema>;

export const STRIPE_SECRET_FIELDS = ['secretKey', 'webhookSecret'] as const;

export const STRIPE_ENV = {
  secretKey: 'STRIPE_SECRET_KEY',
  webhookSecret: 'STRIPE_WEBHOOK_SECRET',
  baseUrl: 'STRIPE_BASE_URL',
} as const;
