import { sql } from 'kysely';
import type { Store } from '../store/database.js';

export interface LastUsedRecorderOptions {
  /** How often pending times are written (default 5 s). */
  flushIntervalMs?: number;
  /** Told about a failed flush (the times are kept and retried on the next one). */
  onError?: (error: unknown) => void;
}

const CHUNK = 200;

/**
 * `api_keys.last_used_at` without a write per request: each use is noted in memory (one Map
 * set) and the latest time per key is written in batches, one UPDATE per 200 keys, every few
 * seconds and on close. A crash loses at most one interval of "last used" times, which only
 * the console shows.
 */
export class LastUsedRecorder {
  private pending = new Map<string, number>();
  private readonly latestSeen = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;

  constructor(
    private readonly store: Store,
    private readonly options: LastUsedRecorderOptions = {},
  ) {}

  record(keyId: string, at: number): void {
    this.pending.set(keyId, at);
    this.latestSeen.set(keyId, at);
  }

  /** The latest use this process saw (newer than the database until the next flush). */
  latest(keyId: string): number | undefined {
    return this.latestSeen.get(keyId);
  }

  /** Forget a deleted key. */
  forget(keyId: string): void {
    this.pending.delete(keyId);
    this.latestSeen.delete(keyId);
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.flush().catch((error) => this.options.onError?.(error));
    }, this.options.flushIntervalMs ?? 5_000);
    // Never keep the process alive just to write timestamps.
    this.timer.unref();
  }

  /** Writes pending times; concurrent calls share one flush. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.write(batch).finally(() => {
      this.flushing = undefined;
    });
    try {
      await this.flushing;
    } catch (error) {
      // Put the batch back (newer uses recorded meanwhile win) so the next flush retries it.
      for (const [keyId, at] of batch) if (!this.pending.has(keyId)) this.pending.set(keyId, at);
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.flush();
  }

  private async write(batch: Map<string, number>): Promise<void> {
    const entries = [...batch];
    for (let start = 0; start < entries.length; start += CHUNK) {
      const chunk = entries.slice(start, start + CHUNK);
      // One statement per chunk: `case id when … then … end`. The cast types the parameter for
      // PostgreSQL (it would otherwise be text); SQLite treats it as an integer cast.
      const cases = sql.join(
        chunk.map(([keyId, at]) => sql`when ${keyId} then cast(${at} as bigint)`),
        sql` `,
      );
      await this.store.db
        .updateTable('api_keys')
        .set({ last_used_at: sql<number>`case ${sql.ref('id')} ${cases} end` })
        .where(
          'id',
          'in',
          chunk.map(([keyId]) => keyId),
        )
        .execute();
    }
  }
}
