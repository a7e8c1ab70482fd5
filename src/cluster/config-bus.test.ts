import { afterAll, beforeAll, expect, it } from 'vitest';
import {
  cleanupRedis,
  describeRedis,
  TEST_REDIS_URL,
  testPrefix,
  testRedis,
} from '../../test/cluster/redis-harness.js';
import { type ConfigBusEvent, createConfigBus, LocalConfigBus, RedisConfigBus } from './config-bus.js';
import { closeRedis } from './redis.js';
import { createRedis } from './redis-connection.js';

function nextEvent(bus: RedisConfigBus, timeoutMs = 2000): Promise<ConfigBusEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no message')), timeoutMs);
    const off = bus.subscribe((event) => {
      clearTimeout(timer);
      off();
      resolve(event);
    });
  });
}

it('the local bus publishes to nobody', async () => {
  const bus = await createConfigBus({ instanceId: 'solo' });
  expect(bus).toBeInstanceOf(LocalConfigBus);
  const heard: ConfigBusEvent[] = [];
  bus.subscribe((event) => heard.push(event));
  await bus.publish({ kind: 'prices' });
  expect(heard).toEqual([]);
  await bus.close();
});

describeRedis('RedisConfigBus on the real Redis', () => {
  const prefix = testPrefix();
  const channel = `${prefix}config`;
  const redisA = testRedis();
  const redisB = testRedis();
  let a: RedisConfigBus;
  let b: RedisConfigBus;

  beforeAll(async () => {
    a = (await createConfigBus({ redis: redisA, channel, instanceId: 'replica-a' })) as RedisConfigBus;
    b = (await createConfigBus({ redis: redisB, channel, instanceId: 'replica-b' })) as RedisConfigBus;
  });
  afterAll(async () => {
    await a.close();
    await b.close();
    await cleanupRedis(prefix, redisA, redisB);
  });

  it('delivers a message to the other replica in well under a second, with its sender', async () => {
    const started = performance.now();
    const heard = nextEvent(b);
    await a.publish({ kind: 'keys', id: 'key_1' });
    const event = await heard;
    expect(performance.now() - started).toBeLessThan(1000);
    expect(event).toEqual({ type: 'message', message: { kind: 'keys', id: 'key_1', from: 'replica-a' } });
  });

  it('a replica ignores its own messages', async () => {
    const own: ConfigBusEvent[] = [];
    const off = a.subscribe((event) => own.push(event));
    const heardByB = nextEvent(b);
    await a.publish({ kind: 'prices' });
    expect(await heardByB).toEqual({ type: 'message', message: { kind: 'prices', from: 'replica-a' } });
    off();
    expect(own).toEqual([]);
  });

  it('ignores malformed messages and reports them', async () => {
    const errors: string[] = [];
    const c = new RedisConfigBus({
      redis: redisA,
      channel,
      instanceId: 'replica-c',
      onError: (_, ctx) => errors.push(ctx),
    });
    await c.start();
    const events: ConfigBusEvent[] = [];
    c.subscribe((event) => events.push(event));
    await redisA.publish(channel, 'not json');
    await redisA.publish(channel, JSON.stringify({ v: 1, from: 'x', kind: 'bogus' }));
    const good = nextEvent(c);
    await b.publish({ kind: 'settings' });
    expect(await good).toEqual({ type: 'message', message: { kind: 'settings', from: 'replica-b' } });
    expect(events).toHaveLength(1);
    expect(errors).toEqual(['malformed config message', 'malformed config message']);
    await c.close();
  });

  it('after the subscriber connection is lost and back, listeners are told to resync', async () => {
    const name = `${prefix.replace(/:/g, '-')}sub-d`;
    const subscriber = createRedis(TEST_REDIS_URL, { connectionName: name });
    const d = new RedisConfigBus({ redis: redisA, subscriber, channel, instanceId: 'replica-d' });
    await d.start();
    const resync = nextEvent(d, 5000);
    // Kill d's subscriber from the server side; ioredis reconnects and re-subscribes.
    const clients = (await redisA.client('LIST')) as string;
    const id = clients
      .split('\n')
      .filter((entry) => entry.includes(`name=${name} `))
      .map((entry) => /id=(\d+)/.exec(entry)?.[1])[0];
    expect(id).toBeDefined();
    await redisA.client('KILL', 'ID', id as string);
    expect(await resync).toEqual({ type: 'resync' });
    // And it hears messages again.
    const again = nextEvent(d);
    await a.publish({ kind: 'channels' });
    expect(await again).toEqual({ type: 'message', message: { kind: 'channels', from: 'replica-a' } });
    await d.close();
    await closeRedis(subscriber);
  });
});
