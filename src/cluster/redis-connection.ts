import { Redis, type RedisOptions } from 'ioredis';

/**
 * One Redis connection for shared counters, the response cache and publishing (the config bus's
 * subscriber is a `duplicate()` of it: a subscribed connection can issue no other command).
 *
 * Options, chosen for a gateway that must stay up when Redis does not:
 * - connects at once (`lazyConnect: false`); commands issued before it is ready wait in the
 *   offline queue (ioredis cannot size that queue; `maxRetriesPerRequest` bounds how long a
 *   queued command waits: it fails after that many reconnection attempts);
 * - `commandTimeout`: a command that gets no reply in time fails instead of holding a request;
 * - reconnects for ever with a capped back-off (200 ms × attempt, at most 2 s);
 * - callers that must not wait at all check `isRedisReady` first (the limiters do).
 */
export interface CreateRedisOptions {
  /** Shown by CLIENT LIST (default `aihub`). */
  connectionName?: string;
  /** Default 1000 ms. */
  commandTimeoutMs?: number;
  /** Default 2. */
  maxRetriesPerRequest?: number;
  /** Anything else ioredis accepts; wins over the defaults above. */
  extra?: RedisOptions;
}

export function createRedis(url: string, options: CreateRedisOptions = {}): Redis {
  const client = new Redis(url, {
    lazyConnect: false,
    enableReadyCheck: true,
    enableOfflineQueue: true,
    maxRetriesPerRequest: options.maxRetriesPerRequest ?? 2,
    commandTimeout: options.commandTimeoutMs ?? 1000,
    connectTimeout: 5000,
    connectionName: options.connectionName ?? 'aihub',
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    // Commands issued in one event-loop turn go out as one write. A request takes up to six
    // limits at once (RPM, TPM, concurrency; key and user): without this, six writes and six
    // reads, which the PostgreSQL + Redis benchmark profile showed as 30% of CPU in writev.
    enableAutoPipelining: true,
    ...options.extra,
  });
  // Without a listener an unreachable Redis would be an unhandled 'error' event (a crash).
  // Connection errors are retried by the strategy above; callers see failed commands.
  client.on('error', () => {});
  return client;
}
