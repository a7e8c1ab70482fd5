import type { SelectQueryBuilder } from 'kysely';
import type { Database } from '../store/schema.js';

/**
 * Nearest-rank percentiles of latency_ms over the rows of `scoped` (a request_logs query already
 * filtered to a window), in SQL on both dialects: the value at rank ceil(p × n) is fetched with
 * ORDER BY latency_ms LIMIT 1 OFFSET rank-1 (the same answer as PostgreSQL's percentile_disc).
 * No rows leave the database; each percentile costs one sort of the window's latencies, which
 * is fine for an admin dashboard over days to weeks of traffic. Null when there are no rows.
 */
export async function latencyPercentiles<P extends number>(
  // biome-ignore lint/suspicious/noExplicitAny: only the FROM and WHERE parts are used
  scoped: SelectQueryBuilder<Database, 'request_logs', any>,
  count: number,
  percentiles: readonly P[],
): Promise<Map<P, number | null>> {
  const out = new Map<P, number | null>();
  for (const p of percentiles) {
    if (count <= 0) {
      out.set(p, null);
      continue;
    }
    const rank = Math.min(Math.max(Math.ceil((p / 100) * count), 1), count);
    const row = await scoped
      .clearSelect()
      .select('request_logs.latency_ms')
      .orderBy('request_logs.latency_ms', 'asc')
      .limit(1)
      .offset(rank - 1)
      .executeTakeFirst();
    out.set(p, row ? Number(row.latency_ms) : null);
  }
  return out;
}
