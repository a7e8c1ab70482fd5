/**
 * Request and response schemas of the billing, redemption, price and catalog routes (they double
 * as the OpenAPI description). Money is integer units (1e-6 USD); `…Usd` fields are display text.
 */
import { z } from 'zod';
import { MAX_LEDGER_PAGE } from '../../../billing/ledger-query.js';
import { LEDGER_REASON_CODES } from '../../../billing/ledger-reason.js';
import { priceRulesSchema } from '../../../billing/price-rules.js';
import { MAX_CODES_PER_BATCH } from '../../../billing/redemption-service.js';
import { tokenPriceShape } from '../../../billing/token-price-schema.js';
import { perUnitSchema, UNIT_KINDS } from '../../../billing/unit-prices.js';
import { catalogOverrideSchema } from '../../../catalog/catalog-override.js';
import { MODEL_MODES } from '../../../catalog/catalog-schema.js';
import { LEDGER_KINDS } from '../../../store/schema.js';

const units = z.int().describe('Units of 1e-6 USD');
const usd = z.string().describe('The same amount as dollars, for display ($1.250000)');

export const idParams = z.strictObject({ id: z.string().min(1).max(200) });

export const balanceResponse = z.object({
  balance: units,
  reserved: units.describe('Held by requests in progress'),
  available: units.describe('balance − reserved'),
  overdraft: units.describe('How far below zero concurrent requests may take the balance'),
  balanceUsd: usd,
  availableUsd: usd,
  key: z
    .object({ id: z.string(), quota: units.nullable(), used: units, reserved: units, remaining: units.nullable() })
    .nullable()
    .describe('The API key used for this call, when called with one'),
});

export const ledgerQuery = z.strictObject({
  userId: z.string().min(1).max(200).optional().describe('Admins only: whose ledger'),
  kind: z.enum(LEDGER_KINDS).optional(),
  cursor: z.string().min(1).max(500).optional().describe('nextCursor of the previous page'),
  limit: z.coerce.number().int().min(1).max(MAX_LEDGER_PAGE).optional(),
});

