import { createHash } from 'node:crypto';
import type { AttemptCount, AttemptCounter, AttemptCounters, AttemptRule } from '../limits/attempt-counter.js';
import { ipLimitKey } from '../limits/ip-key.js';
import { RateLimitError } from '../limits/rate-limit-error.js';
import { formatResetDuration } from '../limits/reset-duration.js';
import type { LoginSecurityStore } from './login-security-store.js';

/** The sign-in limits, each a fixed window. Shared by every replica when Redis is configured. */
export interface LoginRules {
  /** Every attempt from one address, whatever the account: slows spraying many accounts. */
  perAddress: AttemptRule;
  /** Every attempt at one account from one address. */
  perAddressAndAccount: AttemptRule;
  /**
   * Failed attempts at one account from addresses it has never signed in from, whatever the
   * address: many addresses together get no more guesses than this. Past it, sign-ins from
   * unfamiliar addresses pause until the window ends; familiar addresses are never paused.
   */
  perAccount: AttemptRule;
  /** Sign-ups from one address (each new account gets a trial credit worth farming). */
  registrationsPerAddress: AttemptRule;
}

export const DEFAULT_LOGIN_RULES: Readonly<LoginRules> = Object.freeze({
  perAddress: { points: 30, durationSeconds: 15 * 60 },
  perAddressAndAccount: { points: 10, durationSeconds: 15 * 60 },
  perAccount: { points: 10, durationSeconds: 15 * 60 },
  registrationsPerAddress: { points: 20, durationSeconds: 60 * 60 },
});

/** One admitted sign-in attempt, to report its success with. */
export interface LoginAttempt {
  readonly address: string;
  readonly account: string;
  /** Counted against the account's failures (it came from an unfamiliar address). */
  readonly countedForAccount: boolean;
}

/** What the throttle needs from the store of familiar addresses and pauses. */
export type LoginSecurity = Pick<LoginSecurityStore, 'isFamiliar' | 'rememberSignIn' | 'recordLockout'>;

export interface LoginThrottleOptions {
  counters: AttemptCounters;
  security: LoginSecurity;
  now: () => number;
  rules?: Partial<LoginRules>;
  /** A pause that could not be recorded for its owner (the attempt is refused all the same). */
  onError?: (error: unknown) => void;
}

/**
 * Slows password guessing, before the password hash is computed (so a flood cannot burn the CPU
 * on argon2 either). Limits are keyed on the client address (IPv6 by /64) and on the account,
 * never on the URL. An owner can always sign in from an address they signed in from before,
 * however many others guess at the account; the first pause of each window is recorded so the
 * owner is told at their next sign-in.
 */
export class LoginThrottle {
  private readonly perAddress: AttemptCounter;
  private readonly perAddressAndAccount: AttemptCounter;
  private readonly perAccount: AttemptCounter;

  constructor(private readonly options: LoginThrottleOptions) {
    const rules = { ...DEFAULT_LOGIN_RULES, ...options.rules };
    this.perAddress = options.counters('login:address', rules.perAddress);
    this.perAddressAndAccount = options.counters('login:address-account', rules.perAddressAndAccount);
    this.perAccount = options.counters('login:account', rules.perAccount);
  }

  /** Counts a sign-in attempt; a 429 `too_many_login_attempts` or `login_paused` with retry-after when refused. */
  async admit(ip: string, email: string): Promise<LoginAttempt> {
    const address = ipLimitKey(ip);
    const account = accountKey(email);
    refuseUnless(await this.perAddress.hit(address), 'address');
    refuseUnless(await this.perAddressAndAccount.hit(`${address}|${account}`), 'address');
    if (await this.options.security.isFamiliar(email, address)) {
      return { address, account, countedForAccount: false };
    }
    const count = await this.perAccount.hit(account);
    if (!count.allowed) {
      // Exactly one attempt sees the first count past the limit, on every replica together.
      if (count.count === this.perAccount.rule.points + 1) {
        await this.options.security
          .recordLockout(email, this.options.now() + count.retryAfterMs, count.count - 1)
          .catch((error: unknown) => this.options.onError?.(error));
      }
      refuseUnless(count, 'account');
    }
    return { address, account, countedForAccount: true };
  }

  /** A new account's address is familiar to it from the start: its owner was there. */
  async signedUp(ip: string, userId: string): Promise<void> {
    await this.options.security.rememberSignIn(userId, ipLimitKey(ip));
  }

  /** The attempt signed in: it was no failure, and its address is now familiar to the account. */
  async succeeded(attempt: LoginAttempt, userId: string): Promise<void> {
    if (attempt.countedForAccount) await this.perAccount.forgive(attempt.account);
    await this.options.security.rememberSignIn(userId, attempt.address);
  }
}

/** Caps sign-ups per address, across replicas. */
export class RegistrationThrottle {
  private readonly perAddress: AttemptCounter;

  constructor(options: { counters: AttemptCounters; rule?: AttemptRule }) {
    this.perAddress = options.counters('register:address', options.rule ?? DEFAULT_LOGIN_RULES.registrationsPerAddress);
  }

  async admit(ip: string): Promise<void> {
    const count = await this.perAddress.hit(ipLimitKey(ip));
    if (count.allowed) return;
    throw new RateLimitError({
      code: 'too_many_registrations',
      message: `Too many sign-ups from your address. Please try again in ${formatResetDuration(count.retryAfterMs)}.`,
      retryAfterMs: count.retryAfterMs,
      headers: {},
    });
  }
}

/** Counters are keyed by a hash of the normalised email: no email addresses in Redis. */
function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

function refuseUnless(count: AttemptCount, scope: 'address' | 'account'): void {
  if (count.allowed) return;
  const wait = formatResetDuration(count.retryAfterMs);
  throw new RateLimitError(
    scope === 'address'
      ? {
          code: 'too_many_login_attempts',
          message: `Too many sign-in attempts from your address. Please try again in ${wait}.`,
          retryAfterMs: count.retryAfterMs,
          headers: {},
        }
      : {
          code: 'login_paused',
          message:
            'Sign-ins to this account from new addresses are paused after too many failed attempts. ' +
            `Addresses that signed in to it before can still sign in. Please try again in ${wait}.`,
          retryAfterMs: count.retryAfterMs,
          headers: {},
        },
  );
}
