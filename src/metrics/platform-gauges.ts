import { Counter, Gauge, type Registry } from 'prom-client';
import type { RedisHealth } from '../cluster/redis.js';
import type { RequestLogWriterMetrics } from '../logs/request-log-writer.js';

/** This process's outstanding holds (reservations not yet settled or released). */
export interface HoldsOutstanding {
  count: number;
  /** Integer units of 1e-6 USD. */
  amount: number;
}

export interface PoolConnections {
  total: number;
  idle: number;
  waiting: number;
}

export interface PlatformState {
  requestLog(): RequestLogWriterMetrics;
  /** Reads this process's holds from the database; a rejection means the database did not answer. */
  holds(): Promise<HoldsOutstanding>;
  /** The PostgreSQL pool's connections; undefined on SQLite (one embedded connection). */
  databasePool(): PoolConnections | undefined;
  /** Pings Redis; absent when no Redis is configured. */
  redis?: () => Promise<RedisHealth>;
}

const UNITS_PER_USD = 1_000_000;
/** A scrape must answer even when the database does not: it reports the database down instead. */
const DATABASE_TIMEOUT_MS = 2_000;

/**
 * The request log's queue, holds, the database and Redis, read when Prometheus scrapes. The
 * request log's drops are counters kept by the writer; they are copied at scrape time.
 */
export function registerPlatformGauges(registry: Registry, state: PlatformState): void {
  const registers = [registry];
  new Gauge({
    name: 'aihub_request_log_queue_depth',
    help: 'Request-log rows waiting to be written (queued, or in a batch waiting for a retry).',
    registers,
    collect() {
      const log = state.requestLog();
      this.set(log.queued + log.retrying);
    },
  });
  new Counter({
    name: 'aihub_request_log_dropped_total',
    help: 'Request-log rows dropped: the queue was full, their batch failed every try, or they could not be written.',
    labelNames: ['reason'],
    registers,
    collect() {
      const log = state.requestLog();
      this.reset();
      this.inc({ reason: 'queue_full' }, log.droppedQueueFull);
      this.inc({ reason: 'write_failed' }, log.droppedFailed);
      this.inc({ reason: 'rejected' }, log.droppedRejected);
    },
  });
  new Counter({
    name: 'aihub_request_log_written_total',
    help: 'Request-log rows handed to the database.',
    registers,
    collect() {
      this.reset();
      this.inc(state.requestLog().written);
    },
  });

  // One database read per scrape feeds three gauges: the holds, and whether the database answered.
  let reading: Promise<HoldsOutstanding | undefined> | undefined;
  const readHolds = (): Promise<HoldsOutstanding | undefined> => {
    reading ??= withTimeout(state.holds(), DATABASE_TIMEOUT_MS)
      .catch(() => undefined)
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
  new Gauge({
    name: 'aihub_holds_outstanding',
    help: 'Holds (reservations) this process has taken and not yet settled or released.',
    registers,
    async collect() {
      this.reset();
      const holds = await readHolds();
      if (holds) this.set(holds.count);
    },
  });
  new Gauge({
    name: 'aihub_holds_outstanding_usd',
    help: 'What this process’s outstanding holds reserve, in US dollars.',
    registers,
    async collect() {
      this.reset();
      const holds = await readHolds();
      if (holds) this.set(holds.amount / UNITS_PER_USD);
    },
  });
  new Gauge({
    name: 'aihub_database_up',
    help: '1 when the database answered this scrape’s query in time, else 0.',
    registers,
    async collect() {
      this.set((await readHolds()) ? 1 : 0);
    },
  });
  new Gauge({
    name: 'aihub_database_pool_connections',
    help: 'PostgreSQL pool connections, by state (total, idle, and requests waiting for one).',
    labelNames: ['state'],
    registers,
    collect() {
      this.reset();
      const pool = state.databasePool();
      if (!pool) return;
      this.set({ state: 'total' }, pool.total);
      this.set({ state: 'idle' }, pool.idle);
      this.set({ state: 'waiting' }, pool.waiting);
    },
  });
  const redis = state.redis;
  if (redis) {
    new Gauge({
      name: 'aihub_redis_up',
      help: '1 when Redis answered a PING in time, else 0.',
      registers,
      async collect() {
        this.set((await redis()).ok ? 1 : 0);
      },
    });
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
