import { silentLogger, type WarnErrorLogger } from '../logs/log-sink.js';
import { type IntervalTimers, nodeTimers } from '../logs/timers.js';
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
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly logger: WarnErrorLogger;
  private readonly timers: IntervalTimers;
  private timer: unknown = null;
  private running: Promise<number> | null = null;
  private stopping = false;

  constructor(
    private readonly responses: StoredResponseStore,
    options: StoredResponseSweeperOptions = {},
  ) {
    this.intervalMs = options.intervalMs ?? 3_600_000;
    this.batchSize = Math.max(1, options.batchSize ?? 1_000);
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? nodeTimers;
  }

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

  /** Deletes every expired row now; never rejects (a failure is logged). A running sweep is joined. */
  sweep(): Promise<number> {
    this.running ??= this.deleteExpired().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async deleteExpired(): Promise<number> {
    let total = 0;
    try {
      for (;;) {
        const deleted = await this.responses.deleteExpired(this.batchSize);
        total += deleted;
        if (deleted < this.batchSize || this.stopping) return total;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } catch (error) {
      this.logger.warn({ err: error, deleted: total }, 'stored responses: expiry sweep failed');
      return total;
    }
  }
}
