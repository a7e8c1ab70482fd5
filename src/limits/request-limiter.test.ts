import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanupRedis, describeRedis, readyRedis, testPrefix, testRedis } from '../../test/cluster/redis-harness.js';
import { caller, input, NONE, refusal } from '../../test/limits/limiter-fixtures.js';
import { closeRedis } from '../cluster/redis.js';
import { createRedis } from '../cluster/redis-connection.js';
import type { CallerLimits } from './limit-types.js';
import { RequestLimiter, type RequestLimiterOptions } from './request-limiter.js';

type Make = (options?: RequestLimiterOptions) => RequestLimiter;

function limiterSuite(make: Make) {
  it('RPM: exactly N pass; the next gets a 429 in OpenAI terms, with headers; refusals do not count', async () => {
    const limiter = make();
    const who = caller();
    const limits = { keyLimits: { ...NONE, rpm: 5 } };
    for (let i = 0; i < 5; i++) {
      const ticket = await limiter.admit(input(who, limits));
      expect(ticket.headers['x-ratelimit-limit-requests']).toBe('5');
      expect(ticket.headers['x-ratelimit-remaining-requests']).toBe(String(4 - i));
      expect(ticket.headers['x-ratelimit-reset-requests']).toMatch(/^(\d+(\.\d+)?s|1m0s)$/);
      expect(ticket.headers['x-ratelimit-limit-tokens']).toBeUndefined();
      await ticket.release(undefined);
    }
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await refusal(limiter.admit(input(who, limits)));
      expect(error.status).toBe(429);
      expect(error.kind).toBe('rate_limit');
      expect(error.code).toBe('rate_limit_exceeded');
      expect(error.message).toMatch(
        /^Rate limit reached for gpt-4o for this API key on requests per min \(RPM\): Limit 5, Used 5, Requested 1\. Please try again in (\d+(\.\d+)?s|1m0s)\.$/,
      );
      expect(error.retryAfterMs).toBeGreaterThan(55_000);
      expect(error.retryAfterMs).toBeLessThanOrEqual(60_000);
      expect(error.headers).toMatchObject({
        'x-ratelimit-limit-requests': '5',
        'x-ratelimit-remaining-requests': '0',
        'retry-after': '60',
      });
      expect(Number(error.headers['retry-after-ms'])).toBe(error.retryAfterMs);
    }
    // Another key of another user is not affected.
    await expect(limiter.admit(input(caller(), limits))).resolves.toBeDefined();
  });

  it('TPM: the estimate is taken at admission and corrected to the actual at release', async () => {
    const limiter = make();
    const who = caller();
    const limits = { keyLimits: { ...NONE, tpm: 1000 } };
    const first = await limiter.admit(input(who, limits, { estimatedTokens: 600 }));
    expect(first.headers).toMatchObject({ 'x-ratelimit-limit-tokens': '1000', 'x-ratelimit-remaining-tokens': '400' });
    // 600 held: 500 more do not fit.
    const error = await refusal(limiter.admit(input(who, limits, { estimatedTokens: 500 })));
    expect(error.message).toContain('on tokens per min (TPM): Limit 1000, Used 600, Requested 500.');
    expect(error.headers['x-ratelimit-remaining-tokens']).toBe('400');
    // It used only 100: 500 fit now (100 + 500), and 400 more would not.
    await first.release(100);
    const second = await limiter.admit(input(who, limits, { estimatedTokens: 500 }));
    expect(second.headers['x-ratelimit-remaining-tokens']).toBe('400');
    // It used more than estimated (700 instead of 500): charged, so 300 are left... minus nothing else.
    await second.release(700);
    const third = await limiter.admit(input(who, limits, { estimatedTokens: 200 }));
    expect(third.headers['x-ratelimit-remaining-tokens']).toBe('0');
    await third.release(undefined); // keeps the estimate
    const full = await refusal(limiter.admit(input(who, limits, { estimatedTokens: 1 })));
    expect(full.message).toContain('Limit 1000, Used 1000, Requested 1.');
  });

  it('TPM: a request larger than the limit is refused outright', async () => {
    const limiter = make();
    const error = await refusal(
      limiter.admit(input(caller(), { userLimits: { ...NONE, tpm: 1000 } }, { estimatedTokens: 1500 })),
    );
    expect(error.message).toBe(
      'Request too large for gpt-4o for your account on tokens per min (TPM): Limit 1000, Requested 1500. ' +
        'The input or output tokens must be reduced in order to run successfully.',
    );
  });

  it('concurrency: slots are held until release, and release is idempotent', async () => {
    const limiter = make();
    const who = caller();
    const limits = { userLimits: { ...NONE, concurrency: 2 } };
    const a = await limiter.admit(input(who, limits));
    const b = await limiter.admit(input(who, limits));
    const error = await refusal(limiter.admit(input(who, limits)));
    expect(error.message).toBe(
      'Too many concurrent requests for gpt-4o for your account: Limit 2, In flight 2. Please try again when one of them has finished.',
    );
    expect(error.retryAfterMs).toBe(1000);
    await a.release(undefined);
    await a.release(undefined);
    const c = await limiter.admit(input(who, limits));
    await refusal(limiter.admit(input(who, limits)));
    await Promise.all([b.release(undefined), c.release(undefined)]);
    await limiter.admit(input(who, limits));
  });

  it('all limits are taken together: one refusal gives the others back', async () => {
    const limiter = make();
    const who = caller();
    const limits: Partial<CallerLimits> = {
      keyLimits: { rpm: 10, tpm: 10_000, concurrency: null },
      userLimits: { rpm: 100, tpm: null, concurrency: 1 },
    };
    const holder = await limiter.admit(input(who, limits, { estimatedTokens: 1000 }));
    expect(holder.headers['x-ratelimit-remaining-requests']).toBe('9');
    // Refused by the user's concurrency: the key's RPM and TPM and the user's RPM are given back.
    const error = await refusal(limiter.admit(input(who, limits, { estimatedTokens: 1000 })));
    expect(error.message).toMatch(/^Too many concurrent requests/);
    expect(error.headers).toMatchObject({
      'x-ratelimit-remaining-requests': '9',
      'x-ratelimit-remaining-tokens': '9000',
    });
    await holder.release(undefined);
    const next = await limiter.admit(input(who, limits, { estimatedTokens: 1000 }));
    expect(next.headers).toMatchObject({
      'x-ratelimit-limit-requests': '10',
      'x-ratelimit-remaining-requests': '8',
      'x-ratelimit-remaining-tokens': '8000',
    });
    await next.release(undefined);

    // Refused by the key's RPM: the user's concurrency slot is not kept.
    const tight = caller();
    const tightLimits = { keyLimits: { ...NONE, rpm: 1 }, userLimits: { ...NONE, concurrency: 1 } };
    const only = await limiter.admit(input(tight, tightLimits));
    await only.release(undefined);
    await refusal(limiter.admit(input(tight, tightLimits)));
    const otherKey = { userId: tight.userId, keyId: `${tight.keyId}_b` };
    const held = await limiter.admit(input(otherKey, tightLimits));
    await held.release(undefined);
  });

  it('headers describe the tightest of the key and user limits', async () => {
    const limiter = make();
    const who = caller();
    const ticket = await limiter.admit(
      input(who, { keyLimits: { ...NONE, rpm: 100 }, userLimits: { ...NONE, rpm: 3 } }),
    );
    expect(ticket.headers).toMatchObject({ 'x-ratelimit-limit-requests': '3', 'x-ratelimit-remaining-requests': '2' });
  });

  it('per-model overrides replace the key limit for matching models, in a bucket of their own', async () => {
    const limiter = make();
    const who = caller();
    const limits: Partial<CallerLimits> = {
      keyLimits: { ...NONE, rpm: 3 },
      modelOverrides: { 'gpt-4*': { rpm: 2 }, 'cheap-*': { rpm: null } },
    };
    await limiter.admit(input(who, limits, { model: 'gpt-4o' }));
    await limiter.admit(input(who, limits, { model: 'gpt-4.1' }));
    const error = await refusal(limiter.admit(input(who, limits, { model: 'gpt-4o' })));
    expect(error.message).toMatch(
      /^Rate limit reached for gpt-4o for this API key \(models matching 'gpt-4\*'\) on requests per min \(RPM\): Limit 2, Used 2, Requested 1\./,
    );
    // Other models still have the key's own 3.
    for (let i = 0; i < 3; i++) await limiter.admit(input(who, limits, { model: 'claude-sonnet-4' }));
    await refusal(limiter.admit(input(who, limits, { model: 'claude-sonnet-4' })));
    // `null` lifts the key's limit for those models.
    for (let i = 0; i < 10; i++) await limiter.admit(input(who, limits, { model: 'cheap-model' }));
  });

  it('no limits: nothing to count and no headers', async () => {
    const limiter = make();
    const ticket = await limiter.admit(input(caller(), {}));
    expect(ticket.headers).toEqual({});
    await ticket.release(10);
    // A keyless caller is limited by the user's limits only.
    const keyless = { userId: caller().userId, keyId: null };
    const t = await limiter.admit(input(keyless, { keyLimits: { ...NONE, rpm: 0 }, userLimits: { ...NONE, rpm: 1 } }));
    expect(t.headers['x-ratelimit-limit-requests']).toBe('1');
  });
}

