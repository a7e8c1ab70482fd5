import type { Usage } from '../ir/index.js';
import type { RelayCaller } from '../relay/relay-ports.js';

/** Non-streaming answers are cached as their JSON body, streams as their SSE text: one per mode. */
export type CacheMode = 'json' | 'stream';

/**
 * Who shares an entry. `user` (default): a user's keys share their own entries and nobody
 * else's, so no answer (nor the fact that someone asked the same) crosses accounts. `key`: each
 * key alone. `shared`: everyone (only for deployments where all callers trust each other).
 */
export type CacheScope = 'user' | 'key' | 'shared';

export type CacheCaller = Pick<RelayCaller, 'userId' | 'keyId'>;

/** What the operator decides; the integrator fills it (per key / per user settings, prices). */
export interface CachePolicy {
  /**
   * Caching on by default for this caller (a per-key or per-user setting): the TTL in seconds;
   * `undefined` or 0 = only when the request asks with a header. Called per request: keep it a
   * map look-up.
   */
  callerTtlSeconds(caller: CacheCaller): number | undefined;
  scope: CacheScope;
  /** The TTL used when a request asks for caching without a TTL (default 300 s). */
  defaultTtlSeconds: number;
  /** Longest TTL a request may ask for (default 86,400 s). */
  maxTtlSeconds: number;
  /** Larger answers are not stored (default 1 MiB). */
  maxEntryBytes: number;
  /** Share of the original cost a hit is billed, in parts per million: 0 = free (default), 1,000,000 = full. */
  hitChargePpm: number;
}

export interface CachedAnswer {
  v: 1;
  mode: CacheMode;
  /** json: the response body (JSON text); stream: the SSE text, every frame through `data: [DONE]`. */
  body: string;
  /** The original's `x-aihub-*` served-by headers (model, provider), replayed with it. */
  headers: Record<string, string>;
  /** Unix ms when it was stored. */
  createdAt: number;
  /** What the original cost, in units, and its usage: to bill a hit as the operator configures. */
  cost?: number;
  usage?: Usage;
}

export type CacheLookup =
  | { status: 'bypass' }
  | { status: 'hit'; key: string; answer: CachedAnswer }
  /** Not found (or `refresh`): capture the answer and `store` it under `key` for `ttlSeconds`. */
  | { status: 'miss'; key: string; ttlSeconds: number; mode: CacheMode };

export type CacheMiss = Extract<CacheLookup, { status: 'miss' }>;

/** The header on every answer of a route that consults the cache. */
export const CACHE_STATUS_HEADER = 'x-aihub-cache';

export type RequestHeaders = Record<string, string | string[] | undefined>;

export interface CacheRequest {
  /** The client's parsed JSON body. */
  body: unknown;
  headers: RequestHeaders;
  /** The API surface (answers of different APIs never mix); default `openai.chat`. */
  surface?: string;
}
