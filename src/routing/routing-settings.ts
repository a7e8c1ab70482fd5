import type { BreakerOptions } from './health/circuit-breaker.js';
import { DEFAULT_FAILURE_POLICY, type FailurePolicy } from './health/failure-class.js';

/** Failover and health settings, from the environment (defaults suit most deployments). */
export interface RoutingSettings {
  /** `AIHUB_MAX_RETRY_MS` (60 s): no new attempt starts once a request has spent this long. */
  maxRetryMs: number;
  /**
   * `AIHUB_BREAKER_WINDOW_MS` (30 s), `AIHUB_BREAKER_WINDOW_SIZE` (20 calls),
   * `AIHUB_BREAKER_MIN_CALLS` (5), `AIHUB_BREAKER_FAILURE_RATE` (0.5), `AIHUB_BREAKER_OPEN_MS`
   * (30 s, doubling on each trip in a row) and `AIHUB_BREAKER_MAX_OPEN_MS` (5 min).
   */
  breaker: Partial<BreakerOptions>;
  /** `AIHUB_RATE_LIMIT_COOLDOWN_MS` (5 s) and `AIHUB_ACCOUNT_COOLDOWN_MS` (60 s). */
  failurePolicy: FailurePolicy;
}

export const DEFAULT_MAX_RETRY_MS = 60_000;

export function loadRoutingSettings(env: NodeJS.ProcessEnv): RoutingSettings {
  const breaker: Partial<BreakerOptions> = {};
  const set = (name: keyof BreakerOptions, value: number | undefined) => {
    if (value !== undefined) breaker[name] = value;
  };
  set('windowMs', positive(env.AIHUB_BREAKER_WINDOW_MS));
  set('windowSize', positive(env.AIHUB_BREAKER_WINDOW_SIZE));
  set('minCalls', positive(env.AIHUB_BREAKER_MIN_CALLS));
  const rate = positive(env.AIHUB_BREAKER_FAILURE_RATE);
  set('failureRate', rate !== undefined && rate <= 1 ? rate : undefined);
  set('openMs', positive(env.AIHUB_BREAKER_OPEN_MS));
  set('maxOpenMs', positive(env.AIHUB_BREAKER_MAX_OPEN_MS));
  return {
    maxRetryMs: positive(env.AIHUB_MAX_RETRY_MS) ?? DEFAULT_MAX_RETRY_MS,
    breaker,
    failurePolicy: {
      rateLimitCooldownMs: positive(env.AIHUB_RATE_LIMIT_COOLDOWN_MS) ?? DEFAULT_FAILURE_POLICY.rateLimitCooldownMs,
      accountCooldownMs: positive(env.AIHUB_ACCOUNT_COOLDOWN_MS) ?? DEFAULT_FAILURE_POLICY.accountCooldownMs,
    },
  };
}

function positive(value: string | undefined): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const number = Number(value);
  return Number.isFinite(number) && number > 0 ? number : undefined;
}
