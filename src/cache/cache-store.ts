import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import { isRedisReady } from '../cluster/redis.js';
import { redisNames } from '../cluster/redis-names.js';

/** Where cached answers live: text values with a TTL. Failures are the caller's to swallow. */
export interface CacheStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
}

export interface MemoryCacheStoreOptions {
  /** Total size in bytes (UTF-8 length of keys and values). Default 64 MiB. */
  maxBytes?: number;
  /** Clock for TTLs (tests). */
  now?: () => number;
}

/** One process: an LRU bounded in bytes, each entry with its own TTL (expired entries are never served). */
export class MemoryCacheStore implements CacheStore {
  private readonly lru: LRUCache<string, string>;

  constructor(options: MemoryCacheStoreOptions = {}) {
    const maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.lru = new LRUCache<string, string>({
      maxSize: maxBytes,
      maxEntrySize: maxBytes,
      sizeCalculation: (value, key) => Buffer.byteLength(value) + Buffer.byteLength(key),
      ttl: 60_000, // a default; every set passes its own
      ttlAutopurge: false,
      // An injected clock is read on every check (the default caches `now` for 1 ms).
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  async get(key: string): Promise<string | undefined> {
    return this.lru.get(key);
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    this.lru.set(key, value, { ttl: ttlMs });
  }

  /** Bytes held (tests). */
  get bytes(): number {
    return this.lru.calculatedSize;
  }
}

/** All replicas: `SET key value PX ttl`, plain JSON text; Redis's own eviction policy bounds it. */
export class RedisCacheStore implements CacheStore {
  constructor(
    private readonly redis: Redis,
    private readonly keyPrefix = redisNames().responseCache,
  ) {}

  async get(key: string): Promise<string | undefined> {
    if (!isRedisReady(this.redis)) throw new Error('Redis connection is not ready');
    return (await this.redis.get(`${this.keyPrefix}:${key}`)) ?? undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    if (!isRedisReady(this.redis)) throw new Error('Redis connection is not ready');
    await this.redis.set(`${this.keyPrefix}:${key}`, value, 'PX', Math.max(1, Math.round(ttlMs)));
  }
}
