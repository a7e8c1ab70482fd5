import type { Redis } from 'ioredis';
import { isRedisReady } from '../../cluster/redis.js';
import { decodeStickyRoute, encodeStickyRoute, type StickyRoute, type StickyStore } from './sticky-store.js';

export interface RedisStickyStoreOptions {
  redis: Redis;
  /** `redisNames(prefix).stickyRoutes`. */
  keyPrefix: string;
  idleTtlMs: number;
  /** This process's own store: written always, read when Redis cannot answer. */
  fallback: StickyStore;
  /** A Redis failure (throttled by the caller); the request goes on with the fallback. */
  onStoreError?: (error: unknown) => void;
}

/**
 * Sticky routes shared by every replica: `GET` before routing, `SET … PX idleTtl` after a success,
 * so a conversation that moved on one replica is followed by the others. Every write also goes to
 * the local fallback, which answers while Redis is down or not yet connected (no wait in the
 * offline queue): a Redis outage costs cache hits across replicas, never a request.
 */
export class RedisStickyStore implements StickyStore {
  constructor(private readonly options: RedisStickyStoreOptions) {}

  async get(conversation: string): Promise<StickyRoute | undefined> {
    const { redis, fallback } = this.options;
    if (isRedisReady(redis)) {
      try {
        const route = decodeStickyRoute(await redis.get(this.redisKey(conversation)));
        // Nothing in Redis (evicted, flushed, written while it was down): what this replica knows.
        return route ?? (await fallback.get(conversation));
      } catch (error) {
        this.options.onStoreError?.(error);
      }
    }
    return fallback.get(conversation);
  }

  async set(conversation: string, route: StickyRoute): Promise<void> {
    const { redis, fallback, idleTtlMs } = this.options;
    await fallback.set(conversation, route);
    if (!isRedisReady(redis)) return;
    try {
      await redis.set(this.redisKey(conversation), encodeStickyRoute(route), 'PX', Math.max(1, Math.round(idleTtlMs)));
    } catch (error) {
      this.options.onStoreError?.(error);
    }
  }

  private redisKey(conversation: string): string {
    return `${this.options.keyPrefix}:${conversation}`;
  }
}
