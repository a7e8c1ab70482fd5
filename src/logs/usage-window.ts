import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../store/schema.js';
import { type LogViewer, scopeToViewer } from './log-viewer.js';

/** The rows a usage report reads: a time window of request_logs, as far as the viewer may see. */
export interface UsageWindow {
  viewer: LogViewer;
  /** Admins: one user (omitted: everyone); others: only their own id matches anything. */
  userId?: string;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** The model requested (exact). */
  model?: string;
}

/** A request_logs column a report breaks its totals down by. */
export type GroupColumn = 'request_logs.model_requested' | 'request_logs.channel' | 'request_logs.user_id';

/**
 * request_logs in [from, to) (the time index bounds every report), scoped to what the viewer may see.
 * Token counts (count_tokens, :countTokens) are left out: they cost nothing and answer in a
 * millisecond, and Claude Code sends many, so counting them would inflate request totals and pull
 * the latency percentiles down; they stay in the request log, filterable by `endpoint`. Embeddings
 * are in: they are billed, and a report that hid their spend would not add up to the ledger.
 */
export function usageWindowQuery(db: Kysely<Database>, window: UsageWindow) {
  let query = scopeToViewer(db.selectFrom('request_logs'), window.viewer, window.userId)
    .where('request_logs.created_at', '>=', window.from)
    .where('request_logs.created_at', '<', window.to)
    .where('request_logs.endpoint', '!=', 'count_tokens');
  if (window.model !== undefined) query = query.where('request_logs.model_requested', '=', window.model);
  return query;
}

/**
 * One row per value of `column`, largest `rankBy` (a selected aggregate's alias) first, ties in the
 * column's order so pages are stable, at most `limit` rows when given. The caller selects the
 * column and the aggregates.
 */
export function rankedGroups<O>(
  query: SelectQueryBuilder<Database, 'request_logs', O>,
  column: GroupColumn,
  rankBy: string,
  limit?: number,
): SelectQueryBuilder<Database, 'request_logs', O> {
  const ranked = query.groupBy(column).orderBy(sql.ref(rankBy), 'desc').orderBy(column);
  return limit === undefined ? ranked : ranked.limit(limit);
}

/** A report's `top` parameter: a whole number in [1, max], `fallback` when absent. */
export function clampTop(top: number | undefined, fallback: number, max: number): number {
  return Math.min(Math.max(Math.trunc(top ?? fallback), 1), max);
}
