import { describe, expect, it } from 'vitest';
import { LoginThrottle, RegistrationThrottle } from './login-throttle.js';

describe('LoginThrottle', () => {
  it('allows 10 attempts per IP and email in 15 minutes, then 429 with retry-after', () => {
    let t = 0;
    const throttle = new LoginThrottle({ now: () => t });
    for (let i = 0; i < 10; i++) throttle.attempt('1.1.1.1', 'a@example.com');
    t = 60_000;
    const error = (() => {
      try {
        throttle.attempt('1.1.1.1', 'A@example.com');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toMatchObject({ status: 429, code: 'too_many_login_attempts', retryAfterMs: 14 * 60_000 });
    expect(() => throttle.attempt('2.2.2.2', 'a@example.com')).not.toThrow(); // another address
    expect(() => throttle.attempt('1.1.1.1', 'b@example.com')).not.toThrow(); // another account
    t = 15 * 60_000;
    expect(() => throttle.attempt('1.1.1.1', 'a@example.com')).not.toThrow();
  });

  it('allows 30 attempts per IP across emails', () => {
    const throttle = new LoginThrottle({ now: () => 0 });
    for (let i = 0; i < 30; i++) throttle.attempt('3.3.3.3', `user${i}@example.com`);
    expect(() => throttle.attempt('3.3.3.3', 'fresh@example.com')).toThrow(expect.objectContaining({ status: 429 }));
  });
});

describe('RegistrationThrottle', () => {
  it('caps sign-ups per address per hour', () => {
    const throttle = new RegistrationThrottle({ now: () => 0, perHour: 2 });
    throttle.attempt('4.4.4.4');
    throttle.attempt('4.4.4.4');
    expect(() => throttle.attempt('4.4.4.4')).toThrow(
      expect.objectContaining({ status: 429, code: 'too_many_registrations' }),
    );
    expect(() => throttle.attempt('5.5.5.5')).not.toThrow();
  });
});
