import type { Redis } from 'ioredis';
import { isRedisReady } from '../cluster/redis.js';
import { DEFAULT_LEASE_TTL_MS, type LeaseStore, type LeaseTake } from './concurrency-leases.js';

/**
 * Leases in a Redis sorted set per key (member = lease id, score = expiry in ms). One script drops
 * expired leases, counts and adds, atomically for all replicas; it reads Redis's own clock, so
 * replicas' clocks need not agree. The key itself expires `ttlMs` after its latest lease.
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local count = redis.call('ZCARD', KEYS[1])
if count >= tonumber(ARGV[2]) then
  return {0, count}
end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return {1, count + 1}
`;

interface LeaseCommands {
  aihubLeaseAcquire(key: string, leaseId: string, limit: number, ttlMs: number): Promise<[number, number]>;
}

export interface RedisLeaseStoreOptions {
  redis: Redis;
  /** Storage key prefix, e.g. `aihub:rl:conc`. */
  keyPrefix: string;
  ttlMs?: number;
  onStoreError?: (error: unknown) => void;
}

export class RedisLeaseStore implements LeaseStore {
  private readonly redis: Redis & LeaseCommands;
  private readonly ttlMs: number;
  private readonly onStoreError: (error: unknown) => void;

  constructor(private readonly options: RedisLeaseStoreOptions) {
    options.redis.defineCommand('aihubLeaseAcquire', { numberOfKeys: 1, lua: ACQUIRE });
    this.redis = options.redis as Redis & LeaseCommands;
    this.ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.onStoreError = options.onStoreError ?? (() => {});
  }

  async acquire(key: string, leaseId: string, limit: number): Promise<LeaseTake> {
    try {
      if (!isRedisReady(this.redis)) throw new Error('Redis connection is not ready');
      const [ok, count] = await this.redis.aihubLeaseAcquire(this.storageKey(key), leaseId, limit, this.ttlMs);
      return { ok: ok === 1, counted: true, limit, inFlight: Number(count) };
    } catch (error) {
      this.onStoreError(error);
      return { ok: true, counted: false, limit, inFlight: 0 };
    }
  }

  async release(key: string, leaseId: string): Promise<void> {
    try {
      await this.redis.zrem(this.storageKey(key), leaseId);
    } catch (error) {
      // The lease expires on its own.
      this.onStoreError(error);
    }
  }

  private storageKey(key: string): string {
    return `${this.options.keyPrefix}:${key}`;
  }
}
