import { afterEach, describe, expect, it, vi } from 'vitest';
import { attemptCounters } from '../limits/attempt-counter.js';
import { RateLimitError } from '../limits/rate-limit-error.js';
import { type LoginSecurity, LoginThrottle, RegistrationThrottle } from './login-throttle.js';

/** Familiar addresses per email and recorded pauses, in memory. */
function fakeSecurity() {
  const familiar = new Set<string>();
  const lockouts: { email: string; endsAt: number; failedAttempts: number }[] = [];
  const emailOf = new Map<string, string>([['usr_owner', 'owner@example.com']]);
  const security: LoginSecurity = {
    isFamiliar: async (email, address) => familiar.has(`${email.trim().toLowerCase()}|${address}`),
    rememberSignIn: async (userId, address) => {
      familiar.add(`${emailOf.get(userId)}|${address}`);
    },
    recordLockout: async (email, endsAt, failedAttempts) => {
      lockouts.push({ email, endsAt, failedAttempts });
    },
  };
  return { security, lockouts, familiar };
}

function throttle() {
  const fake = fakeSecurity();
  return {
    ...fake,
    throttle: new LoginThrottle({ counters: attemptCounters(), security: fake.security, now: () => 0 }),
  };
}

async function refusal(promise: Promise<unknown>): Promise<RateLimitError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(RateLimitError);
  return error as RateLimitError;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('LoginThrottle', () => {
  it('allows 10 attempts per address and account in 15 minutes, then a 429 with retry-after', async () => {
    const { throttle: limits } = throttle();
    for (let i = 0; i < 10; i++) await limits.admit('1.1.1.1', 'a@example.com');
    const error = await refusal(limits.admit('1.1.1.1', ' A@Example.com '));
    expect(error).toMatchObject({ status: 429, code: 'too_many_login_attempts' });
    expect(Number(error.headers['retry-after'])).toBeGreaterThan(14 * 60);
    await limits.admit('1.1.1.1', 'b@example.com'); // another account
    // Those ten were also the account's failures from new addresses: every new address is paused.
    expect(await refusal(limits.admit('1.1.1.2', 'a@example.com'))).toMatchObject({ code: 'login_paused' });
  });

  it('limits an address the owner signed in from before per account too (10 in 15 minutes)', async () => {
    const { throttle: limits } = throttle();
    await limits.succeeded(await limits.admit('1.1.2.1', 'owner@example.com'), 'usr_owner');
    for (let i = 0; i < 9; i++) await limits.admit('1.1.2.1', 'owner@example.com');
    expect(await refusal(limits.admit('1.1.2.1', 'owner@example.com'))).toMatchObject({
      code: 'too_many_login_attempts',
    });
  });

  it('allows 30 attempts per address across accounts', async () => {
    const { throttle: limits } = throttle();
    for (let i = 0; i < 30; i++) await limits.admit('3.3.3.3', `user${i}@example.com`);
    expect(await refusal(limits.admit('3.3.3.3', 'fresh@example.com'))).toMatchObject({
      code: 'too_many_login_attempts',
    });
  });

  it('counts an IPv6 /64 as one address', async () => {
    const { throttle: limits } = throttle();
    for (let i = 0; i < 10; i++) await limits.admit(`2001:db8:5:6::${i + 1}`, 'a@example.com');
    await refusal(limits.admit('2001:db8:5:6:ffff::1', 'a@example.com'));
  });

  it('20 addresses × 10 guesses: at most 10 guesses at the account get through, and the pause is recorded once', async () => {
    const { throttle: limits, lockouts } = throttle();
    const attempts = Array.from({ length: 20 }, (_, address) =>
      Array.from({ length: 10 }, () => limits.admit(`10.0.0.${address + 1}`, 'owner@example.com')),
    ).flat();
    const results = await Promise.allSettled(attempts);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(10);
    const reasons = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
    expect(new Set(reasons.map((reason) => reason.code))).toEqual(new Set(['login_paused']));
    expect(reasons[0]).toMatchObject({ status: 429, retryAfterMs: expect.any(Number) });
    expect(reasons[0].message).toMatch(/signed in to it before can still sign in/);
    expect(lockouts).toEqual([{ email: 'owner@example.com', endsAt: expect.any(Number), failedAttempts: 10 }]);
  });

  it('never pauses an address the owner signed in from before', async () => {
    const { throttle: limits } = throttle();
    await limits.succeeded(await limits.admit('192.0.2.10', 'owner@example.com'), 'usr_owner');
    for (let address = 1; address <= 11; address++) {
      await limits.admit(`10.1.0.${address}`, 'owner@example.com').catch(() => {});
    }
    await refusal(limits.admit('10.1.0.99', 'owner@example.com'));
    const attempt = await limits.admit('192.0.2.10', 'owner@example.com');
    expect(attempt.countedForAccount).toBe(false);
  });

  it('a successful sign-in from a new address is not a failure: it is taken back from the account’s count', async () => {
    const { throttle: limits } = throttle();
    for (let i = 0; i < 9; i++) await limits.admit(`10.2.0.${i + 1}`, 'owner@example.com');
    // The owner, from a new address: the tenth counted attempt, then taken back.
    await limits.succeeded(await limits.admit('10.2.1.1', 'owner@example.com'), 'usr_owner');
    await limits.admit('10.2.0.50', 'owner@example.com');
    await refusal(limits.admit('10.2.0.51', 'owner@example.com'));
  });

  it('the pause ends with its window', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_700_000_000_000 });
    const { throttle: limits } = throttle();
    for (let address = 1; address <= 10; address++) await limits.admit(`10.3.0.${address}`, 'owner@example.com');
    const error = await refusal(limits.admit('10.3.0.11', 'owner@example.com'));
    expect(error.retryAfterMs).toBe(15 * 60_000);
    vi.advanceTimersByTime(15 * 60_000);
    await limits.admit('10.3.0.11', 'owner@example.com');
  });
});

describe('RegistrationThrottle', () => {
  it('caps sign-ups per address per hour', async () => {
    const limits = new RegistrationThrottle({
      counters: attemptCounters(),
      rule: { points: 2, durationSeconds: 3600 },
    });
    await limits.admit('4.4.4.4');
    await limits.admit('4.4.4.4');
    expect(await refusal(limits.admit('4.4.4.4'))).toMatchObject({ status: 429, code: 'too_many_registrations' });
    await limits.admit('5.5.5.5');
  });
});
