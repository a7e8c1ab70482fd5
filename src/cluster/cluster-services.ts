import type { Redis } from 'ioredis';
import type { CachePolicy } from '../cache/cache-types.js';
import type { ResponseCache } from '../cache/response-cache.js';
import { createResponseCache } from '../cache/response-cache.js';
import { type AttemptCounters, attemptCounters } from '../limits/attempt-counter.js';
import { type IpBucket, IpLimiter, type IpRule } from '../limits/ip-limiter.js';
import { RequestLimiter } from '../limits/request-limiter.js';
import { type ConfigBus, createConfigBus } from './config-bus.js';
import { closeRedis, createRedis, waitForRedis } from './redis.js';

export interface ClusterServicesOptions {
  /** `REDIS_URL`: set → limits, cache and the config bus are shared through Redis; unset → in memory. */
  redisUrl?: string;
  /** This replica's id (messages it publishes carry it; lease ids start with it). */
  instanceId: string;
  /** Key prefix for everything in Redis (default `aihub`): several deployments can share one Redis. */
  keyPrefix?: string;
  cachePolicy?: Partial<CachePolicy>;
  ipRules?: Partial<Record<IpBucket, IpRule>>;
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
  /** Closes the bus and the connection (after the server stopped taking requests). */
  close(): Promise<void>;
}

/**
 * Everything that must be shared between replicas, built once at start. With a Redis URL, it
 * waits until Redis answers (a wrong URL fails the start loudly rather than running unlimited).
 */
export async function createClusterServices(options: ClusterServicesOptions): Promise<ClusterServices> {
  const prefix = options.keyPrefix ?? 'aihub';
  const report = (component: string) => (error: unknown) => options.onError?.(error, component);
  let redis: Redis | undefined;
  if (options.redisUrl) {
    redis = createRedis(options.redisUrl);
    try {
      await waitForRedis(redis);
    } catch (error) {
      await closeRedis(redis);
      throw error;
    }
  }
  const bus = await createConfigBus({
    redis,
    instanceId: options.instanceId,
    channel: `${prefix}:config`,
    onError: (error, context) => options.onError?.(error, `config bus: ${context}`),
  });
  return {
    redis,
    bus,
    limits: new RequestLimiter({
      redis,
      keyPrefix: `${prefix}:rl`,
      instanceId: options.instanceId,
      onStoreError: report('rate limits'),
    }),
    ipLimiter: new IpLimiter({
      redis,
      keyPrefix: `${prefix}:ip`,
      rules: options.ipRules,
      onStoreError: report('ip limits'),
    }),
    attemptCounters: attemptCounters({
      redis,
      keyPrefix: `${prefix}:attempts`,
      onStoreError: report('attempt limits'),
    }),
    cache: createResponseCache({
      redis,
      keyPrefix: `${prefix}:cache`,
      policy: options.cachePolicy,
      onStoreError: report('response cache'),
    }),
    async close() {
      await bus.close();
      if (redis) await closeRedis(redis);
    },
  };
}
