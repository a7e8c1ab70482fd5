import { sql } from 'kysely';
import type { Store } from '../store/database.js';
import { latencyPercentiles } from './latency-percentiles.js';
import { type LogViewer, requireAdmin } from './log-viewer.js';
import { portableSum } from './usage-columns.js';
import { usageWindowQuery } from './usage-window.js';

export const HOUR_MS = 3_600_000;

/** One channel's traffic over a window. Money in units (1e-6 USD). */
export interface ChannelTraffic {
  /** The channel's name as logged. */
  channel: string;
  requests: number;
  /** Requests answered with status 400 or above. */
  errors: number;
  errorRate: number;
  avgLatencyMs: number;
  p50LatencyMs: number | null;
  cost: number;
}

export interface HourlyTraffic {
  /** Epoch ms at which the hour starts (UTC hours: every zone's hours line up with them, bar a few). */
  hour: number;
  requests: number;
  errors: number;
  cost: number;
}

/**
 * Per-channel traffic from `request_logs` for the admin dashboard: a table over a window and an
 * hourly series for the last day. Every query is bounded by the `created_at` index
 * (request_logs_time) and grouped in the database; latency percentiles use the same nearest-rank
 * SQL as the dashboard's, one small sorted read per listed channel.
 */
export class ChannelStats {
  constructor(private readonly store: Store) {}

  async table(params: { viewer: LogViewer; from: number; to: number; top?: number }): Promise<ChannelTraffic[]> {
    requireAdmin(params.viewer);
    const window = () => usageWindowQuery(this.store.db, params).where('request_logs.channel', 'is not', null);
    const rows = await window()
      .select('request_logs.channel as channel')
      .select(trafficColumns())
      .groupBy('request_logs.channel')
      .orderBy(sql.ref('requests'), 'desc')
      .orderBy('request_logs.channel')
      .limit(Math.min(Math.max(params.top ?? 50, 1), 200))
      .execute();
    return Promise.all(
      rows.map(async (row) => {
        const channel = String(row.channel);
        const requests = Number(row.requests);
        const errors = Number(row.errors);
        const p50 = await latencyPercentiles(window().where('request_logs.channel', '=', channel), requests, [50]);
        return {
          channel,
          requests,
          errors,
          errorRate: requests > 0 ? errors / requests : 0,
          avgLatencyMs: requests > 0 ? Math.round(Number(row.latency_sum) / requests) : 0,
          p50LatencyMs: p50.get(50) ?? null,
          cost: Number(row.cost),
        };
      }),
    );
  }

  /** The 24 whole hours ending with the current one, oldest first, empty hours as zeros. */
  async hourly(params: { viewer: LogViewer; now: number; channel?: string }): Promise<HourlyTraffic[]> {
    requireAdmin(params.viewer);
    const last = Math.floor(params.now / HOUR_MS);
    const first = last - 23;
    let query = usageWindowQuery(this.store.db, {
      viewer: params.viewer,
      from: first * HOUR_MS,
      to: (last + 1) * HOUR_MS,
    });
    if (params.channel !== undefined) query = query.where('request_logs.channel', '=', params.channel);
    // bigint / integer literal is integer division on both dialects (as dayNumberSql).
    const hourNumber = sql<number>`(request_logs.created_at / ${sql.lit(HOUR_MS)})`;
    const rows = await query
      .select(hourNumber.as('hour_number'))
      .select(trafficColumns())
      .groupBy(hourNumber)
      .execute();
    const byHour = new Map(rows.map((row) => [Number(row.hour_number), row]));
    return Array.from({ length: 24 }, (_, index) => {
      const hour = first + index;
      const row = byHour.get(hour);
      return {
        hour: hour * HOUR_MS,
        requests: Number(row?.requests ?? 0),
        errors: Number(row?.errors ?? 0),
        cost: Number(row?.cost ?? 0),
      };
    });
  }
}

function trafficColumns() {
  return [
    sql<number>`count(*)`.as('requests'),
    portableSum(sql`case when request_logs.status >= 400 then 1 else 0 end`).as('errors'),
    portableSum(sql.ref('request_logs.latency_ms')).as('latency_sum'),
    portableSum(sql.ref('request_logs.cost')).as('cost'),
  ] as const;
}
