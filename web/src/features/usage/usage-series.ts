import type { DailyUsageRow, ModelUsage, UsageTotals } from './types';

/**
 * Turns the API's per-day-and-model rows into chart series over a fixed list of days (days with
 * no traffic are zeros, not gaps).
 */

export const OTHER_MODELS = '__other__';

export interface StackedSeries {
  /** A model id, or OTHER_MODELS for the rest. */
  name: string;
  values: number[];
}

/** The models with the most spend (then requests), at most `top`; the rest go to "other". */
export function topModels(rows: ModelUsage[], top: number): string[] {
  const totals = new Map<string, { cost: number; requests: number }>();
  for (const row of rows) {
    const entry = totals.get(row.model) ?? { cost: 0, requests: 0 };
    entry.cost += row.cost;
    entry.requests += row.requests;
    totals.set(row.model, entry);
  }
  const ranked = [...totals.entries()].sort(
    ([aModel, a], [bModel, b]) => b.cost - a.cost || b.requests - a.requests || aModel.localeCompare(bModel),
  );
  // No "other" bucket for a single model: show it by name instead.
  const limit = ranked.length === top + 1 ? top + 1 : top;
  return ranked.slice(0, limit).map(([model]) => model);
}

/** Spend (units) per day, one series per top model plus OTHER_MODELS when anything is left over. */
export function spendByModel(rows: DailyUsageRow[], days: string[], top = 5): StackedSeries[] {
  // Models that cost nothing (failed calls, free models) have no bar to draw.
  const models = topModels(
    rows.filter((row) => row.cost > 0),
    top,
  );
  const index = new Map(days.map((day, position) => [day, position]));
  const series = new Map<string, number[]>(models.map((model) => [model, days.map(() => 0)]));
  const other = days.map(() => 0);
  let hasOther = false;
  for (const row of rows) {
    const position = index.get(row.day);
    if (position === undefined) continue;
    const target = series.get(row.model);
    if (target) target[position] += row.cost;
    else if (row.cost > 0) {
      other[position] += row.cost;
      hasOther = true;
    }
  }
  const result = models.map((model) => ({ name: model, values: series.get(model) ?? [] }));
  if (hasOther) result.push({ name: OTHER_MODELS, values: other });
  return result;
}

/** Sums of a field per day. */
export function perDay(rows: DailyUsageRow[], days: string[], pick: (row: DailyUsageRow) => number): number[] {
  const index = new Map(days.map((day, position) => [day, position]));
  const values = days.map(() => 0);
  for (const row of rows) {
    const position = index.get(row.day);
    if (position !== undefined) values[position] += pick(row);
  }
  return values;
}

export function errorRate(totals: Pick<UsageTotals, 'requests' | 'errors'>): number | null {
  return totals.requests > 0 ? totals.errors / totals.requests : null;
}

/** Each model's share of the total spend (of requests when nothing was spent), 0..1. */
export function shares(models: ModelUsage[]): Map<string, number> {
  const totalCost = models.reduce((sum, model) => sum + model.cost, 0);
  const totalRequests = models.reduce((sum, model) => sum + model.requests, 0);
  return new Map(
    models.map((model) => [
      model.model,
      totalCost > 0 ? model.cost / totalCost : totalRequests > 0 ? model.requests / totalRequests : 0,
    ]),
  );
}
