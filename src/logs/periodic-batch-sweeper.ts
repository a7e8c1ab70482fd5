import { silentLogger, type WarnErrorLogger } from './log-sink.js';
import { type IntervalTimers, nodeTimers } from './timers.js';

/** Deletes at most `limit` rows; answers how many it deleted. */
export type DeleteBatch = (limit: number) => Promise<number>;

export interface PeriodicBatchSweeperOptions {
  /**
   * Called once at the start of each sweep: the batch delete for this sweep (a cutoff fixed for all
   * its batches), or null when there is nothing to sweep (retention off). May throw: logged.
   */
  planSweep: () => DeleteBatch | null;
  /** Rows per DELETE; at least 1. */
  batchSize: number;
  /** Between sweeps (default 1 hour). */
  intervalMs?: number;
  /** The warning a failed sweep logs. */
  failureMessage: string;
  logger?: WarnErrorLogger;
  timers?: IntervalTimers;
}

/**
 * A background job that deletes rows in short batches, now and then every interval: the shape the
 * request log's retention and the stored responses' expiry share. Short batches keep each DELETE
 * brief, so writers and readers are never held up long; between batches queued work runs.
 */
export class PeriodicBatchSweeper {
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly logger: WarnErrorLogger;
  private readonly timers: IntervalTimers;
  private timer: unknown = null;
  private running: Promise<number> | null = null;
  /** Set while stop() waits, so a long sweep ends after its current batch. */
  private stopping = false;

  constructor(private readonly options: PeriodicBatchSweeperOptions) {
    this.intervalMs = options.intervalMs ?? 3_600_000;
    this.batchSize = Math.max(1, options.batchSize);
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? nodeTimers;
  }

  /** Sweeps now (in the background) and then every interval; a second start is ignored. */
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
   * Sweeps now; returns the rows deleted. Never rejects (a failure is logged, the next sweep tries
   * again). A sweep already running is joined rather than started twice.
   */
  sweep(): Promise<number> {
    this.running ??= this.deleteAll().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async deleteAll(): Promise<number> {
    let total = 0;
    try {
      const deleteBatch = this.options.planSweep();
      if (!deleteBatch) return 0;
      for (;;) {
        const deleted = await deleteBatch(this.batchSize);
        total += deleted;
        if (deleted < this.batchSize || this.stopping) return total;
        // Let queued work (the log writer, API reads) run between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.logger.warn({ err: error, deleted: total }, this.options.failureMessage);
      return total;
    }
  }
}
