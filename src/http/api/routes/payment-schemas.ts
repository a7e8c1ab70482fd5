/**
 * Request and response schemas of the payment routes (they double as the OpenAPI description).
 * Credit is integer units (1e-6 USD); `payAmount` is the provider's minor unit (cents, fen).
 */
import { z } from 'zod';
import { MAX_PAYMENT_PAGE } from '../../../payments/payment-queries.js';
import { CURRENCIES, ORDER_PURPOSES, ORDER_STATUSES, PAYMENT_METHODS } from '../../../payments/payment-types.js';

const units = z.int().describe('Units of 1e-6 USD');
const minor = z.int().describe("Minor units of the order's currency (cents, fen)");
const method = z.enum(PAYMENT_METHODS);
const time = z.int().describe('Milliseconds since the epoch');

export const orderIdParams = z.strictObject({ id: z.string().min(1).max(200) });
export const methodParams = z.strictObject({ method: z.string().min(1).max(40) });

export const paymentOptionsResponse = z.object({
  methods: z
    .array(z.object({ method, currency: z.enum(CURRENCIES) }))
    .describe('What the user may pay with: enabled by the operator and configured'),
  presets: z.array(units),
  minAmount: units,
  maxAmount: units,
  bonusTiers: z.array(z.object({ atLeast: units, bonus: units })),
  cnyFenPerUsd: z.int().describe('Fen per US dollar for methods that charge in CNY'),
});

export const quoteQuery = z.strictObject({
  method,
  amount: z.coerce.number().int().positive().describe('Credit to buy, before any bonus (units)'),
});

export const quoteResponse = z.object({
  amount: units,
  bonusAmount: units,
  creditAmount: units.describe('amount + bonus: what the balance gains'),
  currency: z.enum(CURRENCIES),
  payAmount: minor.describe('What the provider will charge'),
});

export const createOrderBody = z.union([
  z.strictObject({
    purpose: z.literal('topup').optional(),
    method,
    amount: units.positive().describe('Credit to buy, before any bonus; the server sets the price'),
  }),
  z.strictObject({ purpose: z.literal('plan'), method, planId: z.string().min(1).max(200) }),
]);

export const paymentOrderSchema = z.object({
  id: z.string(),
  userId: z.string(),
  method,
  purpose: z.enum(ORDER_PURPOSES),
  planId: z.string().nullable(),
  status: z.enum(ORDER_STATUSES),
  currency: z.enum(CURRENCIES),
  payAmount: minor,
  creditAmount: units.describe('What the balance gains when paid, bonus included'),
  bonusAmount: units,
  refundedPayAmount: minor,
  reversedAmount: units.describe('Credit taken back by refunds'),
  providerRef: z.string().nullable(),
  checkout: z
    .object({ url: z.string().optional(), qrCode: z.string().optional() })
    .nullable()
    .describe('Where to pay: a page to open and/or text to show as a QR code'),
  detail: z.record(z.string(), z.string()).nullable().describe("The provider's trade details, once paid"),
  markedBy: z.string().nullable().describe('The operator who marked it by hand'),
  createdAt: time,
  updatedAt: time,
  expiresAt: time,
  creditedAt: time.nullable(),
});

const pageQuery = {
  cursor: z.string().min(1).max(500).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(MAX_PAYMENT_PAGE).optional(),
};
const timeRange = {
  since: z.coerce.number().int().nonnegative().optional().describe('Created at or after (ms)'),
  until: z.coerce.number().int().nonnegative().optional().describe('Created before (ms)'),
};

export const myOrdersQuery = z.strictObject({ ...pageQuery });

export const adminOrdersQuery = z.strictObject({
  status: z.enum(ORDER_STATUSES).optional(),
  method: method.optional(),
  userId: z.string().min(1).max(200).optional(),
  ...timeRange,
  ...pageQuery,
});

export const ordersResponse = z.object({ data: z.array(paymentOrderSchema), nextCursor: z.string().nullable() });

export const paymentEventSchema = z.object({
  id: z.string(),
  provider: z.string(),
  eventKey: z.string().nullable(),
  orderId: z.string().nullable(),
  kind: z.string().describe('notify | webhook | return | admin'),
  outcome: z
    .string()
    .describe('credited | reversed | duplicate | refused | ignored | marked | verify_failed | returned'),
  reason: z.string(),
  actor: z.string().nullable(),
  remoteAddress: z.string().nullable(),
  payload: z.string().nullable().describe('The verified fields recorded (JSON text)'),
  createdAt: time,
});

export const adminEventsQuery = z.strictObject({
  outcome: z.string().min(1).max(40).optional(),
  provider: z.string().min(1).max(40).optional(),
  orderId: z.string().min(1).max(200).optional(),
  ...timeRange,
  ...pageQuery,
});

export const eventsResponse = z.object({ data: z.array(paymentEventSchema), nextCursor: z.string().nullable() });

export const adminOrderResponse = z.object({ order: paymentOrderSchema, events: z.array(paymentEventSchema) });

export const markOrderBody = z.strictObject({
  status: z.enum(['credited', 'failed', 'expired']),
  /** Why (what the provider's dashboard showed): required, it is the audit trail of a manual money move. */
  note: z.string().trim().min(1).max(1000),
});

export const lookupResponse = z.object({
  state: z.enum(['paid', 'unpaid', 'closed', 'refunded', 'unknown']),
  payAmount: minor.optional(),
  currency: z.enum(CURRENCIES).optional(),
  detail: z.record(z.string(), z.string()),
});

export const providerConfigSchema = z.object({
  method,
  configured: z.boolean(),
  problem: z.string().nullable().describe('Why it cannot take payments, when it cannot'),
  fields: z.array(
    z.object({
      name: z.string(),
      secret: z.boolean().describe('Write-only: its value is never returned'),
      envName: z.string().nullable(),
      source: z.enum(['console', 'env']).nullable().describe('Where its value comes from; null: unset'),
      value: z.string().nullable().describe('The value (null for secrets and unset fields)'),
    }),
  ),
});

export const providersResponse = z.object({ data: z.array(providerConfigSchema) });

export const updateProviderBody = z.strictObject({
  fields: z
    .record(z.string().min(1).max(64), z.string().max(8192).nullable())
    .describe('A string sets the console value; null clears it (the environment applies again)'),
});
