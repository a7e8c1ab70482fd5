import { afterAll, describe, expect, it } from 'vitest';
import { cleanupRedis, describeRedis, TEST_REDIS_URL, testPrefix } from '../../test/cluster/redis-harness.js';
import { createClusterServices } from './cluster-services.js';
import { LocalConfigBus, RedisConfigBus } from './config-bus.js';

describe('createClusterServices without Redis', () => {
  it('keeps everything in memory', async () => {
    const services = await createClusterServices({ instanceId: 'solo' });
    expect(services.redis).toBeUndefined();
    expect(services.bus).toBeInstanceOf(LocalConfigBus);
    const ticket = await services.limits.admit({
      caller: { userId: 'u', keyId: 'k' },
      model: 'm',
      estimatedTokens: 1,
      limits: {
        keyLimits: { rpm: 1, tpm: null, concurrency: null },
        userLimits: { rpm: null, tpm: null, concurrency: null },
      },
    });
    expect(ticket.headers['x-ratelimit-limit-requests']).toBe('1');
    await services.close();
  });

  it('fails the start when REDIS_URL points nowhere', async () => {
    await expect(createClusterServices({ instanceId: 'x', redisUrl: 'redis://127.0.0.1:1' })).rejects.toThrow(
      /Redis is not reachable/,
    );
  });
});

describeRedis('createClusterServices with Redis', () => {
  const prefix = testPrefix();
  afterAll(() => cleanupRedis(prefix));

  it('shares limits between two replicas and connects their buses', async () => {
    const keyPrefix = `${prefix}app`;
    const [a, b] = await Promise.all(
      ['a', 'b'].map((instanceId) => createClusterServices({ instanceId, redisUrl: TEST_REDIS_URL, keyPrefix })),
    );
    try {
      expect(a?.bus).toBeInstanceOf(RedisConfigBus);
      const limits = {
        keyLimits: { rpm: 3, tpm: null, concurrency: null },
        userLimits: { rpm: null, tpm: null, concurrency: null },
      };
      const admit = (services: typeof a) =>
        services!.limits.admit({ caller: { userId: 'u', keyId: 'k' }, model: 'm', estimatedTokens: 0, limits }).then(
          () => true,
          () => false,
        );
      const results = await Promise.all([a, b, a, b, a, b].map((services) => admit(services)));
      expect(results.filter(Boolean)).toHaveLength(3);

      const heard = new Promise((resolve) => b!.bus.subscribe(resolve));
      await a!.bus.publish({ kind: 'channels' });
      expect(await heard).toEqual({ type: 'message', message: { kind: 'channels', from: 'a' } });
    } finally {
      await a?.close();
      await b?.close();
    }
  });
});
