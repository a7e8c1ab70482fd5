import type { AttemptCounter, AttemptCounters } from '../../limits/attempt-counter.js';
import { RateLimitError } from '../../limits/rate-limit-error.js';
import { formatResetDuration } from '../../limits/reset-duration.js';
import type { AuthChallenges } from './auth-challenges.js';
import { mfaChallengeInvalid } from './mfa-errors.js';
import type { SecondFactorMethod, TotpService } from './totp-service.js';

/** How long the second step of a sign-in stays open after the password. */
export const MFA_CHALLENGE_TTL_MS = 5 * 60_000;
/** Wrong codes one challenge takes before the sign-in must start over. */
export const MFA_CHALLENGE_MAX_ATTEMPTS = 5;
/** Wrong or right, codes tried against one account per window, from every address together. */
export const MFA_ATTEMPTS_PER_ACCOUNT = { points: 10, durationSeconds: 15 * 60 };

/**
 * The second step of a password sign-in for an account with 2FA: the password step hands out a
 * short-lived, single-use challenge (not a session); a valid code against it yields the user to
 * start a session for. Guesses are capped per challenge and per account (shared by replicas
 * through the same counters as the sign-in throttle), so 10⁶ codes cannot be walked.
 */
export class MfaLogin {
  private readonly perAccount: AttemptCounter;

  constructor(
    private readonly challenges: AuthChallenges,
    private readonly totp: TotpService,
    counters: AttemptCounters,
  ) {
    this.perAccount = counters('mfa:account', MFA_ATTEMPTS_PER_ACCOUNT);
  }

  start(userId: string): Promise<string> {
    return this.challenges.issue('mfa_login', userId, MFA_CHALLENGE_TTL_MS);
  }

  /** The user the challenge was for, once `code` checks out; the challenge is then used up. */
  async finish(challenge: string, code: string): Promise<{ userId: string; method: SecondFactorMethod }> {
    const open = await this.challenges.peek('mfa_login', challenge);
    if (!open?.userId) throw mfaChallengeInvalid();
    const count = await this.perAccount.hit(open.userId);
    if (!count.allowed) {
      throw new RateLimitError({
        code: 'too_many_mfa_attempts',
        message: `Too many codes tried for this account. Please try again in ${formatResetDuration(count.retryAfterMs)}.`,
        retryAfterMs: count.retryAfterMs,
        headers: {},
      });
    }
    let method: SecondFactorMethod;
    try {
      method = await this.totp.verify(open.userId, code);
    } catch (error) {
      await this.challenges.recordFailure('mfa_login', challenge, MFA_CHALLENGE_MAX_ATTEMPTS);
      throw error;
    }
    const taken = await this.challenges.take('mfa_login', challenge);
    if (!taken) throw mfaChallengeInvalid();
    return { userId: open.userId, method };
  }
}
