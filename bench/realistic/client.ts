/**
 * The realistic phase's client, as its own process: keeps N streams open through the target in a
 * closed loop (when one ends, the next starts), N rising through the steps; ramps to each step,
 * lets it settle, then measures it: time to first token, each token's delay (the upstream's send
 * time, in the token, against the receive time here; the clocks' offset measured first), errors,
 * the cores the client, target, upstream and machine used, and the target's RSS. Prints
 * `BENCH_STEP {RealisticStep}` per step and `BENCH_REALISTIC {"steps": […], "clockOffsetMs": …}` at
 * the end.
 *
 *   BENCH_REALISTIC_SPEC='{RealisticClientSpec}' node --import tsx bench/realistic/client.ts
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { type Dispatcher, Pool, request } from 'undici';
import { parseMachineBusyMs } from '../lib/cpu-census.js';
import { LogHistogram } from '../lib/log-histogram.js';
import { cpuMs, rssMb, sleep } from '../lib/proc.js';
import { newScanState, scanChunk } from './sse-timestamps.js';
import type { RealisticClientSpec, RealisticStep } from './step-result.js';

const spec = JSON.parse(process.env.BENCH_REALISTIC_SPEC ?? '{}') as RealisticClientSpec;
const url = new URL(spec.url);
const path = url.pathname + url.search;
const wallNow = () => performance.timeOrigin + performance.now();

/** Upstream clock minus ours: NTP's estimate from the round trip with the smallest delay. */
async function clockOffset(): Promise<number> {
  let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 };
  for (let i = 0; i < 50; i++) {
    const before = wallNow();
    const { body } = await request(spec.clockUrl);
    const theirs = Number(await body.text());
    const after = wallNow();
    if (after - before < best.rtt) best = { rtt: after - before, offset: theirs - (before + after) / 2 };
  }
  return best.offset;
}

// Several local addresses (127.0.1.x): AIHub caps connections per client address, as real
// traffic comes from many. Every pool opens as many connections as it has streams.
const addresses = Math.max(1, Math.ceil(Math.max(...spec.steps) / spec.connectionsPerAddress));
const pools: Dispatcher[] = Array.from(
  { length: addresses },
  (_, i) =>
    new Pool(url.origin, {
      connections: null,
      pipelining: 1,
      keepAliveTimeout: 120_000,
      bodyTimeout: 120_000,
      ...(url.hostname === '127.0.0.1' ? { localAddress: `127.0.1.${i + 1}` } : {}),
    }),
);

let offset = 0;
let wanted = 0;
let open = 0;
let counter = 0;
let stopping = false;
let measuring = false;
let measureStartedAt = 0;
let ttft = new LogHistogram();
let delay = new LogHistogram();
let tokens = 0;
let started = 0;
let completed = 0;
let errors = { status: 0, broken: 0, noDone: 0, total: 0, first: undefined as string | undefined };

function fail(kind: 'status' | 'broken' | 'noDone', text: string): void {
  if (stopping) return;
  errors[kind] += 1;
  errors.total += 1;
  errors.first ??= text.slice(0, 200);
}

function startStream(): void {
  const n = counter++;
  open += 1;
  const sentAt = performance.now();
  if (measuring) started += 1;
  const scan = newScanState();
  let status = 0;
  let errorText = '';
  let first = true;
  let ended = false;
  const onToken = (sentAtUpstream: number) => {
    if (first) {
      first = false;
      if (measuring && sentAt >= measureStartedAt) ttft.record(performance.now() - sentAt);
    }
    if (measuring) {
      delay.record(wallNow() - (sentAtUpstream - offset));
      tokens += 1;
    }
  };
  const end = (problem?: ['status' | 'broken' | 'noDone', string]) => {
    if (ended) return;
    ended = true;
    open -= 1;
    if (problem) fail(...problem);
    else if (measuring) completed += 1;
    // After a failure the next stream waits a little, or a target refusing everything makes a hot loop.
    if (!problem) refill();
    else setTimeout(refill, 50);
  };
  const headers = { ...spec.headers };
  const key = spec.keys?.length ? spec.keys[n % spec.keys.length] : undefined;
  if (key) {
    if (spec.keyHeader === 'x-api-key') headers['x-api-key'] = key;
    else headers.authorization = `Bearer ${key}`;
  }
  pools[n % pools.length].dispatch(
    { path, method: 'POST', headers, body: spec.body },
    {
      // undici takes a handler as the new kind (controller-based) only when it has onRequestStart.
      onRequestStart() {},
      onResponseStart(_controller, statusCode) {
        status = statusCode;
      },
      onResponseData(_controller, chunk) {
        if (status === 200) scanChunk(chunk, scan, onToken);
        else if (errorText.length < 200) errorText += chunk.toString('utf8');
      },
      onResponseEnd() {
        if (status !== 200) end(['status', `HTTP ${status} ${errorText}`]);
        else end(scan.done ? undefined : ['noDone', 'a stream ended without [DONE]']);
      },
      onResponseError(_controller, error) {
        end(['broken', `${status ? `after HTTP ${status}: ` : ''}${error.message}`]);
      },
    },
  );
}

