import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { redisNames } from '../cluster/redis-names.js';
import { type MemoryHome, memoryLimiter } from './memory-limiter.js';

/** At most `points` attempts per key in each fixed window of `durationSeconds`. */
export interface AttemptRule {
  points: number;
  durationSeconds: number;
}

export interface AttemptCount {
  /** Whether this attempt (or, for `peek`, the next one) is within the rule. */
  allowed: boolean;
  /** Attempts counted in the current window, this one included. */
  count: number;
  /** Until the window ends. */
  retryAfterMs: number;
}

/**
 * Counts attempts per key in fixed windows, shared across replicas through Redis when there is
 * one, in this process otherwise. Every call counts, allowed or not (a refused guess still counts).
 * When Redis fails, the attempt is counted in this process instead (and reported): limits that
 * protect accounts degrade to per-process, never to none.
 */
export class AttemptCounter {
  private readonly store: RateLimiterAbstract;
  private readonly fallback: RateLimiterMemory;
  private readonly onStoreError: (error: unknown) => void;

  constructor(
    readonly rule: AttemptRule,
    options: { redis?: Redis; memoryHome?: MemoryHome; keyPrefix: string; onStoreError?: (error: unknown) => void },
  ) {
    const common = { keyPrefix: options.keyPrefix, points: rule.points, duration: rule.durationSeconds };
    this.fallback = new RateLimiterMemory(common);
    this.store = options.redis
      ? new RateLimiterRedis({ ...common, storeClient: options.redis, rejectIfRedisNotReady: true })
      : options.memoryHome === 'primary'
        ? memoryLimiter(common, 'primary')
        : this.fallback;
    this.onStoreError = options.onStoreError ?? (() => {});
  }

  async hit(key: string): Promise<AttemptCount> {
    return this.counted(await this.settle((store) => store.consume(key)));
  }

  /** Takes one counted attempt back (an attempt that turned out not to be what the rule limits). */
  async forgive(key: string): Promise<void> {
    await this.settle((store) => store.reward(key));
  }

  /** The current window's count, without counting. */
  async peek(key: string): Promise<AttemptCount> {
    const res = await this.settle((store) => store.get(key));
    return res ? this.counted(res) : { allowed: true, count: 0, retryAfterMs: 0 };
  }

  private counted(res: RateLimiterRes): AttemptCount {
    return {
      allowed: res.consumedPoints <= this.rule.points,
      count: res.consumedPoints,
      retryAfterMs: Math.max(0, res.msBeforeNext),
    };
  }

  /** Runs against the shared store; a refusal is a result, a store failure falls back to this process. */
  private async settle<T extends RateLimiterRes | null>(
    operation: (store: RateLimiterAbstract) => Promise<T>,
  ): Promise<T> {
    try {
      return await operation(this.store);
    } catch (error) {
      if (error instanceof RateLimiterRes) return error as T;
      this.onStoreError(error);
      try {
        return await operation(this.fallback);
      } catch (fallbackError) {
        if (fallbackError instanceof RateLimiterRes) return fallbackError as T;
        throw fallbackError;
      }
    }
  }
}

/** Makes the counters of one deployment: one Redis (or none) and one key prefix, a name per counter. */
export type AttemptCounters = (name: string, rule: AttemptRule) => AttemptCounter;

export function attemptCounters(
  options: { redis?: Redis; memoryHome?: MemoryHome; keyPrefix?: string; onStoreError?: (error: unknown) => void } = {},
): AttemptCounters {
  const prefix = options.keyPrefix ?? redisNames().attempts;
  return (name, rule) =>
    new AttemptCounter(rule, {
      redis: options.redis,
      memoryHome: options.memoryHome,
      keyPrefix: `${prefix}:${name}`,
      onStoreError: options.onStoreError,
    });
}
