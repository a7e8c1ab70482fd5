/**
 * Keys told to wait: an upstream's `retry-after` (or a default for a 429 without one) becomes a
 * cooldown for that (channel, key) during which the selector prefers other keys and channels.
 * Memory only, per process: each replica learns on its own (a 429 costs one extra attempt).
 */
export class KeyCooldowns {
  private readonly until = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    /** Longest cooldown honoured: a retry-after of hours must not park a key for hours. */
    private readonly maxMs = 10 * 60_000,
    /** Expired entries are swept when the map grows past this. */
    private readonly sweepAbove = 10_000,
  ) {}

  /** Cools `key` for `ms` from now (an existing longer cooldown is kept). */
  cool(key: string, ms: number): void {
    const now = this.now();
    const until = now + Math.max(0, Math.min(ms, this.maxMs));
    if (until <= now) return;
    if (until > (this.until.get(key) ?? 0)) this.until.set(key, until);
    if (this.until.size > this.sweepAbove) this.sweep(now);
  }

  /** When `key` may be used again (a time in the past, or 0, when it is not cooling). */
  availableAt(key: string): number {
    if (this.until.size === 0) return 0;
    const until = this.until.get(key);
    if (until === undefined) return 0;
    if (until <= this.now()) {
      this.until.delete(key);
      return 0;
    }
    return until;
  }

  /** Keys cooling, or cooled and not yet swept: 0 means none is cooling. */
  get size(): number {
    return this.until.size;
  }

  isCooling(key: string): boolean {
    return this.availableAt(key) > 0;
  }

  clear(): void {
    this.until.clear();
  }

  /** The keys cooling now and until when, for the admin view. */
  entries(): Array<{ key: string; until: number }> {
    this.sweep(this.now());
    return [...this.until].map(([key, until]) => ({ key, until }));
  }

  private sweep(now: number): void {
    for (const [key, until] of this.until) if (until <= now) this.until.delete(key);
  }
}
