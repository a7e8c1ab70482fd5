import type { WarnErrorLogger } from '../logs/log-sink.js';
import { PeriodicBatchSweeper } from '../logs/periodic-batch-sweeper.js';
import type { IntervalTimers } from '../logs/timers.js';
import type { StoredResponseStore } from './stored-response-store.js';

export interface StoredResponseSweeperOptions {
  /** Between sweeps (default 1 hour). */
  intervalMs?: number;
  /** Rows per DELETE (default 1,000: stored responses are large, keep each statement short). */
  batchSize?: number;
  logger?: WarnErrorLogger;
  timers?: IntervalTimers;
}

/**
 * Deletes stored responses past their expiry, in batches, at start and then periodically, like the
 * request log's retention job. Each row's expiry was fixed when it was written (the operator's
 * `responseRetentionDays` then), so a sweep needs no setting.
 */
export class StoredResponseSweeper {
  private readonly sweeper: PeriodicBatchSweeper;

  constructor(responses: StoredResponseStore, options: StoredResponseSweeperOptions = {}) {
    this.sweeper = new PeriodicBatchSweeper({
      planSweep: () => (limit) => responses.deleteExpired(limit),
      batchSize: options.batchSize ?? 1_000,
      intervalMs: options.intervalMs,
      failureMessage: 'stored responses: expiry sweep failed',
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

  /** Deletes every expired row now; never rejects (a failure is logged). A running sweep is joined. */
  sweep(): Promise<number> {
    return this.sweeper.sweep();
  }
}
