import type { Store } from '../store/database.js';
import { DAY_MS } from './day-bucket.js';
import { silentLogger, type WarnErrorLogger } from './log-sink.js';
import { type IntervalTimers, nodeTimers } from './timers.js';

export interface LogRetentionOptions {
  /** The `logRetentionDays` setting, read at each sweep; 0 keeps everything. */
  retentionDays: () => number;
  now?: () => number;
  /** Between sweeps (default 1 hour). */
  intervalMs?: number;
  /** Rows per DELETE (default 5,000): short statements, so the writer and readers are never held up long. */
  batchSize?: number;
  logger?: WarnErrorLogger;
  timers?: IntervalTimers;
}

/**
 * Deletes request log rows older than the retention period, in batches, periodically. Uses the
 * created_at index; `id IN (SELECT … LIMIT n)` because SQLite's DELETE … LIMIT is a compile option.
 */
export class LogRetention {
  private readonly now: () => number;
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly logger: WarnErrorLogger;
  private readonly timers: IntervalTimers;
  private timer: unknown = null;
  private running: Promise<number> | null = null;
  /** Set while stop() waits, so a long sweep ends after its current batch. */
  private stopping = false;

  constructor(
    private readonly store: Store,
    private readonly options: LogRetentionOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.intervalMs = options.intervalMs ?? 3_600_000;
    this.batchSize = Math.max(1, options.batchSize ?? 5_000);
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? nodeTimers;
  }

  /** Sweeps now (in the background) and then every interval. */
  start(): void {
    if (this.timer !== null) return;
    this.timer = this.timers.setInterval(() => void this.sweep(), this.intervalMs);
    void this.sweep();
  }

  /** Stops the timer and waits for a sweep in progress to finish its current batch. */
  async stop(): Promise<void> {
    if (this.timer !== null) this.timers.clearInterval(this.timer);
    this.timer = null;
    this.stopping = true;
    try {
      await this.running;
    } finally {
      this.stopping = false;
    }
  }

  /**
   * Deletes everything older than the retention period now; returns the rows deleted. Never
   * rejects (a failure is logged, the next sweep tries again). A sweep already running is joined.
   */
  sweep(): Promise<number> {
    if (!this.running) {
      this.running = this.deleteExpired().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async deleteExpired(): Promise<number> {
    let total = 0;
    try {
      const days = this.options.retentionDays();
      if (!(days > 0)) return 0;
      const cutoff = this.now() - days * DAY_MS;
      for (;;) {
        const result = await this.store.db
          .deleteFrom('request_logs')
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('request_logs')
              .select('id')
              .where('created_at', '<', cutoff)
              .orderBy('created_at')
              .limit(this.batchSize),
          )
          .executeTakeFirst();
        const deleted = Number(result.numDeletedRows);
        total += deleted;
        if (deleted < this.batchSize || this.stopping) return total;
        // Let queued work (the log writer, API reads) run between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.logger.warn({ err: error, deleted: total }, 'request log retention: sweep failed');
      return total;
    }
  }
}
