import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { cleanupRedis, describeRedis, readyRedis, testPrefix, testRedis } from '../../test/cluster/redis-harness.js';
import { closeRedis } from '../cluster/redis.js';
import { createRedis } from '../cluster/redis-connection.js';
import { type AttemptCounters, attemptCounters } from './attempt-counter.js';

let serial = 0;
const nextKey = () => `key-${++serial}`;

function counterSuite(make: () => AttemptCounters) {
  it('allows the rule’s points per window, then refuses, still counting, with the time left', async () => {
    const counter = make()('suite', { points: 3, durationSeconds: 900 });
    const key = nextKey();
    for (let i = 1; i <= 3; i++) expect(await counter.hit(key)).toMatchObject({ allowed: true, count: i });
    const refused = await counter.hit(key);
    expect(refused).toMatchObject({ allowed: false, count: 4 });
    expect(refused.retryAfterMs).toBeGreaterThan(890_000);
    expect(await counter.peek(key)).toMatchObject({ allowed: false, count: 4 });
    expect(await counter.hit(nextKey())).toMatchObject({ allowed: true, count: 1 });
  });

  it('forgive takes one attempt back; peek never counts', async () => {
    const counter = make()('suite', { points: 2, durationSeconds: 60 });
    const key = nextKey();
    expect(await counter.peek(key)).toEqual({ allowed: true, count: 0, retryAfterMs: 0 });
    await counter.hit(key);
    await counter.hit(key);
    await counter.forgive(key);
    expect(await counter.peek(key)).toMatchObject({ count: 1 });
    expect(await counter.hit(key)).toMatchObject({ allowed: true, count: 2 });
  });

  it('counters of different names do not share counts', async () => {
    const counters = make();
    const key = nextKey();
    await counters('a', { points: 1, durationSeconds: 60 }).hit(key);
    expect(await counters('b', { points: 1, durationSeconds: 60 }).hit(key)).toMatchObject({ allowed: true });
  });

  it('counts concurrent attempts exactly: no more than the points get through', async () => {
    const counter = make()('suite', { points: 10, durationSeconds: 60 });
    const key = nextKey();
    const results = await Promise.all(Array.from({ length: 200 }, () => counter.hit(key)));
    expect(results.filter((result) => result.allowed)).toHaveLength(10);
  });
}

describe('AttemptCounter [memory]', () => {
  afterEach(() => {
    vi.useRealTimers();
  });
  counterSuite(() => attemptCounters());

  it('starts a new window when the last one ends', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: 1_700_000_000_000 });
    const counter = attemptCounters()('window', { points: 1, durationSeconds: 60 });
    const key = nextKey();
    await counter.hit(key);
    expect(await counter.hit(key)).toMatchObject({ allowed: false, retryAfterMs: 60_000 });
    vi.advanceTimersByTime(60_000);
    expect(await counter.hit(key)).toMatchObject({ allowed: true, count: 1 });
  });

  it('counts in this process (and reports) when Redis is unreachable: limited, never unlimited', async () => {
    const redis = createRedis('redis://127.0.0.1:1', { commandTimeoutMs: 100 });
    const errors: unknown[] = [];
    try {
      const counter = attemptCounters({ redis, onStoreError: (error) => errors.push(error) })('down', {
        points: 2,
        durationSeconds: 60,
      });
      const results = [];
      for (let i = 0; i < 3; i++) results.push((await counter.hit('192.0.2.1')).allowed);
      expect(results).toEqual([true, true, false]);
      expect(errors.length).toBe(3);
    } finally {
      await closeRedis(redis);
    }
  });
});

describeRedis('AttemptCounter [redis]', () => {
  const prefix = testPrefix();
  const clients = [testRedis(), testRedis()];
  beforeAll(() => readyRedis(...clients));
  afterAll(() => cleanupRedis(prefix, ...clients));

  counterSuite(() => attemptCounters({ redis: clients[0], keyPrefix: `${prefix}attempts` }));

  it('replicas (separate connections) share one count', async () => {
    const rule = { points: 10, durationSeconds: 60 };
    const [a, b] = clients.map((redis) => attemptCounters({ redis, keyPrefix: `${prefix}attempts` })('shared', rule));
    const key = nextKey();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => (i % 2 ? a : b)?.hit(key)));
    expect(results.filter((result) => result?.allowed)).toHaveLength(10);
  });
});