describe('RequestLimiter [memory]', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  limiterSuite((options) => new RequestLimiter(options));

  it('the window resets a minute after its first request; reset headers count down', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_700_000_000_000 });
    const limiter = new RequestLimiter();
    const who = caller();
    const limits = { keyLimits: { ...NONE, rpm: 2, tpm: 100 } };
    const first = await limiter.admit(input(who, limits, { estimatedTokens: 10 }));
    expect(first.headers).toEqual({
      'x-ratelimit-limit-requests': '2',
      'x-ratelimit-remaining-requests': '1',
      'x-ratelimit-reset-requests': '1m0s',
      'x-ratelimit-limit-tokens': '100',
      'x-ratelimit-remaining-tokens': '90',
      'x-ratelimit-reset-tokens': '1m0s',
    });
    vi.advanceTimersByTime(30_500);
    const second = await limiter.admit(input(who, limits, { estimatedTokens: 10 }));
    expect(second.headers['x-ratelimit-reset-requests']).toBe('29.5s');
    const error = await refusal(limiter.admit(input(who, limits)));
    expect(error.retryAfterMs).toBe(29_500);
    expect(error.headers['retry-after']).toBe('30');
    expect(error.message).toMatch(/Please try again in 29\.5s\.$/);
    vi.advanceTimersByTime(29_500);
    const third = await limiter.admit(input(who, limits, { estimatedTokens: 10 }));
    expect(third.headers['x-ratelimit-remaining-requests']).toBe('1');
    expect(third.headers['x-ratelimit-remaining-tokens']).toBe('90');
  });

  it('tokens given back after the window ended are not credited to the next window', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_700_000_000_000 });
    const limiter = new RequestLimiter();
    const who = caller();
    const limits = { keyLimits: { ...NONE, tpm: 1000 } };
    const long = await limiter.admit(input(who, limits, { estimatedTokens: 900 }));
    vi.advanceTimersByTime(61_000);
    const fresh = await limiter.admit(input(who, limits, { estimatedTokens: 100 }));
    expect(fresh.headers['x-ratelimit-remaining-tokens']).toBe('900');
    await long.release(0); // would give 900 back to the new window
    await refusal(limiter.admit(input(who, limits, { estimatedTokens: 901 })));
  });

  it('a lease never released expires (a crashed request cannot hold a slot for ever)', async () => {
    let now = 1_000;
    const limiter = new RequestLimiter({ leaseTtlMs: 5_000, now: () => now });
    const who = caller();
    const limits = { keyLimits: { ...NONE, concurrency: 1 } };
    await limiter.admit(input(who, limits)); // never released
    await refusal(limiter.admit(input(who, limits)));
    now += 5_000;
    await limiter.admit(input(who, limits));
  });
});

