import { sql } from 'kysely';
import type { Store } from '../store/database.js';
import { type LogViewer, requireAdmin } from './log-viewer.js';
import { portableSum } from './usage-columns.js';
import { clampTop, rankedGroups, usageWindowQuery } from './usage-window.js';

/** How well upstream prompt caches served one group of requests. */
export interface CacheHitTotals {
  /** Upstream calls that reported input tokens (response-cache answers and failures before usage excluded). */
  requests: number;
  /** Of those, the ones with any cache-read input tokens. */
  cacheReadRequests: number;
  /** All input tokens, cache reads included. */
  promptTokens: number;
  /** Input tokens read from the upstream's prompt cache. */
  cachedTokens: number;
  /** cachedTokens ÷ promptTokens (0 without input). */
  tokenHitRate: number;
  /** cacheReadRequests ÷ requests (0 without requests). */
  requestHitRate: number;
}

export interface ChannelCacheHits extends CacheHitTotals {
  /** The channel's name as logged. */
  channel: string;
}

export interface ModelCacheHits extends CacheHitTotals {
  /** The model requested. */
  model: string;
}

export interface CacheHitReport {
  from: number;
  to: number;
  totals: CacheHitTotals;
  /** Most input tokens first. */
  channels: ChannelCacheHits[];
  models: ModelCacheHits[];
}

export interface CacheHitParams {
  viewer: LogViewer;
  /** Epoch ms, inclusive. */
  from: number;
  /** Epoch ms, exclusive. */
  to: number;
  /** Most rows per list (default 50). */
  top?: number;
}

interface HitRow {
  requests: number | string;
  cache_read_requests: number | string;
  prompt_tokens: number | string;
  cached_tokens: number | string;
}

/**
 * Prompt-cache hit rates per channel and per model requested, from `request_logs` (admins only):
 * what sticky routing is for, and what tells an operator a channel's cache is cold (keys rotated
 * too eagerly, a vendor that does not cache, clients that change their prompt prefix). Rows with no
 * input tokens (failures before usage, answers from AIHub's own response cache) are left out:
 * they never reached an upstream cache.
 */
export class CacheHitRates {
  constructor(private readonly store: Store) {}

  async report(params: CacheHitParams): Promise<CacheHitReport> {
    requireAdmin(params.viewer);
    const top = clampTop(params.top, 50, 500);
    const totals = toTotals(await this.window(params).select(hitColumns()).executeTakeFirstOrThrow());
    const channels = await rankedGroups(
      this.window(params)
        .where('request_logs.channel', 'is not', null)
        .select('request_logs.channel as channel')
        .select(hitColumns()),
      'request_logs.channel',
      'prompt_tokens',
      top,
    ).execute();
    const models = await rankedGroups(
      this.window(params).select('request_logs.model_requested as model').select(hitColumns()),
      'request_logs.model_requested',
      'prompt_tokens',
      top,
    ).execute();
    return {
      from: params.from,
      to: params.to,
      totals,
      channels: channels.map((row) => ({ channel: String(row.channel), ...toTotals(row) })),
      models: models.map((row) => ({ model: row.model, ...toTotals(row) })),
    };
  }

  /** Upstream answers with input tokens in [from, to) (the viewer is an admin: every user's rows). */
  private window(params: CacheHitParams) {
    return usageWindowQuery(this.store.db, params)
      .where('request_logs.prompt_tokens', '>', 0)
      .where((where) =>
        where.or([where('request_logs.cached_response', 'is', null), where('request_logs.cached_response', '=', 0)]),
      );
  }
}

/** What each cache-hit group reports, summed portably as the usage reports are. */
function hitColumns() {
  return [
    sql<number>`count(*)`.as('requests'),
    portableSum(sql`case when request_logs.cached_tokens > 0 then 1 else 0 end`).as('cache_read_requests'),
    portableSum(sql.ref('request_logs.prompt_tokens')).as('prompt_tokens'),
    portableSum(sql.ref('request_logs.cached_tokens')).as('cached_tokens'),
  ];
}

function toTotals(row: HitRow): CacheHitTotals {
  const requests = Number(row.requests);
  const cacheReadRequests = Number(row.cache_read_requests);
  const promptTokens = Number(row.prompt_tokens);
  const cachedTokens = Number(row.cached_tokens);
  return {
    requests,
    cacheReadRequests,
    promptTokens,
    cachedTokens,
    tokenHitRate: promptTokens > 0 ? Math.min(1, cachedTokens / promptTokens) : 0,
    requestHitRate: requests > 0 ? cacheReadRequests / requests : 0,
  };
}
