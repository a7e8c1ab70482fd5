import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupRedis, describeRedis, testPrefix, testRedis } from '../../test/cluster/redis-harness.js';
import type { KeyCache } from '../accounts/key-cache.js';
import type { PriceBook } from '../billing/price-book.js';
import type { CatalogService } from '../catalog/catalog-service.js';
import type { SettingsService } from '../platform/settings.js';
import {
  type ConfigBus,
  type ConfigBusEvent,
  type ConfigMessage,
  createConfigBus,
  LocalConfigBus,
} from './config-bus.js';
import { type KeyChange, wireConfigBus } from './wire-config-bus.js';

/** Replicas in one process: what one publishes, the others hear (like Redis, minus the network). */
class Hub {
  readonly buses: HubBus[] = [];
  bus(instanceId: string): HubBus {
    const bus = new HubBus(instanceId, this);
    this.buses.push(bus);
    return bus;
  }
}

class HubBus extends LocalConfigBus {
  private readonly heard = new Set<(event: ConfigBusEvent) => void>();
  constructor(
    instanceId: string,
    private readonly hub: Hub,
  ) {
    super(instanceId);
  }
  override subscribe(listener: (event: ConfigBusEvent) => void): () => void {
    this.heard.add(listener);
    return () => this.heard.delete(listener);
  }
  override async publish(message: ConfigMessage): Promise<void> {
    for (const bus of this.hub.buses) {
      if (bus !== this) bus.deliver({ type: 'message', message: { ...message, from: this.instanceId } });
    }
  }
  deliver(event: ConfigBusEvent): void {
    for (const listener of this.heard) listener(event);
  }
}

