/**
 * Where one deployment keeps its shared state in Redis. Every key and pub/sub channel starts with
 * the deployment's prefix (`AIHUB_REDIS_PREFIX`, default `aihub:`), so two deployments can share
 * one Redis without sharing limits, cached answers or configuration changes. A component that
 * needs a new key or channel gets its name here, from the prefix, never from a literal.
 */
export const DEFAULT_REDIS_PREFIX = 'aihub:';

export interface RedisNames {
  /** Per key and per user requests/tokens per minute and concurrency leases (limits/request-limiter.ts). */
  rateLimits: string;
  /** Per address authentication failures on the API (limits/ip-limiter.ts). */
  ipLimits: string;
  /** Sign-in and sign-up attempt counters, per address and per account (limits/attempt-counter.ts). */
  attempts: string;
  /** Cached answers (cache/cache-store.ts). */
  responseCache: string;
  /** The configuration bus's pub/sub channel (cluster/config-bus.ts). */
  configChannel: string;
  /** Each conversation's last (channel, key), for sticky routing (routing/sticky/redis-sticky-store.ts). */
  stickyRoutes: string;
}

/** The prefix is used verbatim: `aihub:` gives `aihub:rl:rpm:…`, `aihub:config`. */
export function redisNames(prefix: string = DEFAULT_REDIS_PREFIX): RedisNames {
  return {
    rateLimits: `${prefix}rl`,
    ipLimits: `${prefix}ip`,
    attempts: `${prefix}attempts`,
    responseCache: `${prefix}cache`,
    configChannel: `${prefix}config`,
    stickyRoutes: `${prefix}sticky`,
  };
}

/**
 * `AIHUB_REDIS_PREFIX`: unset or empty → `aihub:`. Otherwise 1 to 64 visible ASCII characters,
 * refused at start when not, so a stray space or an invisible character cannot silently put a
 * deployment in another one's keys.
 */
export function parseRedisPrefix(value: string | undefined): string {
  if (value === undefined || value === '') return DEFAULT_REDIS_PREFIX;
  if (!/^[\x21-\x7e]{1,64}$/.test(value)) {
    throw new Error(
      `AIHUB_REDIS_PREFIX must be 1 to 64 visible ASCII characters without spaces (such as "aihub-prod:"), got ${JSON.stringify(value)}.`,
    );
  }
  return value;
}