function refill(): void {
  if (!stopping && open < wanted) startStream();
}

/** Opens streams at `rampPerSec` until `target` are open. */
async function rampTo(target: number): Promise<void> {
  wanted = target;
  const perTick = Math.max(1, Math.round(spec.rampPerSec / 100));
  while (open < wanted) {
    for (let i = 0; i < perTick && open < wanted; i++) startStream();
    await sleep(10);
  }
}

const machineBusyMs = () => parseMachineBusyMs(readFileSync('/proc/stat', 'utf8'));

async function measureStep(streams: number): Promise<RealisticStep> {
  const loop = monitorEventLoopDelay({ resolution: 10 });
  ttft = new LogHistogram();
  delay = new LogHistogram();
  tokens = 0;
  started = 0;
  completed = 0;
  const before = {
    at: performance.now(),
    client: process.cpuUsage(),
    target: cpuMs(spec.targetPid) ?? Number.NaN,
    upstream: cpuMs(spec.upstreamPid) ?? Number.NaN,
    machine: machineBusyMs(),
  };
  measureStartedAt = before.at;
  measuring = true;
  loop.enable();
  const openReadings: number[] = [];
  const rssReadings: number[] = [];
  for (let second = 0; second < spec.measureSec; second++) {
    await sleep(1000);
    openReadings.push(open);
    rssReadings.push(rssMb(spec.targetPid) ?? Number.NaN);
  }
  measuring = false;
  loop.disable();
  const wallMs = performance.now() - before.at;
  const client = process.cpuUsage(before.client);
  const cores = (ms: number) => Math.round((ms / wallMs) * 100) / 100;
  const openMean = openReadings.reduce((a, b) => a + b, 0) / openReadings.length;
  return {
    streams,
    openMin: Math.min(...openReadings),
    openMean: Math.round(openMean),
    measureSec: Math.round(wallMs / 100) / 10,
    started,
    completed,
    tokensPerSec: Math.round(tokens / (wallMs / 1000)),
    expectedTokensPerSec: Math.round(openMean * spec.tokensPerSec),
    ttft: ttft.summary(),
    delay: delay.summary(),
    errors: { ...errors },
    clientCores: cores((client.user + client.system) / 1000),
    targetCores: cores((cpuMs(spec.targetPid) ?? Number.NaN) - before.target),
    upstreamCores: cores((cpuMs(spec.upstreamPid) ?? Number.NaN) - before.upstream),
    machineCores: cores(machineBusyMs() - before.machine),
    coresTotal: availableParallelism(),
    clientLoopP99Ms: Math.round(loop.percentile(99) / 1e4) / 100,
    rssMaxMb: Math.round(Math.max(...rssReadings) * 10) / 10,
    rssMeanMb: Math.round((rssReadings.reduce((a, b) => a + b, 0) / rssReadings.length) * 10) / 10,
  };
}

async function main(): Promise<void> {
  offset = await clockOffset();
  const steps: RealisticStep[] = [];
  for (const streams of spec.steps) {
    errors = { status: 0, broken: 0, noDone: 0, total: 0, first: undefined };
    await rampTo(streams);
    await sleep(spec.settleSec * 1000);
    const step = await measureStep(streams);
    steps.push(step);
    process.stdout.write(`BENCH_STEP ${JSON.stringify(step)}\n`);
  }
  stopping = true;
  process.stdout.write(`BENCH_REALISTIC ${JSON.stringify({ steps, clockOffsetMs: offset })}\n`);
  await Promise.all(pools.map((pool) => pool.destroy()));
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`realistic client: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
process.once('SIGTERM', () => {
  stopping = true;
  process.exit(0);
});
