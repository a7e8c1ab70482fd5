import type { CacheStore } from '../../cache/cache-store.js';
import type { LeaseStore, LeaseTake } from '../../limits/concurrency-leases.js';
import type { StickyRoute, StickyStore } from '../../routing/sticky/sticky-store.js';
import { type ConfigBus, type ConfigMessage, ListenerSet } from '../config-bus.js';
import type { PrimaryLink } from './primary-link.js';

/**
 * A worker's view of the state its primary keeps for all workers (shared-state.ts). Each behaves
 * like its Redis counterpart when the primary fails to answer: limits fail open and are reported,
 * a cache lookup misses, a sticky route falls back to this process's memory.
 */

export const SHARED_TARGETS = { leases: 'leases', cache: 'cache', sticky: 'sticky', metrics: 'metrics' } as const;

export class PrimaryLeaseStore implements LeaseStore {
  constructor(
    private readonly link: PrimaryLink,
    private readonly onStoreError: (error: unknown) => void,
  ) {}

  async acquire(key: string, leaseId: string, limit: number): Promise<LeaseTake> {
    try {
      return await this.link.call<LeaseTake>(SHARED_TARGETS.leases, 'acquire', [key, leaseId, limit]);
    } catch (error) {
      this.onStoreError(error);
      return { ok: true, counted: false, limit, inFlight: 0 };
    }
  }

  async release(key: string, leaseId: string): Promise<void> {
    try {
      await this.link.call(SHARED_TARGETS.leases, 'release', [key, leaseId]);
    } catch (error) {
      this.onStoreError(error);
    }
  }
}

/** Errors propagate: the response cache reports them and treats the lookup as a miss. */
export class PrimaryCacheStore implements CacheStore {
  constructor(private readonly link: PrimaryLink) {}

  async get(key: string): Promise<string | undefined> {
    const value = await this.link.call<string | null | undefined>(SHARED_TARGETS.cache, 'get', [key]);
    return typeof value === 'string' ? value : undefined;
  }

  async set(key: string, value: string, ttlMs: number): Promise<void> {
    await this.link.call(SHARED_TARGETS.cache, 'set', [key, value, ttlMs]);
  }
}

export class PrimaryStickyStore implements StickyStore {
  constructor(
    private readonly link: PrimaryLink,
    private readonly fallback: StickyStore,
    private readonly onStoreError: (error: unknown) => void,
  ) {}

  async get(conversation: string): Promise<StickyRoute | undefined> {
    try {
      const route = await this.link.call<StickyRoute | null | undefined>(SHARED_TARGETS.sticky, 'get', [conversation]);
      return route ?? (await this.fallback.get(conversation));
    } catch (error) {
      this.onStoreError(error);
      return this.fallback.get(conversation);
    }
  }

  async set(conversation: string, route: StickyRoute): Promise<void> {
    await this.fallback.set(conversation, route);
    try {
      await this.link.call(SHARED_TARGETS.sticky, 'set', [conversation, route]);
    } catch (error) {
      this.onStoreError(error);
    }
  }
}

/**
 * The configuration bus between the workers of one machine: a change is sent to the primary,
 * which passes it to every other worker. IPC is ordered and lossless while the primary lives (and
 * when it dies its workers stop), so unlike Redis pub/sub there is never a gap to resync.
 */
export class PrimaryConfigBus extends ListenerSet implements ConfigBus {
  private readonly unlisten: () => void;

  constructor(
    private readonly link: PrimaryLink,
    readonly instanceId: string,
  ) {
    super();
    this.unlisten = link.listen((message) => {
      if (message.aihub === 'config' && message.message.from !== this.instanceId) {
        this.emit({ type: 'message', message: message.message });
      }
    });
  }

  async publish(message: ConfigMessage): Promise<void> {
    this.link.send({ aihub: 'publish', message: { ...message, from: this.instanceId } });
  }

  async close(): Promise<void> {
    this.unlisten();
    this.listeners.clear();
  }
}