describe('RequestLimiter with Redis down', () => {
  it('lets requests through uncounted, without headers, and reports the failure (throttled)', async () => {
    const redis = createRedis('redis://127.0.0.1:1', { commandTimeoutMs: 100 });
    const errors: unknown[] = [];
    try {
      const limiter = new RequestLimiter({ redis, onStoreError: (error) => errors.push(error) });
      const limits = { keyLimits: { rpm: 1, tpm: 10, concurrency: 1 } };
      const who = caller();
      for (let i = 0; i < 3; i++) {
        const ticket = await limiter.admit(input(who, limits, { estimatedTokens: 5 }));
        expect(ticket.headers).toEqual({});
        await ticket.release(8);
      }
      expect(errors).toHaveLength(1);
      expect(String(errors[0])).toMatch(/not ready/);
    } finally {
      await closeRedis(redis);
    }
  });
});

describeRedis('RequestLimiter [redis]', () => {
  const prefix = testPrefix();
  const clients = [testRedis(), testRedis(), testRedis()];
  beforeAll(() => readyRedis(...clients));
  afterAll(() => cleanupRedis(prefix, ...clients));
  const make = (options: RequestLimiterOptions = {}) =>
    new RequestLimiter({ ...options, redis: clients[0], keyPrefix: `${prefix}rl` });

  limiterSuite(make);

  it('a lease never released expires after its TTL', async () => {
    const limiter = make({ leaseTtlMs: 300 });
    const who = caller();
    const limits = { keyLimits: { ...NONE, concurrency: 1 } };
    await limiter.admit(input(who, limits));
    await refusal(limiter.admit(input(who, limits)));
    await new Promise((resolve) => setTimeout(resolve, 350));
    await limiter.admit(input(who, limits));
  });

  it('a short window resets on Redis too', async () => {
    const limiter = make({ windowSeconds: 1 });
    const who = caller();
    const limits = { keyLimits: { ...NONE, rpm: 1 } };
    await limiter.admit(input(who, limits));
    const error = await refusal(limiter.admit(input(who, limits)));
    expect(error.retryAfterMs).toBeLessThanOrEqual(1000);
    await new Promise((resolve) => setTimeout(resolve, (error.retryAfterMs ?? 1000) + 50));
    await limiter.admit(input(who, limits));
  });
});
