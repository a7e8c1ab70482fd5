/**
 * AIHub under test, as its own process (`node <build>/cli.js serve`), in one configuration:
 * SQLite, or PostgreSQL + Redis; optionally at scale (100,000 keys, 1,000 channels). Then a
 * normal user is prepared through the public API exactly as a customer would be: registered,
 * given API keys (with rate limits, so the limiter really counts) and a large balance by the
 * admin. The bootstrap admin key is unmetered and is never used for load.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { Agent, type Dispatcher, fetch } from 'undici';
import { missingNodeFlags } from '../src/platform/node-flags.js';
import { type Child, startChild } from './lib/proc.js';
import { BENCH_DIR, cpuFor, ROOT_DIR, settings } from './lib/settings.js';
import { insertKeysPostgres, insertKeysSqlite, writeChannelsConfig } from './scale-data.js';
import type { Upstreams } from './scenarios.js';

export const BENCH_ADMIN_KEY = 'sk-aihub-bench-admin';

export interface AihubConfig {
  /** Label, e.g. `aihub-sqlite`. */
  name: string;
  database: 'sqlite' | 'postgres';
  /** PostgreSQL configurations also use Redis for counters, cache and the config bus. */
  redis?: boolean;
  scale?: { keys: number; channels: number };
  /** API keys for the bench user (load rotates over them). */
  userKeys?: number;
  /**
   * Users the keys are spread over (default BENCH_USERS or 1): one user is the hard case (every
   * request holds and settles against the same balance row), several is a multi-tenant load.
   */
  users?: number;
  /** Directory for `node --cpu-prof`. */
  cpuProfDir?: string;
  /**
   * `serve --workers N` (default 1: one process, what every other phase measures; without the flag
   * a PostgreSQL configuration would fork one worker per core). More than one is never pinned.
   */
  workers?: number;
}

export interface AihubInstance {
  name: string;
  origin: string;
  pid: number;
  keys: string[];
  child: Child;
  /** `cli.js` and the environment it was started with (for `ledger verify` on the same database). */
  entry: string;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  /** From spawning the process to the server listening (key cache, channels, catalog loaded). */
  startupMs: number;
  stop(): Promise<void>;
}

let built: string | undefined;

/** Compiles src/ into bench/.build (the repository's dist/ is left alone) and returns cli.js. */
export function buildAihub(): string {
  if (settings.aihubEntry) return settings.aihubEntry;
  if (built) return built;
  const outDir = join(BENCH_DIR, '.build', 'dist');
  execFileSync(
    process.execPath,
    [
      join(ROOT_DIR, 'node_modules', 'typescript', 'bin', 'tsc'),
      '-p',
      join(ROOT_DIR, 'tsconfig.build.json'),
      '--outDir',
      outDir,
      '--tsBuildInfoFile',
      join(BENCH_DIR, '.build', 'tsbuildinfo'),
    ],
    { cwd: ROOT_DIR, stdio: 'inherit' },
  );
  built = join(outDir, 'cli.js');
  if (!existsSync(built)) throw new Error(`build did not produce ${built}`);
  return built;
}

async function api(
  origin: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: unknown,
  dispatcher?: Dispatcher,
) {
  const response = await fetch(`${origin}${path}`, {
    method,
    headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
    ...(dispatcher ? { dispatcher } : {}),
  });
  const text = await response.text();
  const json = text ? JSON.parse(text) : undefined;
  if (response.status >= 300) throw new Error(`${method} ${path}: ${response.status} ${text.slice(0, 300)}`);
  return { json, headers: response.headers };
}

/** Registers a user, creates its keys and credits it $1,000,000,000 (admin adjustment). */
async function prepareUser(origin: string, keyCount: number): Promise<string[]> {
  const email = `bench-${randomBytes(4).toString('hex')}@example.com`;
  // Sign-ups are limited per address (20 an hour, shared through Redis): each bench user signs
  // up from its own loopback address (any 127.x.y.z reaches 127.0.0.1), so runs do not run out.
  const from = new Agent({ localAddress: `127.0.${randomInt(1, 255)}.${randomInt(2, 255)}` });
  const registered = await api(
    origin,
    'POST',
    '/api/auth/register',
    {},
    { email, password: 'bench password 1234' },
    from,
  ).finally(() => from.close());
  const cookie = (registered.headers.get('set-cookie') ?? '').split(';')[0];
  const session = { cookie, 'x-csrf-token': registered.json.csrfToken as string };
  const userId = registered.json.user.id as string;
  const keys: string[] = [];
  for (let i = 0; i < keyCount; i++) {
    const created = await api(origin, 'POST', '/api/keys', session, {
      name: `bench ${i}`,
      rpmLimit: 1_000_000,
      tpmLimit: 1_000_000_000,
      concurrencyLimit: 100_000,
    });
    keys.push(created.json.key as string);
  }
  await api(
    origin,
    'POST',
    `/api/admin/users/${userId}/adjust`,
    { authorization: `Bearer ${BENCH_ADMIN_KEY}` },
    { amount: 1_000_000_000_000_000, reason: 'benchmark balance' },
  );
  return keys;
}

