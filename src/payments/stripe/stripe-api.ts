/**
 * The few Stripe API calls AIHub makes, through the injected fetch: create and read a Checkout
 * Session, read a charge. Stripe's error envelope `{error: {type, code, message}}` becomes a
 * StripeApiError carrying Stripe's message (the order service logs it and answers 502).
 */
import { z } from 'zod';
import type { StripeConfig } from './stripe-config.js';
import { encodeStripeForm, type StripeFormValue } from './stripe-form.js';

export class StripeApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly type?: string,
  ) {
    super(message);
    this.name = 'StripeApiError';
  }
}

const errorEnvelope = z.object({
  error: z.object({ message: z.string().optional(), type: z.string().optional(), code: z.string().optional() }),
});

export const checkoutSessionSchema = z.object({
  id: z.string().min(1),
  url: z.string().nullish(),
  status: z.string().nullish(),
  payment_status: z.string().nullish(),
  amount_total: z.number().int().nullish(),
  currency: z.string().nullish(),
  payment_intent: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
});
export type CheckoutSession = z.output<typeof checkoutSessionSchema>;

export const chargeSchema = z.object({
  id: z.string(),
  metadata: z.record(z.string(), z.string()).nullish(),
  payment_intent: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
});

export interface StripeClient {
  createCheckoutSession(params: Record<string, StripeFormValue>, idempotencyKey: string): Promise<CheckoutSession>;
  getCheckoutSession(id: string): Promise<CheckoutSession>;
  getCharge(id: string): Promise<z.output<typeof chargeSchema>>;
}

/** Long enough for Stripe's slowest normal answers, short enough not to hold a user's click. */
const REQUEST_TIMEOUT_MS = 20_000;

export function createStripeClient(config: StripeConfig, fetchFn: typeof fetch): StripeClient {
  const call = async <T>(
    method: 'GET' | 'POST',
    path: string,
    schema: z.ZodType<T>,
    options: { body?: string; idempotencyKey?: string } = {},
  ): Promise<T> => {
    const headers: Record<string, string> = { authorization: `Bearer ${config.secretKey}` };
    if (options.body !== undefined) headers['content-type'] = 'application/x-www-form-urlencoded';
    if (options.idempotencyKey) headers['idempotency-key'] = options.idempotencyKey;
    const response = await fetchFn(`${config.baseUrl}${path}`, {
      method,
      headers,
      body: options.body,
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new StripeApiError(`Stripe answered ${response.status} with a body that is not JSON.`, response.status);
    }
    if (!response.ok) {
      const envelope = errorEnvelope.safeParse(json);
      const error = envelope.success ? envelope.data.error : undefined;
      throw new StripeApiError(error?.message ?? `Stripe answered ${response.status}.`, response.status, error?.type);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new StripeApiError(`Stripe's answer to ${method} ${path} is not what it documents.`, 502);
    return parsed.data;
  };
  return {
    createCheckoutSession: (params, idempotencyKey) =>
      call('POST', '/v1/checkout/sessions', checkoutSessionSchema, { body: encodeStripeForm(params), idempotencyKey }),
    getCheckoutSession: (id) => call('GET', `/v1/checkout/sessions/${encodeURIComponent(id)}`, checkoutSessionSchema),
    getCharge: (id) => call('GET', `/v1/charges/${encodeURIComponent(id)}`, chargeSchema),
  };
}
