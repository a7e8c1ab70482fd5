/**
 * CPU profiles of AIHub under a c=50 load (BENCH_PROFILE_CONNECTIONS; non-stream by default; BENCH_PROFILE_SCENARIOS names
 * others, e.g. `messages-stream` to see where the Messages pass-through spends), one per
 * configuration (SQLite; PostgreSQL + Redis) and scenario: `node --cpu-prof` on a fresh process, written when it exits, summarised
 * over the measured run only (profile-summary.ts). A low busy share means the process waits
 * (database, Redis, locks) rather than computes.
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT_DIR, settings } from './lib/settings.js';
import { runWrk, type WrkResult } from './load.js';
import { summariseProfile } from './profile-summary.js';
import type { RunResults } from './results.js';
import { type AihubConfig, startAihub } from './run-aihub.js';
import { loadFor, type ScenarioId, type Upstreams } from './scenarios.js';

const CONFIGS: Array<{ target: string; config: Omit<AihubConfig, 'cpuProfDir'> }> = [
  { target: 'aihub-sqlite', config: { name: 'aihub-sqlite-prof', database: 'sqlite' } },
  { target: 'aihub-pg', config: { name: 'aihub-pg-prof', database: 'postgres', redis: true } },
];

const nowUs = () => Number(process.hrtime.bigint() / 1000n);

async function profileOne(
  target: string,
  config: Omit<AihubConfig, 'cpuProfDir'>,
  scenario: ScenarioId,
  upstreams: Upstreams,
  results: RunResults,
  workDir: string,
): Promise<void> {
  const dir = join(workDir, scenario === 'nonstream' ? `cpu-profile-${target}` : `cpu-profile-${target}-${scenario}`);
  mkdirSync(dir, { recursive: true });
  const aihub = await startAihub({ ...config, cpuProfDir: dir }, upstreams, workDir);
  let load: WrkResult | undefined;
  let window: [number, number] = [0, 0];
  try {
    const http = loadFor({ kind: 'aihub', origin: aihub.origin, keys: aihub.keys }, scenario, upstreams);
    if (!http) throw new Error('no load');
    await runWrk(http, { connections: settings.profileConnections, durationSec: settings.warmupSec, workDir, label: 'profile warm-up' });
    const from = nowUs();
    load = await runWrk(http, { connections: settings.profileConnections, durationSec: settings.durationSec, workDir, label: 'profile' });
    window = [from, nowUs()];
  } finally {
    await aihub.stop();
  }
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
  const path = join(dir, file);
  const summary = summariseProfile(path, 40, window);
  results.profiles.push({ target, scenario, connections: settings.profileConnections, file: relative(ROOT_DIR, path), load, summary, window });
  process.stdout.write(
    `  profile ${target} ${scenario}: ${load.rps} req/s under the profiler, busy ${summary.busyPct}%; ${relative(ROOT_DIR, path)}\n`,
  );
}

export async function runProfile(upstreams: Upstreams, results: RunResults, workDir: string): Promise<void> {
  for (const { target, config } of CONFIGS) {
    if (!settings.targets.includes(target)) continue;
    for (const scenario of settings.profileScenarios as ScenarioId[]) {
      try {
        await profileOne(
          target,
          { ...config, name: `${config.name}-${scenario}` },
          scenario,
          upstreams,
          results,
          workDir,
        );
      } catch (error) {
        results.problems.push(`profile ${target} ${scenario}: ${(error as Error).message.split('\n')[0]}`);
      }
    }
  }
}
