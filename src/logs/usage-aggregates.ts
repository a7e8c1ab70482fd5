import { sql } from 'kysely';
import type { Store } from '../store/database.js';
import { dayLabel, dayNumberSql } from './day-bucket.js';
import { latencyPercentiles } from './latency-percentiles.js';
import { type LogViewer, requireAdmin } from './log-viewer.js';
import { sumUsage, toUsageTotals, type UsageTotals, usageTotalColumns } from './usage-columns.js';
import { clampTop, rankedGroups, type UsageWindow, usageWindowQuery } from './usage-window.js';

export type { UsageTotals } from './usage-columns.js';
export type { UsageWindow } from './usage-window.js';

export interface DailyUsageParams extends UsageWindow {
  /** The chart's time zone as minutes east of UTC (UTC+8 → 480, New York in winter → -300). Default 0. */
  tzOffsetMinutes?: number;
}

export interface DailyUsage extends UsageTotals {
  /** The local day, `YYYY-MM-DD`. */
  day: string;
  model: string;
}

export interface ModelUsage extends UsageTotals {
  model: string;
}

export interface UserUsage extends UsageTotals {
  userId: string;
}

export interface UsageSummary {
  from: number;
  to: number;
  totals: UsageTotals;
  /** Per model requested, highest cost first. */
  models: ModelUsage[];
}

export interface DashboardParams {
  viewer: LogViewer;
  from: number;
  to: number;
  /** How many top models and users (default 10). */
  top?: number;
}

export interface DashboardStats {
  from: number;
  to: number;
  totals: UsageTotals;
  /** errors ÷ requests, 0 when there were none. */
  errorRate: number;
  /** Nearest-rank percentiles of latency_ms over successful requests (status < 400); null without any. */
  latency: { p50: number | null; p95: number | null };
  /** Highest cost first. */
  topModels: ModelUsage[];
  topUsers: UserUsage[];
}

/**
 * Usage for charts and the dashboard, aggregated in SQL over `request_logs` (the time index
 * bounds every query). Days are local days of the caller's zone; models are the models requested.
 * These are operational numbers: the ledger, not this log, is the record of what was charged.
 */
export class UsageAggregates {
  constructor(private readonly store: Store) {}

  /** Per local day and model, ordered by day then model. Days without traffic are absent. */
  async dailyUsage(params: DailyUsageParams): Promise<DailyUsage[]> {
    const rows = await this.window(params)
      .select([dayNumberSql(params.tzOffsetMinutes ?? 0).as('day'), 'request_logs.model_requested as model'])
      .select(usageTotalColumns())
      .groupBy([sql.ref('day'), 'request_logs.model_requested'])
      .orderBy(sql.ref('day'))
      .orderBy('request_logs.model_requested')
      .execute();
    return rows.map((row) => ({ day: dayLabel(Number(row.day)), model: row.model, ...toUsageTotals(row) }));
  }

  /** Totals for the window, and per model. */
  async summary(params: UsageWindow): Promise<UsageSummary> {
    const models = await this.byModel(params);
    return { from: params.from, to: params.to, totals: sumUsage(models), models };
  }

  /** Admins only: everyone's totals, error rate, latency percentiles, top models and users by cost. */
  async dashboard(params: DashboardParams): Promise<DashboardStats> {
    requireAdmin(params.viewer);
    const top = clampTop(params.top, 10, 100);
    const window = { viewer: params.viewer, from: params.from, to: params.to };
    const totals = toUsageTotals(await this.window(window).select(usageTotalColumns()).executeTakeFirstOrThrow());
    const successful = this.window(window).where('request_logs.status', '<', 400);
    const successCount = totals.requests - totals.errors;
    const percentiles = await latencyPercentiles(successful, successCount, [50, 95] as const);
    const topModels = await this.byModel(window, top);
    const users = await rankedGroups(
      this.window(window)
        .where('request_logs.user_id', 'is not', null)
        .select('request_logs.user_id as user_id')
        .select(usageTotalColumns()),
      'request_logs.user_id',
      'cost',
      top,
    ).execute();
    return {
      from: params.from,
      to: params.to,
      totals,
      errorRate: totals.requests > 0 ? totals.errors / totals.requests : 0,
      latency: { p50: percentiles.get(50) ?? null, p95: percentiles.get(95) ?? null },
      topModels,
      topUsers: users.map((row) => ({ userId: String(row.user_id), ...toUsageTotals(row) })),
    };
  }

  private async byModel(params: UsageWindow, limit?: number): Promise<ModelUsage[]> {
    const rows = await rankedGroups(
      this.window(params).select('request_logs.model_requested as model').select(usageTotalColumns()),
      'request_logs.model_requested',
      'cost',
      limit,
    ).execute();
    return rows.map((row) => ({ model: row.model, ...toUsageTotals(row) }));
  }

  private window(params: UsageWindow) {
    return usageWindowQuery(this.store.db, params);
  }
}
