import type { AttemptCounter, AttemptCounters, AttemptRule } from './attempt-counter.js';
import { ipLimitKey } from './ip-key.js';
import { RateLimitError } from './rate-limit-error.js';
import { formatResetDuration } from './reset-duration.js';

/**
 * Calls to each public account endpoint (sign-in, sign-up, password reset, email verification,
 * passkey and two-factor sign-in, the OAuth start and callback) from one client address in each
 * window. A person needs a handful; a script flooding one of them (each OAuth start writes a
 * row) stops here. Looser than the endpoints' own limits behind it (sign-in 30 and password reset
 * 10 per address in 15 minutes, sign-up 20 an hour; login-throttle.ts, mail-services.ts), so that
 * where one applies, its more telling answer (`too_many_login_attempts`...) comes first.
 */
export const DEFAULT_ADDRESS_RULE: Readonly<AttemptRule> = Object.freeze({ points: 60, durationSeconds: 10 * 60 });

/**
 * The one per-address limit of unauthenticated endpoints. Counted per endpoint and client address
 * (the address Fastify resolved under AIHUB_TRUST_PROXY, IPv6 by /64), in Redis across replicas
 * when configured, in this process otherwise (and when Redis fails: never unlimited).
 */
export class AddressLimiter {
  private readonly counter: AttemptCounter;

  constructor(counters: AttemptCounters, rule: AttemptRule = DEFAULT_ADDRESS_RULE) {
    this.counter = counters('endpoint:address', rule);
  }

  /** Counts one call of `endpoint` from `ip`; a 429 `too_many_requests_from_address` with retry-after past the limit. */
  async admit(endpoint: string, ip: string): Promise<void> {
    const count = await this.counter.hit(`${endpoint}|${ipLimitKey(ip)}`);
    if (count.allowed) return;
    throw new RateLimitError({
      code: 'too_many_requests_from_address',
      message: `Too many requests to this page from your address. Please try again in ${formatResetDuration(count.retryAfterMs)}.`,
      retryAfterMs: count.retryAfterMs,
      headers: {},
    });
  }
}
