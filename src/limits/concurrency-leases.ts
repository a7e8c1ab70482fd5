/**
 * Requests in flight, counted as leases: each admitted request holds one lease per scope until it
 * releases it, and every lease expires on its own after `ttlMs`, so a process that dies holding
 * leases leaks them for at most that long (no counter can drift for ever). Admission is atomic:
 * expired leases are dropped, the live ones counted and the new one added in one step.
 */
export interface LeaseTake {
  ok: boolean;
  /** False when the store failed and the request was let through uncounted (fail open). */
  counted: boolean;
  limit: number;
  /** Leases held: including this one when ok, before it when refused. */
  inFlight: number;
}

export interface LeaseStore {
  acquire(key: string, leaseId: string, limit: number): Promise<LeaseTake>;
  release(key: string, leaseId: string): Promise<void>;
}

/** Leases live for 15 minutes by default: longer than any sane request, short enough to heal. */
export const DEFAULT_LEASE_TTL_MS = 15 * 60_000;

export interface MemoryLeaseStoreOptions {
  ttlMs?: number;
  now?: () => number;
}

/** One process: a map of lease id → expiry per key. */
export class MemoryLeaseStore implements LeaseStore {
  private readonly leases = new Map<string, Map<string, number>>();
  private readonly ttlMs: number;
  private readonly now: () => number;
  private acquiresSinceSweep = 0;

  constructor(options: MemoryLeaseStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.now = options.now ?? Date.now;
  }

  async acquire(key: string, leaseId: string, limit: number): Promise<LeaseTake> {
    const now = this.now();
    if (++this.acquiresSinceSweep >= 10_000) this.sweep(now);
    let held = this.leases.get(key);
    if (held) dropExpired(held, now);
    const count = held?.size ?? 0;
    if (count >= limit) return { ok: false, counted: true, limit, inFlight: count };
    if (!held) {
      held = new Map();
      this.leases.set(key, held);
    }
    held.set(leaseId, now + this.ttlMs);
    return { ok: true, counted: true, limit, inFlight: count + 1 };
  }

  async release(key: string, leaseId: string): Promise<void> {
    const held = this.leases.get(key);
    if (!held) return;
    held.delete(leaseId);
    if (held.size === 0) this.leases.delete(key);
  }

  /**
   * Drops every lease whose id starts with `holder` (a lease id is `<instance id>:<n>`): a worker
   * that died holds nothing any more, so its requests must not count against the limit until
   * their leases expire. Returns how many were dropped.
   */
  releaseHolder(holder: string): number {
    const prefix = `${holder}:`;
    let dropped = 0;
    for (const [key, held] of this.leases) {
      for (const id of held.keys()) {
        if (id.startsWith(prefix)) {
          held.delete(id);
          dropped++;
        }
      }
      if (held.size === 0) this.leases.delete(key);
    }
    return dropped;
  }

  /** Keys tracked (tests: memory stays bounded). */
  get size(): number {
    return this.leases.size;
  }

  /** Drops expired leases of every key (leaked ones of keys that never come back). */
  private sweep(now: number): void {
    this.acquiresSinceSweep = 0;
    for (const [key, held] of this.leases) {
      dropExpired(held, now);
      if (held.size === 0) this.leases.delete(key);
    }
  }
}

function dropExpired(held: Map<string, number>, now: number): void {
  for (const [id, expiresAt] of held) if (expiresAt <= now) held.delete(id);
}
