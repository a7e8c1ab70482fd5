/**
 * A CPU profile of AIHub (SQLite) under the non-stream c=50 load: `node --cpu-prof` on a fresh
 * process, written when it exits, summarised by self time (profile-summary.ts).
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ROOT_DIR, settings } from './lib/settings.js';
import { runWrk, type WrkResult } from './load.js';
import { summariseProfile } from './profile-summary.js';
import type { RunResults } from './results.js';
import { startAihub } from './run-aihub.js';
import { loadFor, type Upstreams } from './scenarios.js';

export async function runProfile(upstreams: Upstreams, results: RunResults, workDir: string): Promise<void> {
  const dir = join(workDir, 'cpu-profile');
  mkdirSync(dir, { recursive: true });
  const aihub = await startAihub(
    { name: 'aihub-sqlite-prof', database: 'sqlite', cpuProfDir: dir },
    upstreams,
    workDir,
  );
  let load: WrkResult | undefined;
  let window: [number, number] = [0, 0];
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);
  try {
    const http = loadFor({ kind: 'aihub', origin: aihub.origin, keys: aihub.keys }, 'nonstream', upstreams);
    if (!http) throw new Error('no load');
    await runWrk(http, { connections: 50, durationSec: settings.warmupSec, workDir, label: 'profile warm-up' });
    const from = nowUs();
    load = await runWrk(http, { connections: 50, durationSec: settings.durationSec, workDir, label: 'profile' });
    window = [from, nowUs()];
  } finally {
    await aihub.stop();
  }
  if (!load) throw new Error('no load result');
  const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no .cpuprofile written in ${dir}`);
  const path = join(dir, file);
  results.profile = { file: relative(ROOT_DIR, path), load, summary: summariseProfile(path, 40, window) };
  process.stdout.write(`  profile: ${load.rps} req/s under the profiler; ${relative(ROOT_DIR, path)}\n`);
}
