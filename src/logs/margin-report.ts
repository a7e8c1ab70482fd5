import { sql } from 'kysely';
import type { Store } from '../store/database.js';
import { type LogViewer, requireAdmin } from './log-viewer.js';
import { portableSum } from './usage-columns.js';
import { clampTop, usageWindowQuery } from './usage-window.js';

/** What a margin is broken down by: the model requested, or the channel (by name) that served. */
export const MARGIN_GROUPINGS = ['model', 'channel'] as const;
export type MarginGrouping = (typeof MARGIN_GROUPINGS)[number];

/** Money in units (1e-6 USD). */
export interface MarginFigures {
  requests: number;
  /** What users paid: charged to balances plus drawn from subscription plans. */
  revenue: number;
  /** The part of `revenue` charged to balances. */
  charged: number;
  /** The part of `revenue` drawn from subscription plans' windows. */
  planDrawn: number;
  /** What the requests cost the operator upstream, over the requests whose cost is known. */
  upstreamCost: number;
  /** Prompts sent to hedged attempts that lost their race, at their channels' cost. */
  hedgeOverhead: number;
  /** revenue − upstreamCost − hedgeOverhead. */
  margin: number;
  /** margin ÷ revenue × 100, two decimals; null without revenue. */
  marginPercent: number | null;
  /**
   * Requests whose upstream cost is not known (no price for the route, a media job, rows logged
   * before costs were recorded): their revenue counts, their cost does not, so the margin is
   * overstated by what they cost. Zero means the margin is complete.
   */
  unknownCostRequests: number;
  /** The revenue of those requests. */
  unknownCostRevenue: number;
}

export interface MarginRow extends MarginFigures {
  /** The model requested, or the channel's name; null (by channel) for requests no channel served: cache hits, refusals. */
  key: string | null;
}

export interface MarginReport {
  from: number;
  to: number;
  by: MarginGrouping;
  totals: MarginFigures;
  /** Highest revenue first. */
  data: MarginRow[];
}

const COLUMN = { model: 'request_logs.model_requested', channel: 'request_logs.channel' } as const;

/**
 * Margins from `request_logs` over a window (admins only): revenue against what the requests cost
 * upstream, per model or per channel, grouped in the database over the time index. Operational
 * numbers like every log report: the ledger is the record of what was charged.
 */
export class MarginReports {
  constructor(private readonly store: Store) {}

  async report(params: {
    viewer: LogViewer;
    from: number;
    to: number;
    by: MarginGrouping;
    model?: string;
    top?: number;
  }): Promise<MarginReport> {
    requireAdmin(params.viewer);
    const window = () => usageWindowQuery(this.store.db, params);
    const column = COLUMN[params.by];
    const [totals, rows] = await Promise.all([
      window().select(marginColumns()).executeTakeFirstOrThrow(),
      window()
        .select(`${column} as key`)
        .select(marginColumns())
        .groupBy(column)
        .orderBy(sql.ref('revenue'), 'desc')
        .orderBy(column)
        .limit(clampTop(params.top, 100, 500))
        .execute(),
    ]);
    return {
      from: params.from,
      to: params.to,
      by: params.by,
      totals: toFigures(totals),
      data: rows.map((row) => ({ key: row.key ?? null, ...toFigures(row) })),
    };
  }
}

type MarginSums = Record<
  | 'requests'
  | 'revenue'
  | 'charged'
  | 'plan_drawn'
  | 'upstream_cost'
  | 'hedge_overhead'
  | 'unknown_cost_requests'
  | 'unknown_cost_revenue',
  number | string
>;

function marginColumns() {
  const unknown = sql`request_logs.upstream_cost is null`;
  return [
    sql<number>`count(*)`.as('requests'),
    portableSum(sql`request_logs.cost + request_logs.plan_drawn`).as('revenue'),
    portableSum(sql.ref('request_logs.cost')).as('charged'),
    portableSum(sql.ref('request_logs.plan_drawn')).as('plan_drawn'),
    portableSum(sql`coalesce(request_logs.upstream_cost, 0)`).as('upstream_cost'),
    portableSum(sql.ref('request_logs.hedge_overhead')).as('hedge_overhead'),
    portableSum(sql`case when ${unknown} then 1 else 0 end`).as('unknown_cost_requests'),
    portableSum(sql`case when ${unknown} then request_logs.cost + request_logs.plan_drawn else 0 end`).as(
      'unknown_cost_revenue',
    ),
  ] as const;
}

/** Sums as numbers (PostgreSQL's bigint sums arrive as strings), and the margin derived from them. */
export function toFigures(row: MarginSums): MarginFigures {
  const revenue = Number(row.revenue);
  const upstreamCost = Number(row.upstream_cost);
  const hedgeOverhead = Number(row.hedge_overhead);
  const margin = revenue - upstreamCost - hedgeOverhead;
  return {
    requests: Number(row.requests),
    revenue,
    charged: Number(row.charged),
    planDrawn: Number(row.plan_drawn),
    upstreamCost,
    hedgeOverhead,
    margin,
    marginPercent: revenue > 0 ? Math.round((margin / revenue) * 10_000) / 100 : null,
    unknownCostRequests: Number(row.unknown_cost_requests),
    unknownCostRevenue: Number(row.unknown_cost_revenue),
  };
}
