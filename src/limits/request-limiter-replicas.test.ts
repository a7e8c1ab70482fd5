import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupRedis, describeRedis, readyRedis, testPrefix, testRedis } from '../../test/cluster/redis-harness.js';
import { caller, input, NONE, refusal } from '../../test/limits/limiter-fixtures.js';
import type { CallerLimits } from './limit-types.js';
import { RateLimitError } from './rate-limit-error.js';
import { RequestLimiter } from './request-limiter.js';

describeRedis('RequestLimiter: three replicas on one Redis', () => {
  const prefix = testPrefix();
  const clients = [testRedis(), testRedis(), testRedis()];
  beforeAll(() => readyRedis(...clients));
  afterAll(() => cleanupRedis(prefix, ...clients));

  describe('three limiters (replicas), each on its own connection, under concurrent load', () => {
    const replicas = () =>
      clients.map((redis, index) => new RequestLimiter({ redis, keyPrefix: `${prefix}rl`, instanceId: `r${index}` }));

    async function storm(limits: Partial<CallerLimits>, count: number, estimatedTokens = 0) {
      const who = caller();
      const limiters = replicas();
      const results = await Promise.allSettled(
        Array.from({ length: count }, (_, i) =>
          (limiters[i % limiters.length] as RequestLimiter).admit(input(who, limits, { estimatedTokens })),
        ),
      );
      const refusals = results.flatMap((result) => (result.status === 'rejected' ? [result.reason] : []));
      for (const reason of refusals) expect(reason).toBeInstanceOf(RateLimitError);
      return { admitted: results.length - refusals.length, refusals: refusals as RateLimitError[] };
    }

    it('hold an RPM limit exactly', async () => {
      const { admitted, refusals } = await storm({ keyLimits: { ...NONE, rpm: 20 } }, 90);
      expect(admitted).toBe(20);
      // However many refusals were in flight together, each reports the window as it was: full.
      for (const error of refusals) {
        expect(error.message).toContain('Limit 20, Used 20, Requested 1.');
        expect(error.headers['x-ratelimit-remaining-requests']).toBe('0');
      }
    });

    it('hold a TPM limit exactly', async () => {
      expect((await storm({ userLimits: { ...NONE, tpm: 1000 } }, 60, 100)).admitted).toBe(10);
    });

    it('hold a concurrency limit exactly', async () => {
      expect((await storm({ keyLimits: { ...NONE, concurrency: 7 } }, 60)).admitted).toBe(7);
    });

    it('never admit more than the tightest of several limits, and leave no stray counts behind', async () => {
      // Requests refused by one limit give back what they took from the others; until they have
      // (one round trip) a concurrent request may be refused too, so "at most", then "consistent".
      const who = caller();
      const limits = { keyLimits: { ...NONE, rpm: 50 }, userLimits: { ...NONE, rpm: 12 } };
      const limiters = replicas();
      const results = await Promise.allSettled(
        Array.from({ length: 80 }, (_, i) => (limiters[i % 3] as RequestLimiter).admit(input(who, limits))),
      );
      const admitted = results.filter((result) => result.status === 'fulfilled').length;
      expect(admitted).toBeGreaterThan(0);
      expect(admitted).toBeLessThanOrEqual(12);
      const probe = (limiters[0] as RequestLimiter).admit(input(who, limits));
      if (admitted === 12) {
        const error = await refusal(probe);
        expect(error.message).toContain('for your account on requests per min (RPM): Limit 12, Used 12,');
      } else {
        const ticket = await probe;
        expect(ticket.headers['x-ratelimit-remaining-requests']).toBe(String(12 - admitted - 1));
      }
    });
  });
});
