import { describe, expect, it } from 'vitest';
import { loadRoutingSettings } from './routing-settings.js';

describe('loadRoutingSettings', () => {
  it('defaults to a 60 s retry budget, 5 s rate-limit and 60 s account cooldowns', () => {
    expect(loadRoutingSettings({})).toEqual({
      maxRetryMs: 60_000,
      breaker: {},
      failurePolicy: { rateLimitCooldownMs: 5_000, accountCooldownMs: 60_000 },
    });
  });

  it('reads the knobs and ignores nonsense', () => {
    const settings = loadRoutingSettings({
      AIHUB_MAX_RETRY_MS: '5000',
      AIHUB_BREAKER_MIN_CALLS: '10',
      AIHUB_BREAKER_FAILURE_RATE: '1.5',
      AIHUB_BREAKER_OPEN_MS: 'soon',
      AIHUB_RATE_LIMIT_COOLDOWN_MS: '1000',
    });
    expect(settings.maxRetryMs).toBe(5_000);
    expect(settings.breaker).toEqual({ minCalls: 10 });
    expect(settings.failurePolicy.rateLimitCooldownMs).toBe(1_000);
  });
});