/** A stand-in for the key cache: records reloads; `change()` simulates a local admin change. */
class FakeKeys {
  readonly calls: string[] = [];
  private readonly listeners = new Set<(change: KeyChange) => void>();
  onChange(listener: (change: KeyChange) => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async reloadKey(keyId: string, options: { fromRemote: true }) {
    this.calls.push(`reloadKey ${keyId} ${options.fromRemote}`);
  }
  async invalidateUser(userId: string, options: { fromRemote: true }) {
    this.calls.push(`invalidateUser ${userId} ${options.fromRemote}`);
  }
  async load() {
    this.calls.push('load');
  }
  change(change: KeyChange) {
    for (const listener of this.listeners) listener(change);
  }
}

/** A stand-in for PriceBook / CatalogService: reload() re-reads and notifies, like the real ones. */
class FakeReloadable {
  reloads = 0;
  private readonly listeners = new Set<() => void>();
  constructor(private readonly delayMs = 5) {}
  onChange(listener: () => void) {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  async reload() {
    await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    this.reloads++;
    this.notify();
  }
  notify() {
    for (const listener of this.listeners) listener();
  }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

function replica(bus: ConfigBus) {
  const targets = {
    keys: new FakeKeys(),
    prices: new FakeReloadable(),
    catalog: new FakeReloadable(),
    settings: new FakeReloadable(),
    channels: new FakeReloadable(),
  };
  const unwire = wireConfigBus(bus, targets);
  return { targets, unwire };
}

describe('wireConfigBus', () => {
  it("takes the app's own classes as they are (checked by the compiler)", () => {
    const wire = (
      bus: ConfigBus,
      keys: KeyCache,
      prices: PriceBook,
      catalog: CatalogService,
      settings: SettingsService,
    ) =>
      wireConfigBus(bus, {
        keys,
        prices,
        catalog,
        settings: { onChange: (listener) => settings.onChange(listener), reload: () => settings.load() },
      });
    expect(typeof wire).toBe('function');
  });

  it('a key change on one replica reloads that key on the others, from remote (no echo)', async () => {
    const hub = new Hub();
    const [a, b, c] = [replica(hub.bus('a')), replica(hub.bus('b')), replica(hub.bus('c'))];
    a.targets.keys.change({ kind: 'key', keyId: 'key_1' });
    a.targets.keys.change({ kind: 'user', userId: 'usr_1' });
    await settle();
    for (const other of [b, c]) {
      expect(other.targets.keys.calls).toEqual(['reloadKey key_1 true', 'invalidateUser usr_1 true']);
    }
    expect(a.targets.keys.calls).toEqual([]);
  });

  it('whole-kind changes reload the same kind elsewhere, once, without ping-pong', async () => {
    const hub = new Hub();
    const a = replica(hub.bus('a'));
    const b = replica(hub.bus('b'));
    a.targets.prices.notify();
    a.targets.settings.notify();
    a.targets.channels.notify();
    await settle();
    expect(b.targets.prices.reloads).toBe(1);
    expect(b.targets.settings.reloads).toBe(1);
    expect(b.targets.channels.reloads).toBe(1);
    // b's reloads notified its listeners, but were not published back to a.
    expect(a.targets.prices.reloads).toBe(0);
    expect(a.targets.settings.reloads).toBe(0);
    expect(b.targets.catalog.reloads + a.targets.catalog.reloads).toBe(0);
  });

  it('a catalog reload that makes the price book notify is not announced as a price change', async () => {
    const hub = new Hub();
    const a = replica(hub.bus('a'));
    const b = replica(hub.bus('b'));
    // On b, like the app: the catalog's change swaps the price book's catalog, which notifies.
    b.targets.catalog.onChange(() => b.targets.prices.notify());
    a.targets.catalog.notify();
    await settle();
    expect(b.targets.catalog.reloads).toBe(1);
    expect(a.targets.prices.reloads).toBe(0);
  });

  it('local changes are announced again once a remote reload is over', async () => {
    const hub = new Hub();
    const a = replica(hub.bus('a'));
    const b = replica(hub.bus('b'));
    a.targets.prices.notify();
    await settle();
    b.targets.prices.notify();
    await settle();
    expect(a.targets.prices.reloads).toBe(1);
    expect(b.targets.prices.reloads).toBe(1);
  });

  it('a resync reloads everything; a failing reload is reported and does not stop the others', async () => {
    const hub = new Hub();
    const bus = hub.bus('a');
    const errors: string[] = [];
    const keys = new FakeKeys();
    const prices = new FakeReloadable();
    const broken = {
      reload: async () => {
        throw new Error('database down');
      },
    };
    wireConfigBus(bus, { keys, prices, catalog: broken }, { onError: (_, context) => errors.push(context) });
    bus.deliver({ type: 'resync' });
    await settle();
    expect(keys.calls).toEqual(['load']);
    expect(prices.reloads).toBe(1);
    expect(errors).toEqual(['reload catalog']);
  });

  it('unwiring stops both directions', async () => {
    const hub = new Hub();
    const a = replica(hub.bus('a'));
    const b = replica(hub.bus('b'));
    b.unwire();
    a.targets.prices.notify();
    b.targets.settings.notify();
    await settle();
    expect(b.targets.prices.reloads).toBe(0);
    expect(a.targets.settings.reloads).toBe(0);
  });
});

describeRedis('wireConfigBus across two replicas on the real Redis', () => {
  const prefix = testPrefix();
  const channel = `${prefix}config`;
  const redisA = testRedis();
  const redisB = testRedis();
  let busA: ConfigBus;
  let busB: ConfigBus;

  beforeAll(async () => {
    busA = await createConfigBus({ redis: redisA, channel, instanceId: 'a' });
    busB = await createConfigBus({ redis: redisB, channel, instanceId: 'b' });
  });
  afterAll(async () => {
    await busA.close();
    await busB.close();
    await cleanupRedis(prefix, redisA, redisB);
  });

  it('a change on one replica is applied on the other within a second', async () => {
    const a = replica(busA);
    const keysB = new FakeKeys();
    let applied: (value: number) => void = () => {};
    const done = new Promise<number>((resolve) => {
      applied = resolve;
    });
    const started = performance.now();
    wireConfigBus(busB, {
      keys: {
        ...keysB,
        onChange: (listener) => keysB.onChange(listener),
        reloadKey: async (keyId) => {
          keysB.calls.push(keyId);
          applied(performance.now() - started);
        },
        invalidateUser: async () => {},
      },
    });
    a.targets.keys.change({ kind: 'key', keyId: 'key_42' });
    const latency = await done;
    expect(keysB.calls).toEqual(['key_42']);
    expect(latency).toBeLessThan(1000);
  });
});
