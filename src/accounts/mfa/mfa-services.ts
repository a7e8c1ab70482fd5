import type { SecretBox } from '../../channels/secret-box.js';
import { type AttemptCounters, attemptCounters } from '../../limits/attempt-counter.js';
import { ipLimitKey } from '../../limits/ip-key.js';
import { RateLimitError } from '../../limits/rate-limit-error.js';
import { formatResetDuration } from '../../limits/reset-duration.js';
import type { Store } from '../../store/database.js';
import { AuthChallenges } from './auth-challenges.js';
import { MfaLogin } from './mfa-login.js';
import { PasskeyService } from './passkey-service.js';
import { TotpService } from './totp-service.js';

export interface MfaServices {
  totp: TotpService;
  login: MfaLogin;
  passkeys: PasskeyService;
  challenges: AuthChallenges;
  /** Caps passkey sign-in ceremonies per address: each stores a challenge, and the route is public. */
  admitPasskeySignIn(ip: string): Promise<void>;
}

/** Passkey sign-ins started from one address (IPv6 by /64) per window. */
export const PASSKEY_SIGN_INS_PER_ADDRESS = { points: 60, durationSeconds: 15 * 60 };

export interface MfaServicesOptions {
  store: Store;
  /** Encrypts TOTP secrets at rest (the same box as upstream keys). */
  box: SecretBox;
  /** The clock every check reads: tests pass a fixed one. */
  now?: () => number;
  /** Shared with the sign-in throttle, so the code-guess limit holds across replicas. */
  attemptCounters?: AttemptCounters;
}

/** Two-factor authentication and passkeys, wired together. */
export function createMfaServices(options: MfaServicesOptions): MfaServices {
  const now = options.now ?? Date.now;
  const challenges = new AuthChallenges(options.store, now);
  const totp = new TotpService(options.store, options.box, { now });
  const counters = options.attemptCounters ?? attemptCounters();
  const passkeySignIns = counters('passkey:address', PASSKEY_SIGN_INS_PER_ADDRESS);
  return {
    totp,
    challenges,
    login: new MfaLogin(challenges, totp, counters),
    async admitPasskeySignIn(ip) {
      const count = await passkeySignIns.hit(ipLimitKey(ip));
      if (count.allowed) return;
      throw new RateLimitError({
        code: 'too_many_login_attempts',
        message: `Too many sign-in attempts from your address. Please try again in ${formatResetDuration(count.retryAfterMs)}.`,
        retryAfterMs: count.retryAfterMs,
        headers: {},
      });
    },
    passkeys: new PasskeyService(options.store, challenges, now),
  };
}
