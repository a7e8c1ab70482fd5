/**
 * Gateway replicas as real `aihub serve` processes, sharing one PostgreSQL schema and one Redis
 * prefix, each with a data folder of its own: what a rolling restart stops and starts. A replica
 * can be started again on the port a stopped one had, as a Deployment's new pod takes the place of
 * the old one behind the Service.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../../src/store/database.js';
import { dropTestSchema, TEST_POSTGRES_URL } from '../db-harness.js';
import { freshestCli, type Started, startCli } from '../e2e/cli-process.js';
import { ADMIN_KEY } from '../e2e/gateway-harness.js';
import { cleanupRedis, TEST_REDIS_URL, testPrefix } from './redis-harness.js';

export interface ReplicaProcess extends Started {
  port: number;
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
}

export interface ReplicaProcesses {
  /** How the CLI is run (the build when fresh): for other commands on the same database. */
  cli: string[];
  /** What every replica shares (database, schema, Redis, upstream): enough for `aihub ledger verify`. */
  sharedEnv: Record<string, string>;
  /** Starts a replica on `port` (0: a free one). Start the first alone: it migrates the schema. */
  start(port?: number): Promise<ReplicaProcess>;
  openDatabase(): Promise<Store>;
  /** Kills what still runs, removes the folders, drops the schema and the Redis keys. */
  remove(): Promise<void>;
}

export function replicaProcesses(name: string, env: Record<string, string>): ReplicaProcesses {
  const schema = `aihub_${name}_${randomBytes(6).toString('hex')}`;
  const redisPrefix = testPrefix();
  const dataDirs: string[] = [];
  const started: ReplicaProcess[] = [];
  const cli = freshestCli();
  const sharedEnv: Record<string, string> = {
    AIHUB_ADMIN_KEY: ADMIN_KEY,
    DATABASE_URL: TEST_POSTGRES_URL,
    AIHUB_DATABASE_SCHEMA: schema,
    REDIS_URL: TEST_REDIS_URL,
    AIHUB_REDIS_PREFIX: redisPrefix,
    ...env,
  };
  const newDataDir = () => {
    const dataDir = mkdtempSync(join(tmpdir(), `aihub-${name}-`));
    dataDirs.push(dataDir);
    return dataDir;
  };
  return {
    cli,
    sharedEnv,
    async start(port = 0) {
      // A loaded machine can take most of a minute to start the process.
      const serving = await startCli(
        { ...sharedEnv, AIHUB_DATA_DIR: newDataDir(), PORT: String(port) },
        { startTimeoutMs: 60_000, cli },
      );
      const exited = new Promise<number | null>((resolve) => {
        if (serving.child.exitCode !== null) resolve(serving.child.exitCode);
        else serving.child.once('exit', (code) => resolve(code));
      });
      const replica = { ...serving, port: Number(new URL(serving.origin).port), exited };
      started.push(replica);
      return replica;
    },
    openDatabase: () => openStore({ url: TEST_POSTGRES_URL, dataDir: newDataDir(), schema }),
    async remove() {
      for (const replica of started) if (replica.child.exitCode === null) replica.child.kill('SIGKILL');
      await Promise.all(started.map((replica) => replica.exited));
      for (const dataDir of dataDirs) rmSync(dataDir, { recursive: true, force: true });
      await dropTestSchema(schema);
      await cleanupRedis(redisPrefix);
    },
  };
}
