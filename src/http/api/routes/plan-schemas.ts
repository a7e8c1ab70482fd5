/**
 * Request and response schemas of the plan and subscription routes (they double as the OpenAPI
 * description). Money is integer units (1e-6 USD); `…Usd` fields are display text; times are Unix ms.
 */
import { z } from 'zod';
import { ALLOWANCE_UNITS } from '../../../plans/plan-types.js';

const units = z.int().describe('Units of 1e-6 USD');
const usd = z.string().describe('The same amount as dollars, for display ($1.250000)');

export const planIdParams = z.strictObject({ id: z.string().min(1).max(200) });

const periodSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('month') }),
  z.strictObject({ kind: z.literal('week') }),
  z.strictObject({ kind: z.literal('days'), days: z.int().min(1).max(3650) }),
]);

const allowanceSchema = z
  .strictObject({
    unit: z.enum(ALLOWANCE_UNITS).describe('money: units at the sale prices; tokens: input + output tokens'),
    limit: z.int().positive().max(Number.MAX_SAFE_INTEGER),
  })
  .describe('What one window allows');

const allowancesSchema = z
  .strictObject({
    five_hour: allowanceSchema.optional().describe('Rolling: opens at the first request, resets 5 hours later'),
    day: allowanceSchema.optional().describe('Resets at midnight in the planTimezone setting'),
    week: allowanceSchema.optional().describe('Resets on Monday at midnight in the planTimezone setting'),
    period: allowanceSchema.optional().describe('The whole subscription period'),
  })
  .describe('Any subset of windows; none = unlimited use of the covered models during the period');

const planFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().max(4000),
  price: z.int().nonnegative().max(Number.MAX_SAFE_INTEGER).describe('Units per period'),
  period: periodSchema,
  models: z
    .array(z.string().trim().min(1).max(200))
    .min(1)
    .max(500)
    .describe('Model ids and * globs covered (["*"]: every model), matched against the model the client names'),
  allowances: allowancesSchema,
  requestsPerMinute: z
    .int()
    .positive()
    .max(1_000_000)
    .nullable()
    .describe('Covered requests per minute; null = no limit'),
  overflowToBalance: z
    .boolean()
    .describe('When a window is used up, charge the balance instead of refusing with a 429'),
};

export const createPlanBody = z.strictObject({
  ...planFields,
  description: planFields.description.optional(),
  requestsPerMinute: planFields.requestsPerMinute.optional(),
  overflowToBalance: planFields.overflowToBalance.optional(),
});

export const updatePlanBody = z.strictObject({
  name: planFields.name.optional(),
  description: planFields.description.optional(),
  price: planFields.price.optional(),
  period: periodSchema.optional(),
  models: planFields.models.optional(),
  allowances: allowancesSchema.optional(),
  requestsPerMinute: planFields.requestsPerMinute.optional(),
  overflowToBalance: planFields.overflowToBalance.optional(),
  status: z
    .enum(['active', 'archived'])
    .optional()
    .describe('archived: no longer sold nor renewed; kept for its subscribers'),
});

export const planSchema = z.object({
  id: z.string(),
  ...planFields,
  priceUsd: usd,
  status: z.enum(['active', 'archived']),
  createdAt: z.int(),
  updatedAt: z.int(),
});

export const planListResponse = z.object({ plans: z.array(planSchema) });

export const purchaseBody = z.strictObject({
  autoRenew: z.boolean().optional().describe('Renew from the balance at each period end (default false)'),
});

const windowSchema = z.object({
  name: z.enum(['five_hour', 'day', 'week', 'period', 'minute']),
  unit: z.enum(['money', 'tokens', 'requests']),
  limit: z.int(),
  used: z.int().describe('Used in the current window (0 once it has closed)'),
  reserved: z.int().describe('Held by requests in progress'),
  resetsAt: z.int().nullable().describe('When the window resets; null: a rolling window the next request opens'),
});

export const subscriptionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  planId: z.string(),
  planName: z.string(),
  status: z.enum(['active', 'expired', 'cancelled']),
  models: z.array(z.string()),
  overflowToBalance: z.boolean(),
  price: units.describe('What this period cost (0 for grants and codes)'),
  autoRenew: z.boolean(),
  periodNumber: z.int(),
  periodStart: z.int(),
  periodEnd: z.int(),
  source: z.enum(['purchase', 'redemption', 'admin', 'order']),
  sourceRef: z.string().nullable().describe('The order or redemption code id'),
  createdAt: z.int(),
  updatedAt: z.int(),
  windows: z.array(windowSchema),
  history: z
    .array(z.object({ kind: z.string(), detail: z.string(), at: z.int() }))
    .describe('granted, renewed, expired, cancelled, auto_renew_changed; newest first'),
});

export const subscriptionListResponse = z.object({ subscriptions: z.array(subscriptionSchema) });

export const adminSubscriptionsQuery = z.strictObject({ userId: z.string().min(1).max(200).optional() });

export const grantBody = z.strictObject({
  userId: z.string().min(1).max(200),
  planId: z.string().min(1).max(200),
  autoRenew: z.boolean().optional().describe('Renew from the user’s balance at period end (default false)'),
  note: z.string().trim().max(500).optional(),
});

export const updateSubscriptionBody = z.strictObject({
  status: z.literal('cancelled').optional().describe('Cancel now: coverage stops at once, nothing is refunded'),
  autoRenew: z.boolean().optional(),
});
