import { GatewayError } from '../ir/index.js';
import { FixedWindowLimiter } from './fixed-window-limiter.js';

export interface LoginThrottleOptions {
  now: () => number;
  windowMs?: number;
  /** Attempts per window for one address and one email (default 10). */
  perAccount?: number;
  /** Attempts per window from one address, whatever the email (default 30). */
  perAddress?: number;
}

/**
 * Slows password guessing: at most 10 login attempts per 15 minutes for one IP and email, and 30
 * per IP across all emails (so spraying many accounts from one address is capped too). Every
 * attempt counts, successful or not, and the check runs before the password hash is computed,
 * so a flood also cannot burn the CPU on argon2.
 */
export class LoginThrottle {
  private readonly perAccount: FixedWindowLimiter;
  private readonly perAddress: FixedWindowLimiter;

  constructor(options: LoginThrottleOptions) {
    const windowMs = options.windowMs ?? 15 * 60_000;
    this.perAccount = new FixedWindowLimiter(options.perAccount ?? 10, windowMs, options.now);
    this.perAddress = new FixedWindowLimiter(options.perAddress ?? 30, windowMs, options.now);
  }

  /** Counts an attempt; 429 `too_many_login_attempts` with retry-after when over either limit. */
  attempt(ip: string, email: string): void {
    const address = this.perAddress.hit(ip);
    const account = this.perAccount.hit(`${ip}\n${email.trim().toLowerCase()}`);
    const refused = [address, account].filter((result) => !result.allowed);
    if (refused.length === 0) return;
    const retryAfterMs = Math.max(...refused.map((result) => (result.allowed ? 0 : result.retryAfterMs)));
    throw new GatewayError({
      kind: 'rate_limit',
      message: `Too many login attempts. Try again in ${Math.ceil(retryAfterMs / 1000)} seconds.`,
      code: 'too_many_login_attempts',
      retryAfterMs,
    });
  }
}

/** Caps sign-ups per address (each new account gets a trial credit worth farming). */
export class RegistrationThrottle {
  private readonly perAddress: FixedWindowLimiter;

  constructor(options: { now: () => number; perHour?: number }) {
    this.perAddress = new FixedWindowLimiter(options.perHour ?? 20, 60 * 60_000, options.now);
  }

  attempt(ip: string): void {
    const result = this.perAddress.hit(ip);
    if (result.allowed) return;
    throw new GatewayError({
      kind: 'rate_limit',
      message: `Too many sign-ups from this address. Try again in ${Math.ceil(result.retryAfterMs / 1000)} seconds.`,
      code: 'too_many_registrations',
      retryAfterMs: result.retryAfterMs,
    });
  }
}
