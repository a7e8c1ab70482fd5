import type { Redis } from 'ioredis';
import type { CachePolicy } from '../cache/cache-types.js';
import type { ResponseCache } from '../cache/response-cache.js';
import { createResponseCache } from '../cache/response-cache.js';
import { type AttemptCounters, attemptCounters } from '../limits/attempt-counter.js';
import { type IpBucket, IpLimiter, type IpRule } from '../limits/ip-limiter.js';
import type { MemoryHome } from '../limits/memory-limiter.js';
import { RequestLimiter } from '../limits/request-limiter.js';
import { MemoryStickyStore } from '../routing/sticky/memory-sticky-store.js';
import { RedisStickyStore } from '../routing/sticky/redis-sticky-store.js';
import { DEFAULT_STICKY_SETTINGS, type StickySettings } from '../routing/sticky/sticky-settings.js';
import type { StickyStore } from '../routing/sticky/sticky-store.js';
import { type ConfigBus, createConfigBus } from './config-bus.js';
import { closeRedis, waitForRedis } from './redis.js';
import { DEFAULT_REDIS_PREFIX, redisNames } from './redis-names.js';
import type { PrimaryLink } from './workers/primary-link.js';
import { PrimaryCacheStore, PrimaryConfigBus, PrimaryLeaseStore, PrimaryStickyStore } from './workers/worker-stores.js';

export interface ClusterServicesOptions {
  /** `REDIS_URL`: set → limits, cache and the config bus are shared through Redis; unset → in memory. */
  redisUrl?: string;
  /** This replica's id (messages it publishes carry it; lease ids start with it). */
  instanceId: string;
  /**
   * Prefix of every Redis key and channel (`AIHUB_REDIS_PREFIX`, default `aihub:`, used verbatim):
   * deployments with different prefixes share one Redis and nothing else.
   */
  redisPrefix?: string;
  cachePolicy?: Partial<CachePolicy>;
  ipRules?: Partial<Record<IpBucket, IpRule>>;
  /** Bounds of the sticky routes (each process's memory; their TTL in Redis too). */
  sticky?: Pick<StickySettings, 'maxEntries' | 'idleTtlMs'>;
  /**
   * In a worker of `aihub serve --workers N`: the link to the primary. Without Redis, limits, the
   * cache, sticky routes and the config bus then live in the primary, shared by all its workers.
   */
  primary?: PrimaryLink;
  /** Where Redis failures are reported (throttled per component). */
  onError?: (error: unknown, component: string) => void;
}

export interface ClusterServices {
  /** The shared connection, when REDIS_URL is set. */
  redis?: Redis;
  bus: ConfigBus;
  limits: RequestLimiter;
  ipLimiter: IpLimiter;
  /** Counters of attempts per key (sign-ins, sign-ups), shared like the rest. */
  attemptCounters: AttemptCounters;
  cache: ResponseCache;
  /** Each conversation's last (channel, key): shared through Redis, this process's memory as the fallback. */
  stickyRoutes: StickyStore;
  /** Closes the bus and the connection (after the server stopped taking requests). */
  close(): Promise<void>;
}

/**
 * Everything that must be shared between replicas, built once at start. With a Redis URL, it
 * waits until Redis answers (a wrong URL fails the start loudly rather than running unlimited).
 */
export async function createClusterServices(options: ClusterServicesOptions): Promise<ClusterServices> {
  const names = redisNames(options.redisPrefix ?? DEFAULT_REDIS_PREFIX);
  const report = (component: string) => (error: unknown) => options.onError?.(error, component);
  let redis: Redis | undefined;
  if (options.redisUrl) {
    const { createRedis } = await import('./redis-connection.js');
    redis = createRedis(options.redisUrl);
    try {
      await waitForRedis(redis);
    } catch (error) {
      await closeRedis(redis);
      throw error;
    }
  }
  // Without Redis, a worker's shared state is its primary's (cluster/workers/shared-state.ts).
  const primary = redis ? undefined : options.primary;
  const memoryHome: MemoryHome = primary ? 'primary' : 'process';
  const bus = primary
    ? new PrimaryConfigBus(primary, options.instanceId)
    : await createConfigBus({
        redis,
        instanceId: options.instanceId,
        channel: names.configChannel,
        onError: (error, context) => options.onError?.(error, `config bus: ${context}`),
      });
  return {
    redis,
    bus,
    limits: new RequestLimiter({
      redis,
      keyPrefix: names.rateLimits,
      instanceId: options.instanceId,
      memoryHome,
      ...(primary ? { sharedLeases: new PrimaryLeaseStore(primary, report('rate limits')) } : {}),
      onStoreError: report('rate limits'),
    }),
    ipLimiter: new IpLimiter({
      redis,
      keyPrefix: names.ipLimits,
      rules: options.ipRules,
      memoryHome,
      onStoreError: report('ip limits'),
    }),
    attemptCounters: attemptCounters({
      redis,
      keyPrefix: names.attempts,
      memoryHome,
      onStoreError: report('attempt limits'),
    }),
    cache: createResponseCache({
      redis,
      keyPrefix: names.responseCache,
      policy: options.cachePolicy,
      ...(primary ? { sharedStore: new PrimaryCacheStore(primary) } : {}),
      onStoreError: report('response cache'),
    }),
    stickyRoutes: stickyStore(
      redis,
      primary,
      names.stickyRoutes,
      options.sticky ?? DEFAULT_STICKY_SETTINGS,
      report('sticky routes'),
    ),
    async close() {
      await bus.close();
      if (redis) await closeRedis(redis);
    },
  };
}

function stickyStore(
  redis: Redis | undefined,
  primary: PrimaryLink | undefined,
  keyPrefix: string,
  bounds: Pick<StickySettings, 'maxEntries' | 'idleTtlMs'>,
  onStoreError: (error: unknown) => void,
): StickyStore {
  const memory = new MemoryStickyStore(bounds);
  if (primary) return new PrimaryStickyStore(primary, memory, onStoreError);
  if (!redis) return memory;
  return new RedisStickyStore({ redis, keyPrefix, idleTtlMs: bounds.idleTtlMs, fallback: memory, onStoreError });
}
