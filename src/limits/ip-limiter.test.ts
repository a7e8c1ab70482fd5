import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanupRedis, describeRedis, readyRedis, testPrefix, testRedis } from '../../test/cluster/redis-harness.js';
import { closeRedis } from '../cluster/redis.js';
import { createRedis } from '../cluster/redis-connection.js';
import { ipLimitKey } from './ip-key.js';
import { IpLimiter, type IpLimiterOptions } from './ip-limiter.js';
import { RateLimitError } from './rate-limit-error.js';

describe('ipLimitKey', () => {
  it.each([
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2::9', '2001:db8:1:2::/64'],
    ['2001:DB8:0001:0002:aaaa::1', '2001:db8:1:2::/64'],
    ['::1', '0:0:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::ffff:1.2.3.4:5', '::ffff:1.2.3.4:5'],
    ['not-an-ip', 'not-an-ip'],
  ])('%s → %s', (ip, key) => {
    expect(ipLimitKey(ip)).toBe(key);
  });
});

let serial = 0;
const nextIp = () => `198.51.100.${++serial}`;

async function refused(promise: Promise<void>): Promise<RateLimitError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RateLimitError);
  return error as RateLimitError;
}

function ipSuite(make: (options?: IpLimiterOptions) => IpLimiter) {
  it('counts attempts per address and bucket, then refuses with a 429 and retry-after', async () => {
    const limiter = make({ rules: { auth_failure: { points: 3, durationSeconds: 900 } } });
    const ip = nextIp();
    for (let i = 0; i < 3; i++) await limiter.hit('auth_failure', ip);
    const error = await refused(limiter.hit('auth_failure', ip));
    expect(error.status).toBe(429);
    expect(error.code).toBe('too_many_auth_failures');
    expect(error.message).toMatch(
      /^Too many requests with an invalid API key from your address\. Please try again in 1[45]m\d+(\.\d+)?s\.$/,
    );
    expect(error.retryAfterMs).toBeGreaterThan(890_000);
    expect(Number(error.headers['retry-after'])).toBeGreaterThan(890);
    await refused(limiter.check('auth_failure', ip));
    // Other addresses are separate.
    await limiter.hit('auth_failure', nextIp());
  });

  it('check() refuses only past the limit and never counts', async () => {
    const limiter = make({ rules: { auth_failure: { points: 2, durationSeconds: 60 } } });
    const ip = nextIp();
    for (let i = 0; i < 5; i++) await limiter.check('auth_failure', ip);
    await limiter.hit('auth_failure', ip);
    await limiter.check('auth_failure', ip);
    await limiter.hit('auth_failure', ip);
    const error = await refused(limiter.check('auth_failure', ip));
    expect(error.code).toBe('too_many_auth_failures');
  });

  it('an IPv6 /64 shares one count', async () => {
    const limiter = make({ rules: { auth_failure: { points: 2, durationSeconds: 3600 } } });
    const net = `2001:db8:${++serial}:1`;
    await limiter.hit('auth_failure', `${net}::1`);
    await limiter.hit('auth_failure', `${net}::2`);
    await refused(limiter.hit('auth_failure', `${net}:aaaa:bbbb:cccc:dddd`));
  });
}

describe('IpLimiter [memory]', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  ipSuite((options) => new IpLimiter(options));

  it('forgets an address when its window ends', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_700_000_000_000 });
    const limiter = new IpLimiter({ rules: { auth_failure: { points: 1, durationSeconds: 60 } } });
    const ip = nextIp();
    await limiter.hit('auth_failure', ip);
    const error = await refused(limiter.hit('auth_failure', ip));
    expect(error.retryAfterMs).toBe(60_000);
    vi.advanceTimersByTime(60_000);
    await limiter.hit('auth_failure', ip);
  });

  it('fails open (and reports) when Redis is unreachable', async () => {
    const redis = createRedis('redis://127.0.0.1:1', { commandTimeoutMs: 100 });
    const errors: unknown[] = [];
    try {
      const limiter = new IpLimiter({
        redis,
        rules: { auth_failure: { points: 1, durationSeconds: 60 } },
        onStoreError: (e) => errors.push(e),
      });
      for (let i = 0; i < 3; i++) await limiter.hit('auth_failure', '192.0.2.1');
      await limiter.check('auth_failure', '192.0.2.1');
      expect(errors.length).toBe(4);
    } finally {
      await closeRedis(redis);
    }
  });
});

describeRedis('IpLimiter [redis]', () => {
  const prefix = testPrefix();
  const clients = [testRedis(), testRedis()];
  beforeAll(() => readyRedis(...clients));
  afterAll(() => cleanupRedis(prefix, ...clients));

  ipSuite((options) => new IpLimiter({ ...options, redis: clients[0], keyPrefix: `${prefix}ip` }));

  it('replicas share one count per address', async () => {
    const rules = { auth_failure: { points: 10, durationSeconds: 60 } };
    const [a, b] = clients.map((redis) => new IpLimiter({ redis, rules, keyPrefix: `${prefix}ip` })) as [
      IpLimiter,
      IpLimiter,
    ];
    const ip = nextIp();
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b).hit('auth_failure', ip)),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(10);
  });
});
