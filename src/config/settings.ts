import { parseRedisPrefix } from '../cluster/redis-names.js';
import { DEFAULT_UPSTREAM_POOLS } from '../upstream/http-client.js';
import { type ClientLimits, DEFAULT_CLIENT_LIMITS } from './client-limits.js';
import type { ConfigFile } from './config-file.js';

/** Process-level settings from the environment and the config file (env wins). */
export interface Settings {
  host: string;
  port: number;
  dataDir: string;
  adminKey?: string;
  bodyLimitBytes: number;
  /** Largest multipart upload (`/v1/images/edits`): `AIHUB_UPLOAD_LIMIT_MB`, default 64 (one 50 MB image, OpenAI's per-image limit, with room). */
  uploadLimitBytes: number;
  maxAttempts: number;
  mediaAllowPrivateAddresses: boolean;
  logLevel: string;
  /** Fastify's trustProxy: `true`, a hop count, or addresses/CIDRs of the proxies to trust. */
  trustProxy: boolean | number | string;
  /** `AIHUB_REDIS_PREFIX`: the prefix of every Redis key and channel (default `aihub:`). */
  redisPrefix: string;
  /** `AIHUB_UPSTREAM_MAX_CONNECTIONS`: most connections open to one upstream origin (default 8192). */
  upstreamMaxConnections: number;
  /** `AIHUB_DATABASE_POOL_SIZE`: PostgreSQL connections of this process (default: store/database.ts). */
  databasePoolSize?: number;
  /**
   * Reservation bookkeeping across crashes: how often a process says it is alive, after how long
   * a silent process's reservations are released, and how often that is checked.
   */
  ledgerTimings: { heartbeatEveryMs?: number; orphanAfterMs?: number; sweepEveryMs?: number };
  /** What one client may hold or send at the HTTP edge (see `ClientLimits`). */
  clientLimits: ClientLimits;
  /**
   * Asynchronous jobs (video, Midjourney): how often a replica looks for due jobs, the wait between
   * polls of a pending job, and how long a claimed job stays this replica's (jobs/job-poller.ts).
   */
  jobTimings: { pollEveryMs?: number; pendingDelayMs?: number; leaseMs?: number };
  /** `AIHUB_PAYMENT_EXPIRY_SWEEP_MS`: how often unpaid orders past their time are marked expired (default a minute). */
  paymentExpirySweepMs?: number;
  /**
   * Who may scrape `GET /metrics`: `AIHUB_METRICS_TOKEN`, a bearer token the scraper must send;
   * `AIHUB_METRICS_ALLOW`, addresses, CIDR ranges and the names `loopback`, `linklocal`,
   * `uniquelocal` (comma-separated) the scraper must come from. Both set: both must hold. Neither
   * set: loopback only.
   */
  metrics: MetricsAccess;
  /**
   * `AIHUB_DRAIN_TIMEOUT_SECONDS` (default 300): on SIGTERM, how long requests and streams in flight
   * may run on before what is still open is cut and settled as delivered. Streams are long.
   */
  drainTimeoutMs: number;
}

export interface MetricsAccess {
  token?: string;
  allow?: string;
}

/** Five minutes: a long reasoning stream must be able to finish during a rolling restart. */
export const DEFAULT_DRAIN_TIMEOUT_SECONDS = 300;

/** OpenAI takes GPT-image edit images of up to 50 MB each: one at its largest, plus a mask and the fields. */
export const DEFAULT_UPLOAD_LIMIT_MB = 64;

