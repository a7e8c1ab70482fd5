/**
 * Memory: (1) RSS of each gateway holding N open streams from a slow upstream (a frame every
 * 500 ms, long enough to outlast the measurement), for the floor, AIHub and Portkey; (2) a soak
 * of mixed load on a fresh AIHub with its RSS read every second.
 */
import { join } from 'node:path';
import { benchReady, type Child, nodeTs, startChild } from './lib/proc.js';
import { cpuFor, settings } from './lib/settings.js';
import { runWrk } from './load.js';
import { measureOpenStreams, pacingDelayMs, soak } from './memory.js';
import type { RunResults } from './results.js';
import { startAihub } from './run-aihub.js';
import { loadFor, type Upstreams } from './scenarios.js';

const SLOW_DELAY_MS = 500;
const SLOW_FRAMES = 240; // two minutes per stream

export async function startUpstream(workDir: string, args: string[], name = 'upstream'): Promise<Child> {
  const { command, args: nodeArgs } = nodeTs(join(import.meta.dirname, 'upstream.ts'));
  return startChild({
    name,
    command,
    args: [...nodeArgs, ...args],
    cpu: cpuFor('driver'),
    logFile: join(workDir, `${name}.log`),
    ready: benchReady,
  });
}

export async function startFloor(
  workDir: string,
  openaiUrl: string,
  name = 'floor',
  env: NodeJS.ProcessEnv = {},
): Promise<Child> {
  const { command, args } = nodeTs(join(import.meta.dirname, 'floor-proxy.ts'));
  return startChild({
    name,
    command,
    args,
    env: { FLOOR_UPSTREAM: openaiUrl, FLOOR_MODEL: 'gpt-4o-mini', NODE_ENV: 'production', ...env },
    cpu: cpuFor('target'),
    logFile: join(workDir, `${name}.log`),
    ready: benchReady,
  });
}

export async function runOpenStreams(
  results: RunResults,
  workDir: string,
  portkey: { origin: string; pid: number } | undefined,
): Promise<void> {
  results.memory ??= { openStreams: [] };
  const memory = results.memory;
  const slowChild = await startUpstream(
    workDir,
    ['--chunk-delay', String(SLOW_DELAY_MS), '--long-frames', String(SLOW_FRAMES)],
    'upstream-slow',
  );
  const slow = slowChild.info as Upstreams;
  try {
    const floor = await startFloor(workDir, slow.openai, 'floor-slow');
    try {
      const load = loadFor({ kind: 'floor', origin: (floor.info as { origin: string }).origin }, 'stream', slow);
      if (load)
        memory.openStreams.push(
          await measureOpenStreams({ name: 'floor', pid: floor.pid }, load, settings.openStreams, workDir),
        );
    } finally {
      await floor.stop();
    }
    const aihub = await startAihub({ name: 'aihub-sqlite-slow', database: 'sqlite' }, slow, workDir);
    try {
      const load = loadFor({ kind: 'aihub', origin: aihub.origin, keys: aihub.keys }, 'stream', slow);
      if (load) {
        memory.openStreams.push(
          await measureOpenStreams({ name: 'aihub-sqlite', pid: aihub.pid }, load, settings.openStreams, workDir),
        );
      }
    } finally {
      await aihub.stop();
    }
    if (portkey) {
      const load = loadFor({ kind: 'portkey', origin: portkey.origin }, 'stream', slow);
      if (load) {
        memory.openStreams.push(
          await measureOpenStreams({ name: 'portkey', pid: portkey.pid }, load, settings.openStreams, workDir),
        );
      }
    }
    for (const r of memory.openStreams) {
      process.stdout.write(
        `  open streams ${r.target}: ${r.opened}/${r.requested} open, RSS ${r.idleMb} → ${r.openMb} MB\n`,
      );
    }
  } finally {
    await slowChild.stop();
  }
}

export async function runSoak(upstreams: Upstreams, results: RunResults, workDir: string): Promise<void> {
  results.memory ??= { openStreams: [] };
  const memory = results.memory;
  const aihub = await startAihub({ name: 'aihub-sqlite-soak', database: 'sqlite' }, upstreams, workDir);
  try {
    const ref = { kind: 'aihub' as const, origin: aihub.origin, keys: aihub.keys };
    const loads = (['nonstream', 'stream', 'translated'] as const).map((s) => loadFor(ref, s, upstreams));
    const mixed = { ...loads[0]!, bodies: loads.flatMap((load) => load?.bodies ?? []), stream: false };
    // A warm-up, then a full-load run on the warm process measures the capacity the soak is paced
    // against (the warm-up's own figure is a cold process's: 36 req/s against ~900 in one run).
    await runWrk(mixed, { connections: 50, durationSec: settings.warmupSec, workDir, label: 'soak warm-up' });
    const full = await runWrk(mixed, {
      connections: 50,
      durationSec: Math.max(5, settings.durationSec),
      workDir,
      label: 'soak capacity',
    });
    const fraction = settings.soakLoad;
    const pacing =
      fraction < 1
        ? { connections: 50, capacityRps: full.rps, delayMs: pacingDelayMs(full.rps, 50, fraction) }
        : { connections: 50 };
    memory.soak = await soak({ name: 'aihub-sqlite', pid: aihub.pid }, mixed, settings.soakSec, workDir, pacing);
    const s = memory.soak;
    process.stdout.write(
      `  soak: ${s.load.rps} req/s (capacity ${full.rps}), errors ${s.load.errors.total}, RSS ${s.startMb} → ${s.endMb} MB (max ${s.maxMb}), growth ${s.growthPct}%, trend ${s.trendPct}%\n`,
    );
  } finally {
    await aihub.stop();
  }
}
