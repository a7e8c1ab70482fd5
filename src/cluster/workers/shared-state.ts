import { AggregatorRegistry } from 'prom-client';
import { RateLimiterClusterMaster } from 'rate-limiter-flexible';
import { MemoryCacheStore } from '../../cache/cache-store.js';
import { MemoryLeaseStore } from '../../limits/concurrency-leases.js';
import { MemoryStickyStore } from '../../routing/sticky/memory-sticky-store.js';
import type { StickySettings } from '../../routing/sticky/sticky-settings.js';
import type { StickyRoute } from '../../routing/sticky/sticky-store.js';
import type { PrimaryHub } from './primary-hub.js';
import { SHARED_TARGETS } from './worker-stores.js';

export interface SharedStateOptions {
  sticky: Pick<StickySettings, 'maxEntries' | 'idleTtlMs'>;
}

/**
 * What the primary keeps for its workers when there is no Redis: the RPM/TPM and per-address
 * windows (rate-limiter-flexible's cluster master), concurrency leases, cached answers and sticky
 * routes, each in one place so the workers count and cache together exactly as one process
 * would. Also the metrics scrape: whichever worker is asked, the answer sums every worker's.
 */
export function hostSharedState(hub: PrimaryHub, options: SharedStateOptions): void {
  new RateLimiterClusterMaster();

  const leases = new MemoryLeaseStore();
  hub.host(SHARED_TARGETS.leases, {
    acquire: (key: string, leaseId: string, limit: number) =>
      leases.acquire(String(key), String(leaseId), Number(limit)),
    release: (key: string, leaseId: string) => leases.release(String(key), String(leaseId)),
  });
  hub.onInstanceDied((instanceId) => leases.releaseHolder(instanceId));

  const cache = new MemoryCacheStore();
  hub.host(SHARED_TARGETS.cache, {
    get: (key: string) => cache.get(String(key)),
    set: (key: string, value: string, ttlMs: number) => cache.set(String(key), String(value), Number(ttlMs)),
  });

  const sticky = new MemoryStickyStore(options.sticky);
  hub.host(SHARED_TARGETS.sticky, {
    get: (conversation: string) => sticky.get(String(conversation)),
    set: (conversation: string, route: StickyRoute) =>
      sticky.set(String(conversation), { channelId: String(route.channelId), keyId: String(route.keyId) }),
  });

  const aggregator = new AggregatorRegistry();
  hub.host(SHARED_TARGETS.metrics, { text: () => aggregator.clusterMetrics() });
}
