import { z } from 'zod';
import { fixedPricesSchema, multiplierPpmSchema } from '../billing/price-rules.js';
import type { ChannelCost } from '../routing/channel.js';
import { invalidChannelField } from './channel-errors.js';

/**
 * A channel's `cost` as admins write it: the price rules' own schemas (a multiplier in parts per
 * million, fixed prices in units per 1M tokens or per call), keyed by the upstream model id the
 * channel sends (after its model mapping; exact ids, no globs). The admin API's body schema and the
 * store's check are this one schema, so both name the same field (`cost.models.gpt-4o.input`).
 */

const MODEL_ID = /^[A-Za-z0-9._:/@+-]{1,200}$/;
export const MAX_COST_MODELS = 1_000;

export const channelCostSchema = z
  .strictObject({
    multiplierPpm: multiplierPpmSchema
      .optional()
      .describe('Parts per million of the official list price (800000 = 80% of list); absent = list price'),
    models: z
      .record(
        z.string().regex(MODEL_ID, 'an upstream model id (no globs)'),
        fixedPricesSchema.describe("The operator's price for this upstream model, replacing official × multiplier"),
      )
      .refine((models) => Object.keys(models).length <= MAX_COST_MODELS, {
        message: `at most ${MAX_COST_MODELS} models`,
      })
      .optional()
      .describe('Fixed prices by upstream model id (after the model mapping), units per 1M tokens or per call'),
  })
  .describe("What the channel costs the operator; null = the official list price (margins, 'cheapest' routing)");

/**
 * The stored form of a cost, or null when it says nothing beyond the list price (`{}`, no
 * models). Throws a 400 naming the field (`cost.multiplierPpm`, `cost.models.<id>.input`).
 */
export function validChannelCost(value: unknown): ChannelCost | null {
  if (value === null || value === undefined) return null;
  const parsed = channelCostSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = ['cost', ...(issue?.path ?? []).map(String)].join('.');
    throw invalidChannelField(path, `Invalid value for '${path}': ${issue?.message ?? 'invalid cost'}.`);
  }
  const cost: ChannelCost = {};
  if (parsed.data.multiplierPpm !== undefined) cost.multiplierPpm = parsed.data.multiplierPpm;
  if (parsed.data.models && Object.keys(parsed.data.models).length > 0) cost.models = parsed.data.models;
  return Object.keys(cost).length > 0 ? cost : null;
}
