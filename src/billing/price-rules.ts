/**
 * The operator's pricing rules (the `price_rules` table) as one value, read and replaced whole.
 * Rows: scope `global` (target `*`), `group` (target = group name), `model` (target = model id,
 * or `provider/model id` to price one provider's listing only).
 */
import { z } from 'zod';
import type { Store } from '../store/database.js';
import { PPM } from './price-types.js';
import { tokenPriceShape } from './token-price-schema.js';
import { perUnitSchema } from './unit-prices.js';

const units = z.int().nonnegative().max(Number.MAX_SAFE_INTEGER);
/** 0 (free) up to 1000×; integer parts per million. */
export const multiplierPpmSchema = z
  .int()
  .min(0)
  .max(1_000 * PPM);

export const fixedPricesSchema = z
  .strictObject({
    ...tokenPriceShape(units),
    perRequest: units.optional(),
    perImage: units.optional(),
    perWebSearch: units.optional(),
    perUnit: perUnitSchema(units).optional(),
  })
  .refine(
    (p) =>
      (p.input !== undefined && p.output !== undefined) ||
      p.perRequest !== undefined ||
      p.perImage !== undefined ||
      Object.keys(p.perUnit ?? {}).length > 0,
    { message: 'a fixed price needs input and output, or perRequest, or perImage, or perUnit' },
  );

export const modelRuleSchema = z
  .strictObject({
    multiplierPpm: multiplierPpmSchema.optional(),
    fixed: fixedPricesSchema.optional(),
  })
  .refine((rule) => rule.multiplierPpm !== undefined || rule.fixed !== undefined, {
    message: 'a model rule needs multiplierPpm or fixed',
  });

export const priceRulesSchema = z.strictObject({
  /** Applied to every official price (e.g. 300,000 = sell at 30% of list). */
  globalMultiplierPpm: multiplierPpmSchema.default(PPM),
  /** Per user group, on top of everything else (fixed prices included). */
  groups: z.record(z.string().min(1).max(100), multiplierPpmSchema).default({}),
  /** Per model id (or `provider/model`): a multiplier on the official price, or a fixed price. */
  models: z.record(z.string().min(1).max(300), modelRuleSchema).default({}),
});

export type PriceRules = z.output<typeof priceRulesSchema>;
export type ModelRule = z.output<typeof modelRuleSchema>;

export function defaultPriceRules(): PriceRules {
  return { globalMultiplierPpm: PPM, groups: {}, models: {} };
}

/** Reads every rule. Rows that do not parse (hand-edited) are skipped rather than breaking start-up. */
export async function loadPriceRules(store: Store): Promise<PriceRules> {
  const rows = await store.db.selectFrom('price_rules').selectAll().execute();
  const rules = defaultPriceRules();
  for (const row of rows) {
    const ppm = row.multiplier_ppm === null ? undefined : Number(row.multiplier_ppm);
    if (row.scope === 'global' && ppm !== undefined) rules.globalMultiplierPpm = ppm;
    else if (row.scope === 'group' && ppm !== undefined) rules.groups[row.target] = ppm;
    else if (row.scope === 'model') {
      const fixed = row.fixed_prices ? safeJson(row.fixed_prices) : undefined;
      const parsed = modelRuleSchema.safeParse({ multiplierPpm: ppm, fixed });
      if (parsed.success) rules.models[row.target] = parsed.data;
    }
  }
  return rules;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

interface RuleRow {
  scope: 'global' | 'group' | 'model';
  target: string;
  multiplier_ppm: number | null;
  fixed_prices: string | null;
}

function toRows(rules: PriceRules): RuleRow[] {
  const rows: RuleRow[] = [
    { scope: 'global', target: '*', multiplier_ppm: rules.globalMultiplierPpm, fixed_prices: null },
  ];
  for (const [group, ppm] of Object.entries(rules.groups)) {
    rows.push({ scope: 'group', target: group, multiplier_ppm: ppm, fixed_prices: null });
  }
  for (const [model, rule] of Object.entries(rules.models)) {
    rows.push({
      scope: 'model',
      target: model,
      multiplier_ppm: rule.multiplierPpm ?? null,
      fixed_prices: rule.fixed ? JSON.stringify(rule.fixed) : null,
    });
  }
  return rows;
}

/**
 * Replaces all rules in one transaction: upsert what is given, delete what is not. Upserts (not
 * delete-all-then-insert) so two admins saving at once cannot trip the unique (scope, target) index.
 */
export async function savePriceRules(
  store: Store,
  rules: PriceRules,
  at: number,
  newId: (prefix: string) => string,
): Promise<void> {
  const rows = toRows(rules);
  await store.db.transaction().execute(async (trx) => {
    for (const row of rows) {
      await trx
        .insertInto('price_rules')
        .values({ id: newId('prc'), ...row, updated_at: at })
        .onConflict((oc) =>
          oc.columns(['scope', 'target']).doUpdateSet({
            multiplier_ppm: row.multiplier_ppm,
            fixed_prices: row.fixed_prices,
            updated_at: at,
          }),
        )
        .execute();
    }
    const existing = await trx.selectFrom('price_rules').select(['id', 'scope', 'target']).execute();
    const keep = new Set(rows.map((row) => `${row.scope}\u0000${row.target}`));
    const stale = existing.filter((row) => !keep.has(`${row.scope}\u0000${row.target}`)).map((row) => row.id);
    if (stale.length > 0) await trx.deleteFrom('price_rules').where('id', 'in', stale).execute();
  });
}
