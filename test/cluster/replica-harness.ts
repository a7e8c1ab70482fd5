/**
 * AIHub replicas in one process, sharing one PostgreSQL schema and one Redis, each on its own
 * port and data folder, with an OpenAI-format upstream: the cluster tests' common set-up.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import pino, { type Logger } from 'pino';
import { type App, createApp } from '../../src/app.js';
import { TEST_POSTGRES_URL } from '../db-harness.js';
import { ADMIN_KEY } from '../e2e/gateway-harness.js';
import { cleanupRedis, TEST_REDIS_URL, testPrefix } from './redis-harness.js';

export interface Replica {
  app: App;
  origin: string;
  dataDir: string;
}

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
  /** Closes every replica started, removes their folders, drops the schema and the Redis keys. */
  close(): Promise<void>;
}

export function replicaCluster(name: string, upstreamUrl: () => string): ReplicaCluster {
  const schema = `aihub_${name}_${randomBytes(6).toString('hex')}`;
  const redisPrefix = testPrefix();
  const started: Replica[] = [];
  return {
    schema,
    redisPrefix,
    async start(env = {}, options = {}) {
      const dataDir = mkdtempSync(join(tmpdir(), `aihub-${name}-`));
      const app = await createApp({
        env: {
          AIHUB_ADMIN_KEY: ADMIN_KEY,
          AIHUB_DATA_DIR: dataDir,
          DATABASE_URL: TEST_POSTGRES_URL,
          AIHUB_DATABASE_SCHEMA: schema,
          REDIS_URL: TEST_REDIS_URL,
          AIHUB_REDIS_PREFIX: redisPrefix,
          OPENAI_API_KEY: 'test-key',
          OPENAI_BASE_URL: upstreamUrl(),
          ...env,
        },
        logger: options.logger ?? pino({ level: 'silent' }),
      });
      await app.server.listen({ host: '127.0.0.1', port: 0 });
      const address = app.server.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const replica = { app, origin: `http://127.0.0.1:${port}`, dataDir };
      started.push(replica);
      return replica;
    },
    async close() {
      for (const replica of started) {
        await replica.app.close();
        rmSync(replica.dataDir, { recursive: true, force: true });
      }
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await client.end();
      }
      await cleanupRedis(redisPrefix);
    },
  };
}
