import { describe, expect, it } from 'vitest';
import { MemoryStickyStore } from './memory-sticky-store.js';

const route = (index: number) => ({ channelId: `c${index % 3}`, keyId: `k${index}` });

describe('MemoryStickyStore', () => {
  it('never holds more than its maximum, forgetting the least recently used first', async () => {
    const store = new MemoryStickyStore({ maxEntries: 100, idleTtlMs: 60_000 });
    await store.set('kept', route(0));
    for (let index = 1; index <= 10_000; index++) {
      await store.set(`conversation-${index}`, route(index));
      if (index % 10 === 0) await store.get('kept'); // in use: stays
      expect(store.size).toBeLessThanOrEqual(100);
    }
    expect(store.size).toBe(100);
    expect(await store.get('kept')).toEqual(route(0));
    expect(await store.get('conversation-1')).toBeUndefined();
    expect(await store.get('conversation-10000')).toEqual(route(10_000));
  });

  it('forgets a conversation idle for the TTL; each write starts the TTL again', async () => {
    const clock = { now: 10_000 }; // lru-cache reads a start time of 0 as "never set"
    const store = new MemoryStickyStore({ maxEntries: 10, idleTtlMs: 1_000, now: () => clock.now });
    await store.set('busy', route(1));
    await store.set('idle', route(2));
    clock.now = 10_900;
    await store.set('busy', route(1));
    clock.now = 11_500;
    expect(await store.get('idle')).toBeUndefined();
    expect(await store.get('busy')).toEqual(route(1));
  });
});
