/**
 * Counts attempts per key in fixed windows: at most `limit` in each `windowMs`, the window
 * starting at a key's first attempt. Simple and predictable, which is what login throttling
 * needs (a burst of twice the limit across a window edge is acceptable here). In memory, so
 * per process: with several replicas each enforces its own count (a Redis-backed counter can
 * replace it behind the same `hit`).
 */
export class FixedWindowLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number,
    /** Past this many tracked keys, expired windows are swept (bounds memory under a spray of keys). */
    private readonly sweepAbove = 10_000,
  ) {}

  /** Counts one attempt. Allowed while the window's count stays within the limit; else how long to wait. */
  hit(key: string): { allowed: true } | { allowed: false; retryAfterMs: number } {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      if (!window && this.windows.size >= this.sweepAbove) this.sweep(now);
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    window.count += 1;
    if (window.count <= this.limit) return { allowed: true };
    return { allowed: false, retryAfterMs: window.start + this.windowMs - now };
  }

  get trackedKeys(): number {
    return this.windows.size;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) if (now - window.start >= this.windowMs) this.windows.delete(key);
  }
}
