import { sql } from 'kysely';
import { GatewayError } from '../ir/index.js';
import type { Store } from '../store/database.js';
import { isAdmin, type LogViewer } from './log-viewer.js';

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
    if (!isAdmin(params.viewer)) {
      throw new GatewayError({ kind: 'permission', message: 'This needs an administrator.', code: 'admin_required' });
    }
    const top = Math.min(Math.max(Math.trunc(params.top ?? 50), 1), 500);
    const totals = toTotals(await this.window(params).select(hitColumns()).executeTakeFirstOrThrow());
    const channels = await this.window(params)
      .where('request_logs.channel', 'is not', null)
      .select('request_logs.channel as channel')
      .select(hitColumns())
      .groupBy('request_logs.channel')
      .orderBy(sql.ref('prompt_tokens'), 'desc')
      .orderBy('request_logs.channel')
      .limit(top)
      .execute();
    const models = await this.window(params)
      .select('request_logs.model_requested as model')
      .select(hitColumns())
      .groupBy('request_logs.model_requested')
      .orderBy(sql.ref('prompt_tokens'), 'desc')
      .orderBy('request_logs.model_requested')
      .limit(top)
      .execute();
    return {
      from: params.from,
      to: params.to,
      totals,
      channels: channels.map((row) => ({ channel: String(row.channel), ...toTotals(row) })),
      models: models.map((row) => ({ model: row.model, ...toTotals(row) })),
    };
  }

  /** Upstream answers with input tokens in [from, to). */
  private window(params: CacheHitParams) {
    return this.store.db
      .selectFrom('request_logs')
      .where('request_logs.created_at', '>=', params.from)
      .where('request_logs.created_at', '<', params.to)
      .where('request_logs.prompt_tokens', '>', 0)
      .where((where) =>
        where.or([where('request_logs.cached_response', 'is', null), where('request_logs.cached_response', '=', 0)]),
      );
  }
}

/** Portable sums: cast back to bigint (PostgreSQL's sum(bigint) is numeric), 0 for an empty set. */
function hitColumns() {
  const total = (expression: ReturnType<typeof sql>) => sql<number>`cast(coalesce(sum(${expression}), 0) as bigint)`;
  return [
    sql<number>`count(*)`.as('requests'),
    total(sql`case when request_logs.cached_tokens > 0 then 1 else 0 end`).as('cache_read_requests'),
    total(sql.ref('request_logs.prompt_tokens')).as('prompt_tokens'),
    total(sql.ref('request_logs.cached_tokens')).as('cached_tokens'),
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
