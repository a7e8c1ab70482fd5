import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { type MemoryHome, memoryLimiter } from './memory-limiter.js';

export interface WindowTake {
  ok: boolean;
  /** False when the store failed and the request was let through uncounted (fail open). */
  counted: boolean;
  limit: number;
  /** Points this request asked for. */
  points: number;
  /** Points used in the window before this request. */
  used: number;
  /** Points left: after this request when ok, before it when refused. */
  remaining: number;
  /** Milliseconds until the window resets. */
  resetMs: number;
  /** `Date.now()` at which the window that counted this request ends. */
  windowEndsAt: number;
}

export interface WindowCounterOptions {
  /** Shared counters in Redis (all replicas); absent = this process only. */
  redis?: Redis;
  /** Without Redis: this process's memory, or the cluster primary's (shared by its workers). */
  memoryHome?: MemoryHome;
  /** Storage key prefix, e.g. `aihub:rl:rpm`. */
  keyPrefix: string;
  /** Window length (60 for per-minute limits). Whole seconds: the library's unit. */
  windowSeconds: number;
  onStoreError?: (error: unknown) => void;
}

/**
 * Fixed-window counters from rate-limiter-flexible: RateLimiterMemory, or RateLimiterRedis whose
 * increment-with-expiry is one Lua script, so every replica sees one atomic count. A window starts
 * at a key's first request and lasts `windowSeconds`.
 *
 * The limit varies per caller, so the library's own `points` is set out of reach and the limit is
 * compared here with the count the atomic increment returned. A refused take is given back at
 * once (refused requests do not count). Giving back is skipped once the window that counted the
 * points has ended: it would otherwise be credited to the next window and let more through.
 *
 * Clock: the memory store uses `Date.now()`, Redis its own key expiry (tests fake Date, or wait).
 */
export class WindowCounter {
  private readonly limiter: RateLimiterAbstract;
  private readonly onStoreError: (error: unknown) => void;

  constructor(options: WindowCounterOptions) {
    const common = { keyPrefix: options.keyPrefix, points: Number.MAX_SAFE_INTEGER, duration: options.windowSeconds };
    this.limiter = options.redis
      ? new RateLimiterRedis({ ...common, storeClient: options.redis, rejectIfRedisNotReady: true })
      : memoryLimiter(common, options.memoryHome);
    this.onStoreError = options.onStoreError ?? (() => {});
  }

  /** Adds `points` to `key`'s window if that keeps it within `limit`; otherwise changes nothing. */
  async take(key: string, points: number, limit: number): Promise<WindowTake> {
    let res: RateLimiterRes;
    try {
      res = await this.limiter.consume(key, points);
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        res = error; // not reachable with points out of reach, but the library's contract allows it
      } else {
        this.onStoreError(error);
        return { ok: true, counted: false, limit, points, used: 0, remaining: limit, resetMs: 0, windowEndsAt: 0 };
      }
    }
    const resetMs = Math.max(0, res.msBeforeNext);
    const windowEndsAt = Date.now() + resetMs;
    if (res.consumedPoints <= limit) {
      const used = res.consumedPoints - points;
      return {
        ok: true,
        counted: true,
        limit,
        points,
        used,
        remaining: limit - res.consumedPoints,
        resetMs,
        windowEndsAt,
      };
    }
    await this.giveBack(key, points, windowEndsAt);
    // Concurrent refusals not yet given back also sit in the count: at most the limit was used.
    const used = Math.min(res.consumedPoints - points, limit);
    return {
      ok: false,
      counted: true,
      limit,
      points,
      used,
      remaining: Math.max(0, limit - used),
      resetMs,
      windowEndsAt,
    };
  }

  /** Takes points back from the window that ends at `windowEndsAt`, if it is still the current one. */
  async giveBack(key: string, points: number, windowEndsAt: number): Promise<void> {
    if (points <= 0 || Date.now() >= windowEndsAt) return;
    try {
      await this.limiter.reward(key, points);
    } catch (error) {
      this.onStoreError(error);
    }
  }

  /** Adds points after the fact (a request used more than it was admitted with), without a check. */
  async charge(key: string, points: number): Promise<void> {
    if (points <= 0) return;
    try {
      await this.limiter.penalty(key, points);
    } catch (error) {
      this.onStoreError(error);
    }
  }

  /** Points used in the current window (0 when none). */
  async used(key: string): Promise<number> {
    const res = await this.limiter.get(key);
    return res ? res.consumedPoints : 0;
  }
}
