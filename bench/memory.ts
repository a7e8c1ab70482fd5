/**
 * Memory: resident set size (VmRSS) of a gateway holding many open streams from a slow upstream,
 * and over a soak of steady mixed load (non-stream and stream requests).
 */
import { join } from 'node:path';
import { nodeTs, rssMb, sleep, startChild } from './lib/proc.js';
import { cpuFor } from './lib/settings.js';
import { round } from './lib/stats.js';
import { runWrk, type WrkResult } from './load.js';
import type { HttpLoad } from './scenarios.js';

export interface OpenStreamsResult {
  target: string;
  requested: number;
  opened: number;
  errors: number;
  firstError?: string;
  /** MB, before the streams and with them all open. */
  idleMb: number;
  openMb: number;
  openMs: number;
}

/** Opens `count` slow streams through the target and reads its RSS while they are all open. */
export async function measureOpenStreams(
  target: { name: string; pid: number },
  load: HttpLoad,
  count: number,
  workDir: string,
): Promise<OpenStreamsResult> {
  const idleMb = rssMb(target.pid) ?? Number.NaN;
  const { command, args } = nodeTs(join(import.meta.dirname, 'open-streams-client.ts'));
  const client = await startChild({
    name: `open-streams ${target.name}`,
    command,
    args,
    env: { BENCH_OPEN_SPEC: JSON.stringify({ ...load, count, timeoutMs: 60_000 }) },
    cpu: cpuFor('driver'),
    logFile: join(workDir, 'open-streams.log'),
    ready: (line) => (line.startsWith('BENCH_OPEN ') ? JSON.parse(line.slice('BENCH_OPEN '.length)) : undefined),
    readyTimeoutMs: 90_000,
  });
  const opened = client.info as { opened: number; errors: number; firstError?: string; ms: number };
  // Let the streams settle (buffers, timers) and take the highest of a few readings.
  await sleep(2000);
  const readings: number[] = [];
  for (let i = 0; i < 5; i++) {
    readings.push(rssMb(target.pid) ?? Number.NaN);
    await sleep(400);
  }
  await client.stop(5000);
  await sleep(1000);
  return {
    target: target.name,
    requested: count,
    opened: opened.opened,
    errors: opened.errors,
    firstError: opened.firstError,
    idleMb: round(idleMb, 1),
    openMb: round(Math.max(...readings), 1),
    openMs: opened.ms,
  };
}

export interface SoakResult {
  target: string;
  seconds: number;
  connections: number;
  /** RSS in MB, one reading a second. */
  samples: number[];
  startMb: number;
  endMb: number;
  maxMb: number;
  /** Peak RSS of the last 20% over the peak of 20–40% (after warm-up), in percent. */
  growthPct: number;
  load: WrkResult;
}

export async function soak(
  target: { name: string; pid: number },
  load: HttpLoad,
  seconds: number,
  workDir: string,
  connections = 50,
): Promise<SoakResult> {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(rssMb(target.pid) ?? Number.NaN), 1000);
  const result = await runWrk(load, { connections, durationSec: seconds, workDir, label: `soak ${target.name}` });
  clearInterval(timer);
  return {
    target: target.name,
    seconds,
    connections,
    samples: samples.map((value) => round(value, 1)),
    ...soakFigures(samples),
    load: result,
  };
}

/**
 * RSS is a sawtooth under load (the heap grows, a major GC, again): compare the peaks of a
 * window after warm-up (20–40% of the readings) and of the last 20%. A leak raises the peaks.
 */
export function soakFigures(samples: number[]): Pick<SoakResult, 'startMb' | 'endMb' | 'maxMb' | 'growthPct'> {
  const n = samples.length;
  const window = (from: number, to: number) =>
    samples.slice(Math.floor(n * from), Math.max(Math.floor(n * from) + 1, Math.floor(n * to)));
  const startMb = Math.max(...window(0.2, 0.4));
  const endMb = Math.max(...window(0.8, 1));
  return {
    startMb: round(startMb, 1),
    endMb: round(endMb, 1),
    maxMb: round(Math.max(...samples), 1),
    growthPct: round(((endMb - startMb) / startMb) * 100, 2),
  };
}
