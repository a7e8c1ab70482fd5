/** Benchmark settings, all from the environment (see bench/README.md). */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

function num(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return process.env[name] && Number.isFinite(value) ? value : fallback;
}

function list(name: string, fallback: string[]): string[] {
  const value = process.env[name]?.trim();
  return value
    ? value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean)
    : fallback;
}

export const BENCH_DIR = resolve(import.meta.dirname, '..');
export const ROOT_DIR = resolve(BENCH_DIR, '..');

const quick = process.env.BENCH_QUICK === '1';

export const settings = {
  quick,
  /** Seconds of measured load per cell. */
  durationSec: num('BENCH_DURATION_SECONDS', quick ? 3 : 10),
  /** Rounds of the matrix; each cell reports its median round. */
  rounds: num('BENCH_ROUNDS', 1),
  /** Seconds of warm-up load per target and scenario before its first measured cell. */
  warmupSec: num('BENCH_WARMUP_SECONDS', quick ? 1 : 3),
  /** Seconds of the time-to-first-byte pass per stream cell (undici client). */
  ttfbSec: num('BENCH_TTFB_SECONDS', quick ? 2 : 5),
  concurrency: list('BENCH_CONCURRENCY', quick ? ['1', '50'] : ['1', '50', '200']).map(Number),
  scenarios: list('BENCH_SCENARIOS', [
    'nonstream',
    'stream',
    'translated',
    'messages',
    'messages-stream',
    'messages-openai',
    'messages-openai-stream',
    'embeddings',
    'images',
  ]),
  targets: list('BENCH_TARGETS', ['direct', 'floor', 'aihub-sqlite', 'aihub-pg', 'portkey']),
  /** Stream frames per answer, and an optional delay between them. */
  streamChunks: num('BENCH_STREAM_CHUNKS', 20),
  chunkDelayMs: num('BENCH_CHUNK_DELAY_MS', 0),
  /** wrk threads (1 leaves the most CPU to what is measured). */
  wrkThreads: num('BENCH_WRK_THREADS', 1),
  /** Scale scenario: keys and channels loaded, rounds of (baseline, scaled) alternated. */
  scaleKeys: num('BENCH_SCALE_KEYS', quick ? 10_000 : 100_000),
  scaleChannels: num('BENCH_SCALE_CHANNELS', quick ? 100 : 1_000),
  scaleRounds: num('BENCH_SCALE_ROUNDS', quick ? 1 : 3),
  /** Memory: open streams held at once, and the soak length. */
  openStreams: num('BENCH_OPEN_STREAMS', quick ? 200 : 1_000),
  // Issue 17: memory must stay flat over 30 minutes at half the capacity.
  soakSec: num('BENCH_SOAK_SECONDS', quick ? 10 : 1800),
  /** The soak's load as a fraction of the capacity measured just before (1: full load, unpaced). */
  soakLoad: num('BENCH_SOAK_LOAD', 0.5),
  /** Scenarios the CPU-profile phase loads, one fresh AIHub process each. */
  profileScenarios: list('BENCH_PROFILE_SCENARIOS', ['nonstream']),
  /** Connections of the profile phase's load (1 shows the per-request fixed costs c=50 amortises). */
  profileConnections: num('BENCH_PROFILE_CONNECTIONS', 50),
  /** Workers phase: rounds of (1 worker, 2 workers) alternated, per database and concurrency. */
  workersRounds: num('BENCH_WORKERS_ROUNDS', quick ? 1 : 3),
  workersConcurrency: list('BENCH_WORKERS_CONCURRENCY', ['50', '200']).map(Number),
  workersDatabases: list('BENCH_WORKERS_DATABASES', ['sqlite', 'postgres']),
  /** Realistic traffic (issue 17): streams held per step, and how long each step ramps, settles and is measured. */
  realistic: {
    steps: list('BENCH_REALISTIC_STEPS', quick ? ['50', '200'] : ['250', '500', '1000', '2000', '3000', '5000']).map(
      Number,
    ),
    rampPerSec: num('BENCH_REALISTIC_RAMP_PER_SECOND', 500),
    settleSec: num('BENCH_REALISTIC_SETTLE_SECONDS', quick ? 2 : 8),
    measureSec: num('BENCH_REALISTIC_MEASURE_SECONDS', quick ? 4 : 20),
    tokensPerSec: num('BENCH_REALISTIC_TOKENS_PER_SECOND', 30),
    /** Answer lengths in seconds, drawn evenly per request: `20-60`. */
    answerSeconds: process.env.BENCH_REALISTIC_ANSWER_SECONDS ?? (quick ? '2-5' : '20-60'),
  },
  /** Phases to run (all by default). */
  phases: list('BENCH_PHASES', ['matrix', 'scale', 'workers', 'memory', 'realistic', 'profile']),
  /** Users the AIHub load's 10 keys belong to (1: every request on one balance). */
  users: num('BENCH_USERS', 1),
  /** BENCH_PIN=1: the process under test on CPU 0, upstream and load generators on CPU 1. */
  pin: process.env.BENCH_PIN === '1',
  postgresUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
  redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379/11',
  /** The AIHub entry point; default: a fresh build of src/ into bench/.build. */
  aihubEntry: process.env.BENCH_AIHUB_ENTRY,
  /** Extra node flags for AIHub's processes only (e.g. `--max-semi-space-size=4`), space-separated. */
  aihubNodeArgs: (process.env.BENCH_AIHUB_NODE_ARGS ?? '').split(/\s+/).filter(Boolean),
};

export type BenchSettings = typeof settings;

/** CPU for `taskset`, when pinning: `target` = the process measured, `driver` = upstream + load. */
export function cpuFor(role: 'target' | 'driver'): string | undefined {
  if (!settings.pin) return undefined;
  return role === 'target' ? '0' : '1';
}

/** A fresh directory for this run's databases, logs and profiles. */
export function makeWorkDir(runId: string): string {
  const dir = join(BENCH_DIR, '.work', runId);
  mkdirSync(dir, { recursive: true });
  return dir;
}
