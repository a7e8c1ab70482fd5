import type { Store } from '../store/database.js';
import { DAY_MS } from './day-bucket.js';
import type { WarnErrorLogger } from './log-sink.js';
import { PeriodicBatchSweeper } from './periodic-batch-sweeper.js';
import type { IntervalTimers } from './timers.js';

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
  private readonly sweeper: PeriodicBatchSweeper;

  constructor(
    private readonly store: Store,
    options: LogRetentionOptions,
  ) {
    const now = options.now ?? Date.now;
    this.sweeper = new PeriodicBatchSweeper({
      planSweep: () => {
        const days = options.retentionDays();
        return days > 0 ? (limit) => this.deleteOlderThan(now() - days * DAY_MS, limit) : null;
      },
      batchSize: options.batchSize ?? 5_000,
      intervalMs: options.intervalMs,
      failureMessage: 'request log retention: sweep failed',
      logger: options.logger,
      timers: options.timers,
    });
  }

  /** Sweeps now (in the background) and then every interval. */
  start(): void {
    this.sweeper.start();
  }

  /** Stops the timer and waits for a sweep in progress to finish its current batch. */
  stop(): Promise<void> {
    return this.sweeper.stop();
  }

  /**
   * Deletes everything older than the retention period now; returns the rows deleted. Never
   * rejects (a failure is logged, the next sweep tries again). A sweep already running is joined.
   */
  sweep(): Promise<number> {
    return this.sweeper.sweep();
  }

  private deleteOlderThan(cutoff: number, limit: number): Promise<number> {
    return deleteRequestLogBatch(this.store, cutoff, limit);
  }
}

/** Deletes up to `limit` of the oldest request log rows created before `cutoff`; returns how many. */
export async function deleteRequestLogBatch(store: Store, cutoff: number, limit: number): Promise<number> {
  const result = await store.db
    .deleteFrom('request_logs')
    .where('id', 'in', (eb) =>
      eb.selectFrom('request_logs').select('id').where('created_at', '<', cutoff).orderBy('created_at').limit(limit),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
