/**
 * An administrator's override of one catalog entry: any subset of a CatalogModel's fields,
 * merged over the entry (capabilities and prices field by field; `tiers` replaced whole). For a
 * model the catalog lacks, the override must be a complete model.
 */
import { z } from 'zod';
import { perUnitSchema } from '../billing/unit-prices.js';
import {
  type CatalogModel,
  catalogModelSchema,
  catalogPriceTierSchema,
  MODEL_ENDPOINTS,
  MODEL_MODES,
} from './catalog-schema.js';

const units = z.int().nonnegative().max(Number.MAX_SAFE_INTEGER);
const optionalUnits = units.optional();

export const catalogOverrideSchema = z.strictObject({
  mode: z.enum(MODEL_MODES).optional(),
  endpoint: z.enum(MODEL_ENDPOINTS).nullable().optional(),
  contextWindow: z.int().positive().optional(),
  maxOutputTokens: z.int().positive().optional(),
  capabilities: z
    .strictObject({
      tools: z.boolean().optional(),
      vision: z.boolean().optional(),
      reasoning: z.boolean().optional(),
      structuredOutput: z.boolean().optional(),
      promptCaching: z.boolean().optional(),
      pdf: z.boolean().optional(),
      audioInput: z.boolean().optional(),
    })
    .optional(),
  pricesKnown: z.boolean().optional(),
  prices: z
    .strictObject({
      input: optionalUnits,
      output: optionalUnits,
      cacheRead: optionalUnits,
      cacheWrite: optionalUnits,
      cacheWrite1h: optionalUnits,
      reasoning: optionalUnits,
      inputAudio: optionalUnits,
      outputAudio: optionalUnits,
      inputImage: optionalUnits,
      outputImage: optionalUnits,
      inputCharacters: optionalUnits,
      inputSeconds: optionalUnits,
      outputSeconds: optionalUnits,
      perImage: optionalUnits,
      perInputImage: optionalUnits,
      perRequest: optionalUnits,
      perPage: optionalUnits,
      perWebSearch: optionalUnits,
      perUnit: perUnitSchema(z.int().nonnegative()).nullable().optional(),
      tiers: z.array(catalogPriceTierSchema).min(1).nullable().optional(),
    })
    .optional(),
  deprecationDate: z.iso.date().nullable().optional(),
});

export type CatalogOverride = z.output<typeof catalogOverrideSchema>;

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Whether the prices needed to bill the model are present (the catalog's own rule). */
function pricesPresent(model: Pick<CatalogModel, 'mode' | 'prices'>): boolean {
  const p = model.prices;
  if (model.mode === 'chat') return p.input !== undefined && p.output !== undefined;
  return Object.keys(p).some((key) => key !== 'tiers');
}

/**
 * The entry with the override applied, validated as a CatalogModel (throws a ZodError when the
 * result is not a valid model, e.g. an override for an unknown model that is not complete).
 * `null` for endpoint, tiers or deprecationDate removes the field. When the override sets prices
 * without saying `pricesKnown`, it is recomputed: an operator who enters prices means them.
 */
export function applyOverride(
  base: CatalogModel | undefined,
  provider: string,
  id: string,
  override: CatalogOverride,
): CatalogModel {
  const { capabilities, prices, endpoint, deprecationDate, ...rest } = override;
  const merged: Record<string, unknown> = {
    ...(base ?? {}),
    ...withoutUndefined(rest),
    provider,
    id,
    capabilities: { ...(base?.capabilities ?? {}), ...withoutUndefined(capabilities ?? {}) },
  };
  const mergedPrices: Record<string, unknown> = { ...(base?.prices ?? {}), ...withoutUndefined(prices ?? {}) };
  if (prices?.tiers === null) delete mergedPrices.tiers;
  merged.prices = mergedPrices;
  if (endpoint === null) delete merged.endpoint;
  else if (endpoint !== undefined) merged.endpoint = endpoint;
  if (deprecationDate === null) delete merged.deprecationDate;
  else if (deprecationDate !== undefined) merged.deprecationDate = deprecationDate;
  if (prices && override.pricesKnown === undefined) {
    merged.pricesKnown = pricesPresent({
      mode: merged.mode as CatalogModel['mode'],
      prices: mergedPrices as CatalogModel['prices'],
    });
  }
  return catalogModelSchema.parse(merged);
}
