import { LRUCache } from 'lru-cache';
import type { StickyRoute, StickyStore } from './sticky-store.js';

export interface MemoryStickyStoreOptions {
  /** Conversations remembered at most; the least recently used is forgotten first. */
  maxEntries: number;
  /** A conversation idle this long is forgotten (upstream prompt caches expire in minutes anyway). */
  idleTtlMs: number;
  /** Clock for the TTL (tests). */
  now?: () => number;
}

/**
 * One process's sticky routes: an LRU bounded in entries, each living `idleTtlMs` after its last
 * write (every served request writes, so an active conversation never expires). About 150 bytes
 * an entry: 50,000 conversations hold well under 10 MB.
 */
export class MemoryStickyStore implements StickyStore {
  private readonly lru: LRUCache<string, StickyRoute>;

  constructor(options: MemoryStickyStoreOptions) {
    this.lru = new LRUCache<string, StickyRoute>({
      max: Math.max(1, Math.floor(options.maxEntries)),
      ttl: Math.max(1, Math.floor(options.idleTtlMs)),
      ttlAutopurge: false,
      // An injected clock is read on every check (the default caches `now` for 1 ms).
      ...(options.now ? { perf: { now: options.now }, ttlResolution: 0 } : {}),
    });
  }

  async get(conversation: string): Promise<StickyRoute | undefined> {
    return this.lru.get(conversation);
  }

  async set(conversation: string, route: StickyRoute): Promise<void> {
    this.lru.set(conversation, route);
  }

  /** Entries held now, expired ones not yet swept included (tests, metrics). */
  get size(): number {
    return this.lru.size;
  }
}
