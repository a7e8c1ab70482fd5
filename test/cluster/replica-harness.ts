/**
 * AIHub replicas in one process, sharing one PostgreSQL schema and one Redis, each on its own
 * port and data folder, with an OpenAI-format upstream: the cluster tests' common set-up.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino, { type Logger } from 'pino';
import { type App, createApp } from '../../src/app.js';
import { openStore, type Store } from '../../src/store/database.js';
import { dropTestSchema, TEST_POSTGRES_URL } from '../db-harness.js';
import { type Started, startCli, stop as stopCli } from '../e2e/cli-process.js';
import { ADMIN_KEY } from '../e2e/gateway-harness.js';
import { cleanupRedis, TEST_REDIS_URL, testPrefix } from './redis-harness.js';

export interface Replica {
  app: App;
  origin: string;
  dataDir: string;
  /** The database every replica shares (this replica's own connection to it). */
  store: Store;
}

/** A replica run as `aihub serve --workers N`, a real primary with its worker processes. */
export interface ProcessReplica {
  origin: string;
  dataDir: string;
  /** A connection of the test's own to the shared database (closed by the cluster's `close`). */
  store: Store;
  process: Started;
}

/** What the exactness scenarios need of a replica, however it runs. */
export type ReplicaEndpoint = Pick<Replica, 'origin' | 'store'>;

export interface ReplicaCluster {
  /** The PostgreSQL schema every replica uses (dropped by `close`). */
  schema: string;
  /**
   * The cluster's own Redis key prefix (AIHUB_REDIS_PREFIX), so clusters of different suites on
   * the shared Redis never see each other's limits, cache or config messages. Keys under it are
   * deleted by `close`.
   */
  redisPrefix: string;
  /**
   * Starts one more replica, with `env` added to its environment (and `options.logger` as its
   * log, silent by default). Start the first alone: it migrates the schema.
   */
  start(env?: Record<string, string>, options?: { logger?: Logger }): Promise<Replica>;
  /**
   * Starts one more replica as a real `aihub serve --workers <workers>` process tree (the first
   * one started migrates the schema, as with `start`).
   */
  startWorkers(workers: number, env?: Record<string, string>): Promise<ProcessReplica>;
  /** Closes every replica started, removes their folders, drops the schema and the Redis keys. */
  close(): Promise<void>;
}

export function replicaCluster(name: string, upstreamUrl: () => string): ReplicaCluster {
  const schema = `aihub_${name}_${randomBytes(6).toString('hex')}`;
  const redisPrefix = testPrefix();
  const started: Replica[] = [];
  const processes: ProcessReplica[] = [];
  let ownStore: Store | undefined;
  const replicaEnv = (dataDir: string, env: Record<string, string>) => ({
    AIHUB_ADMIN_KEY: ADMIN_KEY,
    AIHUB_DATA_DIR: dataDir,
    DATABASE_URL: TEST_POSTGRES_URL,
    AIHUB_DATABASE_SCHEMA: schema,
    REDIS_URL: TEST_REDIS_URL,
    AIHUB_REDIS_PREFIX: redisPrefix,
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: upstreamUrl(),
    ...env,
  });
  return {
    schema,
    redisPrefix,
    async start(env = {}, options = {}) {
      const dataDir = mkdtempSync(join(tmpdir(), `aihub-${name}-`));
      const app = await createApp({
        env: replicaEnv(dataDir, env),
        logger: options.logger ?? pino({ level: 'silent' }),
      });
      await app.server.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const replica = { app, origin: `http://127.0.0.1:${port}`, dataDir, store: app.store };
      started.push(replica);
      return replica;
    },
    async startWorkers(workers, env = {}) {
      const dataDir = mkdtempSync(join(tmpdir(), `aihub-${name}-`));
      const process = await startCli(replicaEnv(dataDir, env), {
        args: ['--workers', String(workers)],
        startTimeoutMs: 90_000,
      });
      ownStore ??= await openStore({ url: TEST_POSTGRES_URL, dataDir, schema });
      const replica = { origin: process.origin, dataDir, store: ownStore, process };
      processes.push(replica);
      return replica;
    },
    async close() {
      await Promise.all(processes.map((replica) => stopCli(replica.process)));
      for (const replica of processes) rmSync(replica.dataDir, { recursive: true, force: true });
      await ownStore?.close();
      for (const replica of started) {
        await replica.app.close();
        rmSync(replica.dataDir, { recursive: true, force: true });
      }
      await dropTestSchema(schema);
      await cleanupRedis(redisPrefix);
    },
  };
}
