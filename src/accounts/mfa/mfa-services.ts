import type { SecretBox } from '../../channels/secret-box.js';
import { type AttemptCounters, attemptCounters } from '../../limits/attempt-counter.js';
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
}

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
  return {
    totp,
    challenges,
    login: new MfaLogin(challenges, totp, counters),
    passkeys: new PasskeyService(options.store, challenges, now),
  };
}
