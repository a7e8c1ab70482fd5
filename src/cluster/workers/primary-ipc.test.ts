import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { MemoryLeaseStore } from '../../limits/concurrency-leases.js';
import type { PrimaryMessage, WorkerMessage } from './ipc-messages.js';
import { PrimaryHub, type WorkerChannel } from './primary-hub.js';
import { PrimaryLink, type WorkerPort } from './primary-link.js';
import { PrimaryConfigBus, PrimaryLeaseStore } from './worker-stores.js';

/** One worker's IPC channel, both ends, delivered asynchronously like the real one. */
function channel(): { port: WorkerPort & { disconnect(): void }; worker: WorkerChannel; toPrimary: WorkerMessage[] } {
  const workerSide = new EventEmitter();
  const primarySide = new EventEmitter();
  let connected = true;
  const toPrimary: WorkerMessage[] = [];
  const port = {
    send(message: WorkerMessage) {
      toPrimary.push(message);
      setImmediate(() => primarySide.emit('message', message));
    },
    on(event: string, listener: (message?: unknown) => void) {
      workerSide.on(event, listener);
    },
    disconnect() {
      connected = false;
      workerSide.emit('disconnect');
    },
  } as WorkerPort & { disconnect(): void };
  const worker: WorkerChannel = {
    send(message: PrimaryMessage) {
      setImmediate(() => workerSide.emit('message', message));
    },
    on(_event: 'message', listener: (message: unknown) => void) {
      primarySide.on('message', listener);
    },
    isConnected: () => connected,
  };
  return { port, worker, toPrimary };
}

function pair(hub: PrimaryHub, timeoutMs?: number) {
  const ends = channel();
  hub.attach(ends.worker);
  return { ...ends, link: new PrimaryLink(ends.port, timeoutMs) };
}

/**
 * Lets queued deliveries run: each hop of the fake channel is one setImmediate, so a few rounds of
 * them deliver a message there and back whatever the machine's load (a timer could fire between
 * two hops).
 */
const tick = async () => {
  for (let round = 0; round < 10; round++) await new Promise((resolve) => setImmediate(resolve));
};

describe('the primary hub and a worker’s link', () => {
  it('run an allow-listed method in the primary and bring its answer back', async () => {
    const hub = new PrimaryHub();
    const leases = new MemoryLeaseStore();
    hub.host('leases', { acquire: (key: string, id: string, limit: number) => leases.acquire(key, id, limit) });
    const a = pair(hub);
    const b = pair(hub);
    const store = (link: PrimaryLink) => new PrimaryLeaseStore(link, () => {});
    expect(await store(a.link).acquire('k', 'w1:1', 1)).toMatchObject({ ok: true, inFlight: 1 });
    // The other worker sees the same count: one store, in the primary.
    expect(await store(b.link).acquire('k', 'w2:1', 1)).toMatchObject({ ok: false, inFlight: 1 });
  });

  it('refuse anything not hosted, without reaching other properties', async () => {
    const hub = new PrimaryHub();
    hub.host('cache', { get: () => 'x' });
    const { link } = pair(hub);
    await expect(link.call('cache', 'constructor', [])).rejects.toThrow(/no such call: cache.constructor/);
    await expect(link.call('cache', 'toString', [])).rejects.toThrow(/no such call/);
    await expect(link.call('nothing', 'get', [])).rejects.toThrow(/no such call/);
    expect(await link.call('cache', 'get', [])).toBe('x');
  });

  it('give up after the timeout when the primary does not answer, and fail open for leases', async () => {
    const hub = new PrimaryHub();
    hub.host('leases', { acquire: () => new Promise(() => {}) });
    const { link } = pair(hub, 30);
    const errors: unknown[] = [];
    const take = await new PrimaryLeaseStore(link, (error) => errors.push(error)).acquire('k', 'w:1', 1);
    expect(take).toEqual({ ok: true, counted: false, limit: 1, inFlight: 0 });
    expect(String(errors[0])).toMatch(/did not answer leases.acquire in time/);
  });

  it('fail calls at once when the primary is gone', async () => {
    const hub = new PrimaryHub();
    hub.host('slow', { wait: () => new Promise(() => {}) });
    const { link, port } = pair(hub);
    const pending = link.call('slow', 'wait', []);
    await tick();
    port.disconnect();
    await expect(pending).rejects.toThrow(/primary process is gone/);
    await expect(link.call('slow', 'wait', [])).rejects.toThrow(/primary process is gone/);
  });

  it('relay a configuration change to every other worker, never back to its sender', async () => {
    const hub = new PrimaryHub();
    const ends = [pair(hub), pair(hub), pair(hub)];
    const buses = ends.map((end, index) => new PrimaryConfigBus(end.link, `ins_${index}`));
    const heard = buses.map(() => [] as unknown[]);
    for (const [index, bus] of buses.entries()) bus.subscribe((event) => heard[index]?.push(event));
    await buses[0]?.publish({ kind: 'keys', id: 'key_1' });
    await tick();
    expect(heard[0]).toEqual([]);
    for (const index of [1, 2]) {
      expect(heard[index]).toEqual([{ type: 'message', message: { kind: 'keys', id: 'key_1', from: 'ins_0' } }]);
    }
  });

  it('tell the live workers that a crashed one died, and hold the news until one has said hello', async () => {
    const hub = new PrimaryHub();
    const dropped: string[] = [];
    hub.onInstanceDied((instanceId) => dropped.push(instanceId));
    const dead = pair(hub);
    dead.link.send({ aihub: 'hello', instanceId: 'ins_dead' });
    await tick();
    hub.detach(dead.worker, { crashed: true });
    expect(dropped).toEqual(['ins_dead']);
    // Nobody alive yet: the next worker to say hello hears it.
    const next = pair(hub);
    const news: PrimaryMessage[] = [];
    next.link.listen((message) => news.push(message));
    next.link.send({ aihub: 'hello', instanceId: 'ins_next' });
    await tick();
    expect(news).toEqual([{ aihub: 'instance-died', instanceId: 'ins_dead' }]);
    // A clean stop releases its own holds: nothing to report.
    hub.detach(next.worker, { crashed: false });
    expect(dropped).toEqual(['ins_dead']);
  });
});

describe('MemoryLeaseStore.releaseHolder', () => {
  it('drops every lease of one instance and only those', async () => {
    const leases = new MemoryLeaseStore();
    await leases.acquire('key_a', 'ins_1:1', 5);
    await leases.acquire('key_a', 'ins_1:2', 5);
    await leases.acquire('key_a', 'ins_10:1', 5);
    await leases.acquire('key_b', 'ins_1:3', 5);
    expect(leases.releaseHolder('ins_1')).toBe(3);
    expect(await leases.acquire('key_a', 'ins_2:1', 2)).toMatchObject({ ok: true, inFlight: 2 });
    expect(leases.size).toBe(1);
  });
});
