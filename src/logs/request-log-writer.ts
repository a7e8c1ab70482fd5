import type { Store } from '../store/database.js';
import { BoundedQueue } from './bounded-queue.js';
import { silentLogger, type WarnErrorLogger } from './log-sink.js';
import {
  REQUEST_LOG_COLUMNS,
  type RequestLogEntry,
  type RequestLogPatch,
  type RequestLogRow,
  toRequestLogRow,
  toRequestLogUpdate,
} from './request-log-entry.js';
import { createRequestLogInsert, type RequestLogInsert } from './request-log-insert.js';
import { type IntervalTimers, nodeTimers } from './timers.js';

/** Where the relay hands finished requests: synchronous, never throws, never waits for a database. */
export interface RequestLogSink {
  write(entry: RequestLogEntry): void;
  /** Changes a written row (a job's, as it progresses); never rejects. */
  update(id: string, patch: RequestLogPatch): Promise<void>;
}

export interface RequestLogWriterOptions {
  /** How often queued rows are written (default 250 ms). */
  flushIntervalMs?: number;
  /** Rows per INSERT (default 500; capped so rows × 26 columns stays under SQLite's 32,766 bound parameters). */
  maxBatch?: number;
  /** Rows held in memory at most (default 50,000); beyond it the oldest are dropped and counted. */
  maxQueue?: number;
  /** Tries per batch before it is dropped and counted (default 3; one try per flush). */
  maxAttempts?: number;
  /** Whether prompts and outputs are kept (the `promptLogging` setting), read at write time. Default: never. */
  promptLogging?: () => boolean;
  now?: () => number;
  logger?: WarnErrorLogger;
  timers?: IntervalTimers;
  /** How a batch reaches the database (default: createRequestLogInsert for the store's dialect). */
  insert?: RequestLogInsert;
}

export interface RequestLogWriterMetrics {
  /** Rows waiting in the queue. */
  queued: number;
  /** Rows of a failed batch waiting to be retried. */
  retrying: number;
  /** Rows handed to the database (duplicates ignored by it included). */
  written: number;
  /** Oldest rows dropped because the queue was full. */
  droppedQueueFull: number;
  /** Rows dropped after their batch failed `maxAttempts` times. */
  droppedFailed: number;
  /** Rows written after close(), or that could not be turned into a row. */
  droppedRejected: number;
  /** INSERTs that failed. */
  failedFlushes: number;
  /** When the last batch was written (epoch ms), or null. */
  lastFlushAt: number | null;
}

/** SQLite's default bound-parameter limit since 3.32; PostgreSQL's is 65,535. */
const MAX_BOUND_PARAMETERS = 32_766;
export const MAX_BATCH_ROWS = Math.floor(MAX_BOUND_PARAMETERS / REQUEST_LOG_COLUMNS);

interface Batch {
  rows: RequestLogRow[];
  attempts: number;
}

/**
 * The request log's write path, kept off the hot path: `write()` turns the entry into a row and
 * pushes it onto an in-memory ring buffer (O(1), no await, never throws); a timer writes the
 * queue in multi-row INSERTs. The log favours availability over completeness: when the database
 * is slow or down the queue is bounded, the oldest rows are dropped and a failing batch is
 * dropped after a few tries, each counted in `metrics` and logged. Money is never at stake here:
 * what a request cost is recorded in the ledger, in the request's own transaction, not in this log.
 */
export class RequestLogWriter implements RequestLogSink {
  private readonly queue: BoundedQueue<RequestLogRow>;
  private readonly maxBatch: number;
  private readonly maxAttempts: number;
  private readonly promptLogging: () => boolean;
  private readonly now: () => number;
  private readonly logger: WarnErrorLogger;
  private readonly timers: IntervalTimers;
  private readonly insertRows: RequestLogInsert;
  private timer: unknown;
  private retry: Batch | null = null;
  private flushing = false;
  private chain: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly counters = {
    written: 0,
    droppedQueueFull: 0,
    droppedFailed: 0,
    droppedRejected: 0,
    failedFlushes: 0,
    lastFlushAt: null as number | null,
  };