export const ledgerResponse = z.object({
  data: z.array(
    z.object({
      id: z.string(),
      userId: z.string(),
      amount: units.describe('Signed: credits positive, charges negative'),
      amountUsd: usd,
      kind: z.enum(LEDGER_KINDS),
      reason: z.string().describe('Why, in English'),
      reasonCode: z
        .string()
        .nullable()
        .describe(
          `Why, as a code to translate (${LEDGER_REASON_CODES.join(', ')}); null on entries older than the codes`,
        ),
      reasonParams: z
        .record(z.string(), z.unknown())
        .nullable()
        .describe('The code’s parameters (amounts in units; a payment’s `paid` in minor units of its `currency`)'),
      reference: z.string().describe('The request id (charges), code id (redeem) or adjustment id'),
      keyId: z.string().nullable(),
      balanceAfter: units,
      createdAt: z.int(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const adjustBody = z.strictObject({
  amount: z
    .int()
    .min(-Number.MAX_SAFE_INTEGER)
    .max(Number.MAX_SAFE_INTEGER)
    .refine((value) => value !== 0, 'must not be zero')
    .describe('Signed units to add (negative to deduct)'),
  reason: z.string().trim().min(1).max(500),
});

export const adjustResponse = z.object({
  entryId: z.string(),
  reference: z.string(),
  balance: units,
  balanceUsd: usd,
});

export const redeemBody = z.strictObject({ code: z.string().min(1).max(100) });

export const redeemResponse = z.object({
  amount: units.describe('Credited (0 for a code that grants a plan)'),
  amountUsd: usd,
  balance: units,
  balanceUsd: usd,
  subscriptionId: z.string().optional().describe('The subscription a plan code started (GET /api/subscriptions)'),
});

export const createBatchBody = z.strictObject({
  name: z.string().trim().min(1).max(200),
  amount: z
    .int()
    .nonnegative()
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .describe('Units each code credits (omit or 0 when the batch grants a plan)'),
  planId: z.string().min(1).max(200).optional().describe('The plan each code grants instead of credit'),
  count: z.int().min(1).max(MAX_CODES_PER_BATCH),
  expiresAt: z.int().positive().nullable().optional().describe('Unix ms after which the codes no longer redeem'),
});

export const batchSchema = z.object({
  id: z.string(),
  name: z.string(),
  amount: units,
  amountUsd: usd,
  planId: z.string().nullable().describe('The plan each code grants instead of credit; null = credit'),
  count: z.int(),
  expiresAt: z.int().nullable(),
  createdBy: z.string(),
  createdAt: z.int(),
  unused: z.int(),
  redeemed: z.int(),
  disabled: z.int(),
});

export const createBatchResponse = z.object({ batch: batchSchema, codes: z.array(z.string()) });
export const batchListResponse = z.object({ batches: z.array(batchSchema) });

export const codesQuery = z.strictObject({ format: z.enum(['json', 'csv']).optional() });

export const codeListResponse = z.object({
  codes: z.array(
    z.object({
      id: z.string(),
      batchId: z.string(),
      code: z.string(),
      amount: units,
      planId: z.string().nullable(),
      expiresAt: z.int().nullable(),
      status: z.enum(['unused', 'redeemed', 'disabled']),
      redeemedBy: z.string().nullable(),
      redeemedAt: z.int().nullable(),
      createdAt: z.int(),
    }),
  ),
});

export const disableBatchResponse = z.object({ disabled: z.int().describe('Unused codes disabled') });

export { priceRulesSchema };

export const unitKeysResponse = z.object({
  kinds: z.array(z.enum(UNIT_KINDS)).describe('The unit kinds billing knows, in order'),
  pattern: z.string().describe('The regular expression (JavaScript source, no flags) a unit key must match'),
});

export const priceSheetSchema = z.object({
  ...tokenPriceShape(units),
  perRequest: units.optional(),
  perImage: units.optional(),
  perWebSearch: units.optional().describe('Per web search the vendor runs for a request, on top of tokens'),
  perUnit: perUnitSchema(units)
    .optional()
    .describe(
      'Per unit billed by the unit, by unit key (image:<size>:<quality>, video_second:<size>, audio_second, character, search, mj:<action>)',
    ),
  tiers: z
    .array(
      z.object({
        aboveInputTokens: z.int(),
        ...tokenPriceShape(units),
      }),
    )
    .optional(),
});

export const modelsQuery = z.strictObject({
  provider: z.string().min(1).max(100).optional(),
  kind: z.enum(MODEL_MODES).optional().describe('Only models of this kind (default: every kind)'),
  group: z.string().min(1).max(100).optional().describe('Admins only: price for another group'),
});

export const modelsResponse = z.object({
  group: z.string().describe('The pricing group the sale prices are for'),
  data: z.array(
    z.object({
      id: z.string(),
      provider: z.string(),
      kind: z
        .enum(MODEL_MODES)
        .describe('What the model does: chat, embedding, image, audio, rerank, moderation, other'),
      endpoint: z.string().optional(),
      contextWindow: z.int().optional(),
      maxOutputTokens: z.int().optional(),
      capabilities: z.record(z.string(), z.boolean()),
      pricesKnown: z.boolean().describe('Whether this model can be billed (official or fixed price)'),
      official: priceSheetSchema.nullable(),
      sale: priceSheetSchema.extend({ source: z.enum(['official×multiplier', 'fixed']) }).nullable(),
      deprecationDate: z.string().optional(),
    }),
  ),
});

export const refreshBody = z.strictObject({ url: z.url().max(2_000) });

export const refreshResponse = z.object({
  models: z.int(),
  providers: z.int(),
  source: z.object({ name: z.string(), url: z.string(), license: z.string() }),
});

export const catalogStatusResponse = z.object({
  source: z.enum(['builtin', 'remote']),
  models: z.int(),
  overrides: z.int(),
  remoteUpdatedAt: z.int().optional(),
  overrideList: z.array(
    z.object({
      provider: z.string(),
      modelId: z.string(),
      override: catalogOverrideSchema,
      updatedAt: z.int(),
    }),
  ),
});

export const overrideParams = z.strictObject({
  provider: z.string().min(1).max(100),
  model: z.string().min(1).max(256).describe('URL-encode slashes (openai%2Fgpt-4o)'),
});
