import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { MemoryStickyStore } from './memory-sticky-store.js';
import { RedisStickyStore } from './redis-sticky-store.js';

/** Just the commands the store uses, over a Map; `broken` makes them fail like a dropped connection. */
function fakeRedis() {
  const data = new Map<string, { value: string; px: number }>();
  const fake = {
    status: 'ready',
    broken: false,
    data,
    async get(key: string) {
      if (fake.broken) throw new Error('Connection is closed.');
      return data.get(key)?.value ?? null;
    },
    async set(key: string, value: string, mode: string, px: number) {
      if (fake.broken) throw new Error('Connection is closed.');
      expect(mode).toBe('PX');
      data.set(key, { value, px });
      return 'OK';
    },
  };
  return fake;
}

function setup() {
  const redis = fakeRedis();
  const errors: unknown[] = [];
  const fallback = new MemoryStickyStore({ maxEntries: 10, idleTtlMs: 60_000 });
  const store = new RedisStickyStore({
    redis: redis as unknown as Redis,
    keyPrefix: 'aihub:sticky',
    idleTtlMs: 60_000,
    fallback,
    onStoreError: (error) => errors.push(error),
  });
  return { redis, errors, fallback, store };
}

const a = { channelId: 'chan-a', keyId: 'key-1' };
const b = { channelId: 'chan-b', keyId: 'key-2' };

describe('RedisStickyStore', () => {
  it('writes SET key value PX ttl under the prefix, and reads what another replica wrote', async () => {
    const { redis, store } = setup();
    await store.set('conv', a);
    expect(redis.data.get('aihub:sticky:conv')).toEqual({ value: 'chan-a\nkey-1', px: 60_000 });
    redis.data.set('aihub:sticky:conv', { value: 'chan-b\nkey-2', px: 60_000 }); // moved elsewhere
    expect(await store.get('conv')).toEqual(b);
  });

  it('answers from this process’s memory when Redis fails or is not connected, and reports the failure', async () => {
    const { redis, errors, store } = setup();
    await store.set('conv', a);
    redis.broken = true;
    expect(await store.get('conv')).toEqual(a);
    await store.set('conv', b);
    expect(await store.get('conv')).toEqual(b);
    expect(errors).toHaveLength(3);
    redis.broken = false;
    redis.status = 'reconnecting';
    expect(await store.get('conv')).toEqual(b);
    expect(errors).toHaveLength(3); // not ready: not even tried
  });

  it('falls back to memory when Redis has nothing, or something it cannot read', async () => {
    const { redis, fallback, store } = setup();
    await fallback.set('conv', a);
    expect(await store.get('conv')).toEqual(a);
    redis.data.set('aihub:sticky:conv', { value: 'garbage', px: 1 });
    expect(await store.get('conv')).toEqual(a);
    expect(await store.get('unknown')).toBeUndefined();
  });
});
