import { describe, expect, it } from 'vitest';
import { FixedWindowLimiter } from './fixed-window-limiter.js';

describe('FixedWindowLimiter', () => {
  it('allows `limit` hits per window per key, then says how long to wait', () => {
    let t = 0;
    const limiter = new FixedWindowLimiter(3, 1_000, () => t);
    for (let i = 0; i < 3; i++) expect(limiter.hit('a')).toEqual({ allowed: true });
    t = 250;
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterMs: 750 });
    expect(limiter.hit('b')).toEqual({ allowed: true }); // keys are independent
    t = 999;
    expect(limiter.hit('a')).toEqual({ allowed: false, retryAfterMs: 1 });
    t = 1_000; // a new window
    expect(limiter.hit('a')).toEqual({ allowed: true });
  });

  it('sweeps expired windows once it tracks many keys', () => {
    let t = 0;
    const limiter = new FixedWindowLimiter(1, 100, () => t, 5);
    for (let i = 0; i < 5; i++) limiter.hit(`k${i}`);
    expect(limiter.trackedKeys).toBe(5);
    t = 100;
    limiter.hit('new');
    expect(limiter.trackedKeys).toBe(1);
  });
});
