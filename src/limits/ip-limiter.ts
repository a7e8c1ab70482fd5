import type { Redis } from 'ioredis';
import { type RateLimiterAbstract, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { redisNames } from '../cluster/redis-names.js';
import { ipLimitKey } from './ip-key.js';
import { type MemoryHome, memoryLimiter } from './memory-limiter.js';
import { RateLimitError } from './rate-limit-error.js';
import { formatResetDuration } from './reset-duration.js';

/**
 * What is counted per client address on routes without a caller:
 * - `auth_failure`: /v1 requests whose key was missing or wrong (count on failure only, so valid
 *   keys never pay for it; a client past the limit gets 429 instead of 401).
 * The public account endpoints (sign-in, sign-up, reset, OAuth) are counted per address by
 * AddressLimiter (address-limiter.ts), with finer limits of their own behind it
 * (src/accounts/login-throttle.ts).
 */
export type IpBucket = 'auth_failure';

export interface IpRule {
  points: number;
  durationSeconds: number;
}

export const DEFAULT_IP_RULES: Readonly<Record<IpBucket, IpRule>> = Object.freeze({
  auth_failure: { points: 30, durationSeconds: 60 },
});

const MESSAGES: Record<IpBucket, { code: string; text: string }> = {
  auth_failure: {
    code: 'too_many_auth_failures',
    text: 'Too many requests with an invalid API key from your address.',
  },
};

export interface IpLimiterOptions {
  /** Shared across replicas in Redis; absent = this process. Same behaviour. */
  redis?: Redis;
  /** Without Redis: this process's memory, or the cluster primary's (shared by its workers). */
  memoryHome?: MemoryHome;
  /** Default `aihub:ip` (see cluster/redis-names.ts). */
  keyPrefix?: string;
  rules?: Partial<Record<IpBucket, IpRule>>;
  /** Store failures: the attempt is let through (fail open). */
  onStoreError?: (error: unknown) => void;
}

/** Fixed windows per address and bucket, from rate-limiter-flexible (memory or Redis). */
export class IpLimiter {
  private readonly limiters = new Map<IpBucket, RateLimiterAbstract>();
  private readonly onStoreError: (error: unknown) => void;

  constructor(options: IpLimiterOptions = {}) {
    const prefix = options.keyPrefix ?? redisNames().ipLimits;
    this.onStoreError = options.onStoreError ?? (() => {});
    for (const bucket of Object.keys(DEFAULT_IP_RULES) as IpBucket[]) {
      const rule = options.rules?.[bucket] ?? DEFAULT_IP_RULES[bucket];
      const common = { keyPrefix: `${prefix}:${bucket}`, points: rule.points, duration: rule.durationSeconds };
      this.limiters.set(
        bucket,
        options.redis
          ? new RateLimiterRedis({ ...common, storeClient: options.redis, rejectIfRedisNotReady: true })
          : memoryLimiter(common, options.memoryHome),
      );
    }
  }

  /** Counts one attempt from `ip`; throws a 429 RateLimitError once past the bucket's limit. */
  async hit(bucket: IpBucket, ip: string): Promise<void> {
    const limiter = this.limiters.get(bucket) as RateLimiterAbstract;
    try {
      await limiter.consume(ipLimitKey(ip));
    } catch (error) {
      if (!(error instanceof RateLimiterRes)) {
        this.onStoreError(error);
        return;
      }
      throw refusal(bucket, error);
    }
  }

  /** Throws the 429 if `ip` is already past the limit, without counting (e.g. before costly work). */
  async check(bucket: IpBucket, ip: string): Promise<void> {
    const limiter = this.limiters.get(bucket) as RateLimiterAbstract;
    let res: RateLimiterRes | null;
    try {
      res = await limiter.get(ipLimitKey(ip));
    } catch (error) {
      this.onStoreError(error);
      return;
    }
    if (res && res.consumedPoints >= limiter.points) throw refusal(bucket, res);
  }
}

function refusal(bucket: IpBucket, res: RateLimiterRes): RateLimitError {
  const retryAfterMs = Math.max(0, res.msBeforeNext);
  const { code, text } = MESSAGES[bucket];
  return new RateLimitError({
    code,
    message: `${text} Please try again in ${formatResetDuration(retryAfterMs)}.`,
    retryAfterMs,
    headers: {},
  });
}
