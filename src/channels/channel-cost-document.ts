/**
 * A channel's cost in the YAML vocabulary of the config file and `aihub channels export|import`:
 * snake_case, like the rest of those files.
 *
 *   cost:
 *     multiplier_ppm: 800000          # 80% of the official list price
 *     models:
 *       gpt-4o: { input: 2000000, output: 8000000, cache_read: 1000000 }
 *
 * Shapes only here; what the values mean is checked by validChannelCost (channel-cost-field.ts)
 * once converted, as for every other channel field.
 */
import { z } from 'zod';
import type { FixedPrices } from '../billing/price-types.js';
import { TOKEN_PRICE_FIELDS } from '../billing/price-types.js';
import type { ChannelCost } from '../routing/channel.js';

const PRICE_FIELDS = [...TOKEN_PRICE_FIELDS, 'perRequest', 'perImage', 'perWebSearch'] as const;
type PriceField = (typeof PRICE_FIELDS)[number];

/** `cacheWrite1h` → `cache_write_1h`, `perWebSearch` → `per_web_search`. */
function snake(field: string): string {
  return field.replace(/([A-Z]|\d+)/g, '_$1').toLowerCase();
}

const units = z.number().int().nonnegative();
const documentPricesSchema = z.strictObject({
  ...(Object.fromEntries(PRICE_FIELDS.map((field) => [snake(field), units.optional()])) as Record<
    string,
    z.ZodOptional<typeof units>
  >),
  per_unit: z.record(z.string(), units).optional(),
});

export const costDocumentSchema = z.strictObject({
  multiplier_ppm: z.number().int().optional(),
  models: z.record(z.string(), documentPricesSchema).optional(),
});

export type CostDocument = z.infer<typeof costDocumentSchema>;
type DocumentPrices = z.infer<typeof documentPricesSchema>;

export function toCostDocument(cost: ChannelCost): CostDocument {
  const out: CostDocument = {};
  if (cost.multiplierPpm !== undefined) out.multiplier_ppm = cost.multiplierPpm;
  if (cost.models) {
    out.models = Object.fromEntries(
      Object.entries(cost.models).map(([model, prices]) => {
        const entry: Record<string, unknown> = {};
        for (const field of PRICE_FIELDS) {
          const value = prices[field];
          if (value !== undefined) entry[snake(field)] = value;
        }
        if (prices.perUnit) entry.per_unit = { ...prices.perUnit };
        return [model, entry as DocumentPrices];
      }),
    );
  }
  return out;
}

export function fromCostDocument(document: CostDocument): ChannelCost {
  const out: ChannelCost = {};
  if (document.multiplier_ppm !== undefined) out.multiplierPpm = document.multiplier_ppm;
  if (document.models) {
    out.models = Object.fromEntries(
      Object.entries(document.models).map(([model, entry]) => {
        const prices: FixedPrices = {};
        const given = entry as Record<string, number | undefined>;
        for (const field of PRICE_FIELDS) {
          const value = given[snake(field)];
          if (value !== undefined) (prices as Record<PriceField, number>)[field] = value;
        }
        if (entry.per_unit) prices.perUnit = entry.per_unit;
        return [model, prices];
      }),
    );
  }
  return out;
}
