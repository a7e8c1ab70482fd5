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
  /**
   * The RSS trend after warm-up (the first 20% of readings left out): the least-squares line's
   * rise over that stretch, in percent of its mean. Unlike the peaks it uses every reading, so one
   * late sawtooth peak does not decide it.
   */
  trendPct: number;
  /** What the target answered at full load just before (req/s), when the soak was paced. */
  capacityRps?: number;
  /** The pause each connection took between requests (ms), when paced. */
  delayMs?: number;
  load: WrkResult;
}

export async function soak(
  target: { name: string; pid: number },
  load: HttpLoad,
  seconds: number,
  workDir: string,
  pacing: { connections: number; capacityRps?: number; delayMs?: number } = { connections: 50 },
): Promise<SoakResult> {
  const { connections, capacityRps, delayMs } = pacing;
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(rssMb(target.pid) ?? Number.NaN), 1000);
  const result = await runWrk(load, {
    connections,
    durationSec: seconds,
    workDir,
    label: `soak ${target.name}`,
    delayMs,
  });
  clearInterval(timer);
  return {
    target: target.name,
    seconds,
    connections,
    samples: samples.map((value) => round(value, 1)),
    ...soakFigures(samples),
    ...(capacityRps !== undefined ? { capacityRps } : {}),
    ...(delayMs !== undefined ? { delayMs } : {}),
    load: result,
  };
}

/**
 * The pause per connection for a closed loop of `connections` to run at `fraction` of
 * `capacityRps`: each connection then sends one request per connections ÷ rate seconds (the
 * answer's own time, small at part load, is left in, so the pace errs on the light side).
 */
export function pacingDelayMs(capacityRps: number, connections: number, fraction: number): number {
  return Math.max(1, Math.round((connections / (capacityRps * fraction)) * 1000));
}

/**
 * RSS is a sawtooth under load (the heap grows, a major GC, again): compare the peaks of a
 * window after warm-up (20–40% of the readings) and of the last 20%. A leak raises the peaks.
 */
export function soakFigures(
  samples: number[],
): Pick<SoakResult, 'startMb' | 'endMb' | 'maxMb' | 'growthPct' | 'trendPct'> {
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
    trendPct: round(trendPercent(samples.slice(Math.floor(n * 0.2))), 2),
  };
}

/** The least-squares line's rise from the first reading to the last, in percent of the mean. */
export function trendPercent(readings: number[]): number {
  const values = readings.filter(Number.isFinite);
  const n = values.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = values.reduce((sum, v) => sum + v, 0) / n;
  let numerator = 0;
  let denominator = 0;
  values.forEach((y, x) => {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  });
  return ((numerator / denominator) * (n - 1) * 100) / meanY;
}