  constructor(
    private readonly store: Store,
    options: RequestLogWriterOptions = {},
  ) {
    const flushIntervalMs = options.flushIntervalMs ?? 250;
    this.maxBatch = Math.max(1, Math.min(options.maxBatch ?? 500, MAX_BATCH_ROWS));
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.queue = new BoundedQueue(Math.max(1, options.maxQueue ?? 50_000));
    this.promptLogging = options.promptLogging ?? (() => false);
    this.now = options.now ?? Date.now;
    this.logger = options.logger ?? silentLogger;
    this.timers = options.timers ?? nodeTimers;
    this.insertRows = options.insert ?? createRequestLogInsert(store);
    this.timer = this.timers.setInterval(() => this.tick(), flushIntervalMs);
  }

  /** Queues one request's log row. Synchronous and O(1); never throws. */
  write(entry: RequestLogEntry): void {
    if (this.closed) {
      this.counters.droppedRejected++;
      return;
    }
    let row: RequestLogRow;
    try {
      row = toRequestLogRow(entry, this.promptLogging());
    } catch {
      this.counters.droppedRejected++;
      return;
    }
    if (this.queue.push(row)) this.counters.droppedQueueFull++;
  }

  /**
   * Changes a row already written or queued: the queue is flushed first so the row exists (a job
   * updates its row seconds after writing it). Like writes, it favours availability: a failure is
   * logged and counted, never thrown, since the ledger, not this log, records what was charged.
   */
  async update(id: string, patch: RequestLogPatch): Promise<void> {
    const set = toRequestLogUpdate(patch);
    if (Object.keys(set).length === 0) return;
    await this.flush();
    try {
      await this.store.db.updateTable('request_logs').set(set).where('id', '=', id).execute();
    } catch (error) {
      this.counters.failedFlushes++;
      this.logger.error({ err: error, requestId: id }, 'request log update failed');
    }
  }

  get metrics(): RequestLogWriterMetrics {
    return {
      queued: this.queue.size,
      retrying: this.retry?.rows.length ?? 0,
      ...this.counters,
    };
  }

  /**
   * Writes everything queued so far (one try per batch; a failed batch stays for the next flush
   * until it runs out of tries). Never rejects.
   */
  flush(): Promise<void> {
    // drain() handles its own errors; the catch keeps the chain usable whatever happens.
    this.chain = this.chain.then(() => this.drain()).catch(() => {});
    return this.chain;
  }

  /** For shutdown: stops the timer and writes everything, retrying failed batches until written or dropped. */
  async close(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      this.timers.clearInterval(this.timer);
    }
    // Each pass either writes a batch or spends one of its tries, so this ends.
    while (this.queue.size > 0 || this.retry) await this.flush();
  }

  private tick(): void {
    if (this.flushing || (this.queue.size === 0 && !this.retry)) return;
    void this.flush();
  }

  private async drain(): Promise<void> {
    this.flushing = true;
    try {
      for (;;) {
        const batch =
          this.retry ?? (this.queue.size > 0 ? { rows: this.queue.take(this.maxBatch), attempts: 0 } : null);
        if (!batch) return;
        this.retry = null;
        if (await this.insert(batch)) {
          // Let requests run between batches: on SQLite each batch holds the event loop.
          await new Promise<void>((resolve) => setImmediate(resolve));
          continue;
        }
        if (batch.attempts < this.maxAttempts) {
          // Wait for the next flush before trying again: the database needs a moment.
          this.retry = batch;
          return;
        }
        this.counters.droppedFailed += batch.rows.length;
        this.logger.error(
          { rows: batch.rows.length, attempts: batch.attempts, droppedFailed: this.counters.droppedFailed },
          'request log: dropped a batch that could not be written',
        );
      }
    } finally {
      this.flushing = false;
    }
  }

  private async insert(batch: Batch): Promise<boolean> {
    batch.attempts++;
    try {
      await this.insertRows(batch.rows);
      this.counters.written += batch.rows.length;
      this.counters.lastFlushAt = this.now();
      return true;
    } catch (error) {
      this.counters.failedFlushes++;
      this.logger.warn(
        { err: error, rows: batch.rows.length, attempt: batch.attempts, maxAttempts: this.maxAttempts },
        'request log: batch write failed',
      );
      return false;
    }
  }
}
