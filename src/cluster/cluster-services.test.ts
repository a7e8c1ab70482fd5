import type { Command } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import {
  cleanupRedis,
  describeRedis,
  TEST_REDIS_URL,
  testPrefix,
  testRedis,
} from '../../test/cluster/redis-harness.js';
import type { CacheMiss } from '../cache/cache-types.js';
import { captureConnection } from '../cache/capture-connection.js';
import type { ClientConnection } from '../relay/client-connection.js';
import { type ClusterServices, createClusterServices } from './cluster-services.js';
import { type ConfigBusEvent, LocalConfigBus, RedisConfigBus } from './config-bus.js';
import { closeRedis } from './redis.js';

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

  it('bounds the sticky routes as configured: the oldest conversations are forgotten', async () => {
    const services = await createClusterServices({ instanceId: 'solo', sticky: { maxEntries: 3, idleTtlMs: 60_000 } });
    for (let index = 0; index < 10; index++) {
      await services.stickyRoutes.set(`conversation-${index}`, { channelId: 'c', keyId: `k${index}` });
    }
    const kept = await Promise.all(
      Array.from({ length: 10 }, (_, index) => services.stickyRoutes.get(`conversation-${index}`)),
    );
    expect(kept.filter(Boolean).map((route) => route?.keyId)).toEqual(['k7', 'k8', 'k9']);
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
    const redisPrefix = `${prefix}app:`;
    const [a, b] = await Promise.all(
      ['a', 'b'].map((instanceId) => createClusterServices({ instanceId, redisUrl: TEST_REDIS_URL, redisPrefix })),
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

      // A conversation routed on one replica is found on the other, under the deployment's prefix.
      await a!.stickyRoutes.set('conversation', { channelId: 'c', keyId: 'k' });
      expect(await b!.stickyRoutes.get('conversation')).toEqual({ channelId: 'c', keyId: 'k' });
      const probe = testRedis();
      try {
        expect(await probe.get(`${redisPrefix}sticky:conversation`)).toBe('c\nk');
      } finally {
        await closeRedis(probe);
      }

      const heard = new Promise((resolve) => b!.bus.subscribe(resolve));
      await a!.bus.publish({ kind: 'channels' });
      expect(await heard).toEqual({ type: 'message', message: { kind: 'channels', from: 'a' } });
    } finally {
      await a?.close();
      await b?.close();
    }
  });
});

describeRedis('AIHUB_REDIS_PREFIX: deployments sharing one Redis', () => {
  const prefix = testPrefix();
  const blue = `${prefix}blue:`;
  const green = `${prefix}green:`;
  const started: ClusterServices[] = [];
  afterAll(async () => {
    await Promise.all(started.map((services) => services.close()));
    await cleanupRedis(prefix);
  });

  const start = async (instanceId: string, redisPrefix: string) => {
    const services = await createClusterServices({ instanceId, redisUrl: TEST_REDIS_URL, redisPrefix });
    started.push(services);
    return services;
  };
  const limits = {
    keyLimits: { rpm: 2, tpm: null, concurrency: null },
    userLimits: { rpm: null, tpm: null, concurrency: null },
  };
  const admitted = (services: ClusterServices) =>
    services.limits.admit({ caller: { userId: 'u', keyId: 'k' }, model: 'm', estimatedTokens: 0, limits }).then(
      () => true,
      () => false,
    );
  const caller = { userId: 'usr_1', keyId: 'key_1' };
  const ask = {
    body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }] },
    headers: { 'x-aihub-cache': 'on' },
  };
  const store = async (services: ClusterServices) => {
    const miss = (await services.cache.lookup(ask, caller)) as CacheMiss;
    const capture = services.cache.capture(miss);
    captureConnection(silentClient(), capture).sendJson(
      200,
      {},
      {
        id: 'chatcmpl-1',
        choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' }, finish_reason: 'stop' }],
      },
    );
    expect(await services.cache.store(miss, capture)).toBe(true);
  };
  const received = (services: ClusterServices) => {
    const events: ConfigBusEvent[] = [];
    services.bus.subscribe((event) => events.push(event));
    return events;
  };

  it('two gateways with different prefixes on one Redis do not share limits, cache entries or config changes; the same prefix does', async () => {
    const blueA = await start('blue-a', blue);
    const blueB = await start('blue-b', blue);
    const greenA = await start('green-a', green);
    const greenB = await start('green-b', green);

    // Limits: the same key id, 2 requests a minute per deployment.
    expect([await admitted(blueA), await admitted(blueB), await admitted(blueA)]).toEqual([true, true, false]);
    expect([await admitted(greenA), await admitted(greenB), await admitted(greenA)]).toEqual([true, true, false]);

    // Cache: the same request by the same caller.
    await store(blueA);
    expect((await blueB.cache.lookup(ask, caller)).status).toBe('hit');
    expect((await greenA.cache.lookup(ask, caller)).status).toBe('miss');

    // Configuration changes. Redis delivers messages in the order it received them, so once green
    // hears green's message, published after blue's, it would have heard blue's first if it could.
    const heardByBlue = received(blueB);
    const heardByGreen = received(greenB);
    await blueA.bus.publish({ kind: 'channels' });
    await greenA.bus.publish({ kind: 'prices' });
    await expect.poll(() => heardByGreen.length).toBe(1);
    await expect.poll(() => heardByBlue.length).toBe(1);
    expect(heardByGreen).toEqual([{ type: 'message', message: { kind: 'prices', from: 'green-a' } }]);
    expect(heardByBlue).toEqual([{ type: 'message', message: { kind: 'channels', from: 'blue-a' } }]);
  });

  it('every key and channel a deployment uses starts with its prefix', async () => {
    const services = await start('spied', `${prefix}spied:`);
    const redis = services.redis!;
    const keys: string[] = [];
    const send = redis.sendCommand.bind(redis);
    redis.sendCommand = (command: Command, stream?: never) => {
      keys.push(...command.getKeys().map(String));
      if (command.name === 'publish') keys.push(String(command.args[0]));
      return send(command, stream);
    };
    const concurrency = {
      keyLimits: { rpm: 5, tpm: 1000, concurrency: 2 },
      userLimits: { rpm: 5, tpm: 1000, concurrency: 2 },
    };
    const ticket = await services.limits.admit({
      caller: { userId: 'u', keyId: 'k' },
      model: 'm',
      estimatedTokens: 10,
      limits: concurrency,
    });
    await ticket.release(20);
    await services.ipLimiter.hit('auth_failure', '203.0.113.9').catch(() => {});
    await services.attemptCounters('login', { points: 1, durationSeconds: 60 }).hit('203.0.113.9');
    await store(services);
    await services.bus.publish({ kind: 'settings' });

    expect(keys.length).toBeGreaterThan(4);
    expect(keys.filter((key) => !key.startsWith(`${prefix}spied:`))).toEqual([]);
    const admin = testRedis();
    try {
      expect(await admin.pubsub('CHANNELS', `${prefix}spied:*`)).toEqual([`${prefix}spied:config`]);
    } finally {
      await closeRedis(admin);
    }
  });
});

/** A client connection that discards what it is sent (the cache captures it on the way). */
function silentClient(): ClientConnection {
  return {
    signal: new AbortController().signal,
    sendJson() {},
    startStream() {},
    async write() {},
    end() {},
  };
}
