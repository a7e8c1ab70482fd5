import { RateLimiterCluster, RateLimiterMemory } from 'rate-limiter-flexible';
import { PRIMARY_CALL_TIMEOUT_MS } from '../cluster/workers/primary-link.js';

/**
 * Where a counter lives when there is no Redis: in this process, or, in a worker of
 * `aihub serve --workers N`, in the primary process, so the workers of one machine count together
 * (rate-limiter-flexible's cluster limiter: the primary keeps a RateLimiterMemory per key prefix
 * and answers each worker over IPC; see cluster/workers/shared-state.ts).
 */
export type MemoryHome = 'process' | 'primary';

export interface MemoryLimiterOptions {
  keyPrefix: string;
  points: number;
  duration: number;
}

export function memoryLimiter(options: MemoryLimiterOptions, home: MemoryHome = 'process') {
  return home === 'primary'
    ? new RateLimiterCluster({ ...options, timeoutMs: PRIMARY_CALL_TIMEOUT_MS })
    : new RateLimiterMemory(options);
}