export function loadSettings(env: NodeJS.ProcessEnv, file: ConfigFile | undefined): Settings {
  const fileSettings = file?.settings ?? {};
  return {
    host: env.HOST || '127.0.0.1',
    port: env.PORT ? Number(env.PORT) : 3000,
    dataDir: env.AIHUB_DATA_DIR || './data',
    adminKey: env.AIHUB_ADMIN_KEY || undefined,
    bodyLimitBytes: Math.round((Number(env.AIHUB_BODY_LIMIT_MB) || fileSettings.body_limit_mb || 32) * 1024 * 1024),
    uploadLimitBytes: Math.round(
      (Number(env.AIHUB_UPLOAD_LIMIT_MB) || fileSettings.upload_limit_mb || DEFAULT_UPLOAD_LIMIT_MB) * 1024 * 1024,
    ),
    maxAttempts: Number(env.AIHUB_MAX_ATTEMPTS) || fileSettings.max_attempts || 3,
    mediaAllowPrivateAddresses:
      env.AIHUB_MEDIA_ALLOW_PRIVATE_ADDRESSES === 'true' || fileSettings.media_allow_private_addresses === true,
    logLevel: env.LOG_LEVEL || 'info',
    trustProxy: parseTrustProxy(env.AIHUB_TRUST_PROXY),
    redisPrefix: parseRedisPrefix(env.AIHUB_REDIS_PREFIX),
    ...positive('databasePoolSize', env.AIHUB_DATABASE_POOL_SIZE),
    upstreamMaxConnections: integerSetting('AIHUB_UPSTREAM_MAX_CONNECTIONS', env.AIHUB_UPSTREAM_MAX_CONNECTIONS, {
      min: 1,
      max: 1_000_000,
      fallback: DEFAULT_UPSTREAM_POOLS.connectionsPerOrigin,
    }),
    ledgerTimings: {
      ...positive('heartbeatEveryMs', env.AIHUB_HEARTBEAT_MS),
      ...positive('orphanAfterMs', env.AIHUB_ORPHAN_AFTER_MS),
      ...positive('sweepEveryMs', env.AIHUB_ORPHAN_SWEEP_MS),
    },
    clientLimits: loadClientLimits(env),
    jobTimings: {
      ...positive('pollEveryMs', env.AIHUB_JOB_POLL_MS),
      ...positive('pendingDelayMs', env.AIHUB_JOB_PENDING_MS),
      ...positive('leaseMs', env.AIHUB_JOB_LEASE_MS),
    },
    ...positive('paymentExpirySweepMs', env.AIHUB_PAYMENT_EXPIRY_SWEEP_MS),
    metrics: {
      ...(env.AIHUB_METRICS_TOKEN?.trim() ? { token: env.AIHUB_METRICS_TOKEN.trim() } : {}),
      ...(env.AIHUB_METRICS_ALLOW?.trim() ? { allow: env.AIHUB_METRICS_ALLOW.trim() } : {}),
    },
    drainTimeoutMs:
      integerSetting('AIHUB_DRAIN_TIMEOUT_SECONDS', env.AIHUB_DRAIN_TIMEOUT_SECONDS, {
        min: 0,
        max: 24 * 60 * 60,
        fallback: DEFAULT_DRAIN_TIMEOUT_SECONDS,
      }) * 1000,
  };
}

function loadClientLimits(env: NodeJS.ProcessEnv): ClientLimits {
  const defaults = DEFAULT_CLIENT_LIMITS;
  return {
    // Past 1024 levels, code that walks a body recursively could come near the stack's end.
    jsonMaxDepth: integerSetting('AIHUB_JSON_MAX_DEPTH', env.AIHUB_JSON_MAX_DEPTH, {
      min: 8,
      max: 1024,
      fallback: defaults.jsonMaxDepth,
    }),
    headersTimeoutMs: integerSetting('AIHUB_HEADERS_TIMEOUT_MS', env.AIHUB_HEADERS_TIMEOUT_MS, {
      min: 100,
      max: 120_000,
      fallback: defaults.headersTimeoutMs,
    }),
    // Silence is never unbounded: at most two minutes, whatever is asked.
    clientIdleTimeoutMs: integerSetting('AIHUB_CLIENT_IDLE_TIMEOUT_MS', env.AIHUB_CLIENT_IDLE_TIMEOUT_MS, {
      min: 100,
      max: 120_000,
      fallback: defaults.clientIdleTimeoutMs,
    }),
    maxConnectionsPerAddress: integerSetting(
      'AIHUB_MAX_CONNECTIONS_PER_ADDRESS',
      env.AIHUB_MAX_CONNECTIONS_PER_ADDRESS,
      { min: 0, max: 1_000_000, fallback: defaults.maxConnectionsPerAddress },
    ),
  };
}

/**
 * An integer setting from the environment: the default when unset, clamped into its safe range
 * when out of it; a value that is not a whole number stops the start (a typo must not pass as the
 * default).
 */
function integerSetting(
  variable: string,
  value: string | undefined,
  range: { min: number; max: number; fallback: number },
): number {
  if (value === undefined || value.trim() === '') return range.fallback;
  const number = Number(value);
  if (!Number.isSafeInteger(number))
    throw new Error(`${variable} must be a whole number, got ${JSON.stringify(value)}.`);
  return Math.min(range.max, Math.max(range.min, number));
}

function positive(name: string, value: string | undefined): Record<string, number> {
  const number = Number(value);
  return value && Number.isFinite(number) && number > 0 ? { [name]: number } : {};
}

function parseTrustProxy(value: string | undefined): boolean | number | string {
  if (!value || value === 'false') return false;
  if (value === 'true') return true;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