/** Starts AIHub in `config` against the upstream emulators and prepares the bench user. */
export async function startAihub(config: AihubConfig, upstreams: Upstreams, workDir: string): Promise<AihubInstance> {
  const entry = buildAihub();
  const dataDir = join(workDir, config.name);
  mkdirSync(dataDir, { recursive: true });
  const schema = config.database === 'postgres' ? `aihub_bench_${randomBytes(5).toString('hex')}` : undefined;
  const env: NodeJS.ProcessEnv = {
    NODE_ENV: 'production',
    PORT: '0',
    HOST: '127.0.0.1',
    AIHUB_ADMIN_KEY: BENCH_ADMIN_KEY,
    AIHUB_DATA_DIR: dataDir,
    OPENAI_API_KEY: 'test-key',
    OPENAI_BASE_URL: upstreams.openai,
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: upstreams.anthropic,
    GEMINI_API_KEY: 'test-key',
    GEMINI_BASE_URL: upstreams.gemini,
    AIHUB_MEDIA_ALLOW_PRIVATE_ADDRESSES: 'true',
    ...(schema ? { DATABASE_URL: settings.postgresUrl, AIHUB_DATABASE_SCHEMA: schema } : { DATABASE_URL: '' }),
    // Its own key prefix, so two instances on one Redis share no counters and no config bus.
    ...(config.redis
      ? { REDIS_URL: settings.redisUrl, AIHUB_REDIS_PREFIX: `${schema ?? config.name}:` }
      : { REDIS_URL: '' }),
  };
  if (config.scale) {
    const configFile = join(dataDir, 'channels.yaml');
    writeChannelsConfig(configFile, config.scale.channels, upstreams.openai);
    env.AIHUB_CONFIG = configFile;
    execFileSync(process.execPath, [entry, 'migrate'], { env: { ...process.env, ...env }, stdio: 'ignore' });
    if (schema) await insertKeysPostgres(settings.postgresUrl, schema, config.scale.keys);
    else insertKeysSqlite(join(dataDir, 'aihub.sqlite'), config.scale.keys);
  }
  const workers = config.workers ?? 1;
  const spawnedAt = performance.now();
  // As shipped (the Docker image's flags, platform/node-flags.ts), unless BENCH_AIHUB_NODE_ARGS sets them.
  const nodeArgs = [
    ...missingNodeFlags(settings.aihubNodeArgs),
    ...settings.aihubNodeArgs,
    ...(config.cpuProfDir ? ['--cpu-prof', '--cpu-prof-dir', config.cpuProfDir] : []),
  ];
  const child = await startChild({
    name: config.name,
    command: process.execPath,
    args: [...nodeArgs, entry, 'serve', '--workers', String(workers)],
    env,
    cwd: dataDir,
    cpu: workers === 1 ? cpuFor('target') : undefined,
    logFile: join(workDir, `${config.name}.log`),
    ready: (line) => /AIHub listening on (http:\/\/\S+)/.exec(line)?.[1],
    readyTimeoutMs: 120_000,
  });
  const origin = child.info as string;
  const startupMs = Math.round(performance.now() - spawnedAt);
  const keyCount = config.userKeys ?? 10;
  const users = Math.max(1, Math.min(keyCount, config.users ?? settings.users));
  const keys: string[] = [];
  for (let u = 0; u < users; u++) {
    const share = Math.floor(keyCount / users) + (u < keyCount % users ? 1 : 0);
    keys.push(...(await prepareUser(origin, share)));
  }
  return {
    name: config.name,
    origin,
    pid: child.pid,
    keys,
    child,
    entry,
    env,
    dataDir,
    startupMs,
    async stop() {
      await child.stop(30_000);
      if (schema) await dropSchema(schema);
    },
  };
}

async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: settings.postgresUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}
