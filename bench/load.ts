/**
 * The load generators, each its own process: wrk (requests/s, latency, errors; a Lua script
 * posts the bodies and rotates the keys) and the undici client for streams' time to first byte.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeTs, startChild } from './lib/proc.js';
import { cpuFor, settings } from './lib/settings.js';
import { round } from './lib/stats.js';
import { type HttpLoad, keyHeaderFor } from './scenarios.js';

export interface WrkResult {
  requests: number;
  durationSec: number;
  rps: number;
  /** Milliseconds. */
  latency: { p50: number; p90: number; p99: number; max: number; mean: number };
  errors: { connect: number; read: number; write: number; status: number; timeout: number; total: number };
  bytes: number;
}

export interface TtfbResult {
  requests: number;
  errors: number;
  firstError?: string;
  rps: number;
  ttfb: { p50: number; p90: number; p99: number };
  total: { p50: number; p99: number };
}

let scriptCount = 0;

const luaString = (value: string) => `[==[${value}]==]`;

/**
 * The wrk Lua script: POST, fixed headers, bodies and keys cycled, a JSON summary at the end.
 * `delayMs` paces the load: each connection waits that long before its next request (wrk's
 * `delay` hook), so a soak can run at a fraction of the target's capacity.
 */
export function wrkScript(load: HttpLoad, delayMs?: number): string {
  const headers = Object.entries(load.headers)
    .map(([name, value]) => `wrk.headers[ ${luaString(name)} ] = ${luaString(value)}`)
    .join('\n');
  // Each key is written out with its header value whole (`Bearer sk-…` or the bare key for
  // `x-api-key`), so the script only picks one per request.
  const keyed = (load.keys ?? []).map((key) => keyHeaderFor(load, key));
  const keyName = keyed[0]?.[0] ?? 'authorization';
  return `wrk.method = "POST"
${headers}
local bodies = { ${load.bodies.map(luaString).join(', ')} }
local keys = { ${keyed.map(([, value]) => luaString(value)).join(', ')} }
local n = 0
request = function()
  n = n + 1
  if #keys > 0 then wrk.headers[ ${luaString(keyName)} ] = keys[(n % #keys) + 1] end
  return wrk.format(nil, nil, nil, bodies[(n % #bodies) + 1])
end
${delayMs ? `delay = function()\n  return ${Math.round(delayMs)}\nend\n` : ''}done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('BENCH_WRK {"requests":%d,"duration_us":%d,"bytes":%d,"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d,"p50":%d,"p90":%d,"p99":%d,"max":%d,"mean":%.1f}\\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean))
end
`;
}

/** Runs wrk against the load for `durationSec` with `connections` connections. */
export async function runWrk(
  load: HttpLoad,
  options: { connections: number; durationSec: number; workDir: string; label: string; delayMs?: number },
): Promise<WrkResult> {
  const script = join(options.workDir, `wrk-${++scriptCount}.lua`);
  writeFileSync(script, wrkScript(load, options.delayMs));
  const threads = Math.max(1, Math.min(settings.wrkThreads, options.connections));
  const child = await startChild({
    name: `wrk ${options.label}`,
    command: 'wrk',
    args: [
      `-t${threads}`,
      `-c${options.connections}`,
      `-d${options.durationSec}s`,
      '--timeout',
      '30s',
      '-s',
      script,
      load.url,
    ],
    cpu: cpuFor('driver'),
    logFile: join(options.workDir, 'wrk.log'),
    ready: (line) => (line.startsWith('BENCH_WRK ') ? JSON.parse(line.slice('BENCH_WRK '.length)) : undefined),
    readyTimeoutMs: (options.durationSec + 60) * 1000,
  });
  await child.exited;
  const raw = child.info as Record<string, number>;
  const durationSec = raw.duration_us / 1e6;
  const errors = {
    connect: raw.connect,
    read: raw.read,
    write: raw.write,
    status: raw.status,
    timeout: raw.timeout,
    total: raw.connect + raw.read + raw.write + raw.status + raw.timeout,
  };
  return {
    requests: raw.requests,
    durationSec: round(durationSec, 2),
    rps: round((raw.requests - errors.status) / durationSec, 1),
    latency: {
      p50: round(raw.p50 / 1000),
      p90: round(raw.p90 / 1000),
      p99: round(raw.p99 / 1000),
      max: round(raw.max / 1000),
      mean: round(raw.mean / 1000),
    },
    errors,
    bytes: raw.bytes,
  };
}

/** Runs the undici client that measures time to first byte of streams. */
export async function runTtfb(
  load: HttpLoad,
  options: { connections: number; durationSec: number; workDir: string; label: string },
): Promise<TtfbResult> {
  const { command, args } = nodeTs(join(import.meta.dirname, 'ttfb-client.ts'));
  const child = await startChild({
    name: `ttfb ${options.label}`,
    command,
    args,
    env: {
      BENCH_TTFB_SPEC: JSON.stringify({ ...load, connections: options.connections, durationSec: options.durationSec }),
    },
    cpu: cpuFor('driver'),
    logFile: join(options.workDir, 'ttfb.log'),
    ready: (line) => (line.startsWith('BENCH_TTFB ') ? JSON.parse(line.slice('BENCH_TTFB '.length)) : undefined),
    readyTimeoutMs: (options.durationSec + 60) * 1000,
  });
  await child.exited;
  return child.info as TtfbResult;
}

export interface ProbeResult {
  ok: boolean;
  status: number;
  /** SSE data frames in the answer (streams). */
  frames?: number;
  sample: string;
}

/** One request, checked: HTTP 200, and an answer that looks like one (a DONE/stop for streams). */
export async function probe(load: HttpLoad): Promise<ProbeResult> {
  const headers = { ...load.headers };
  if (load.keys?.length) {
    const [name, value] = keyHeaderFor(load, load.keys[0]);
    headers[name] = value;
  }
  try {
    const response = await fetch(load.url, { method: 'POST', headers, body: load.bodies[0] });
    const text = await response.text();
    const frames = load.stream ? text.split('\n').filter((line) => line.startsWith('data:')).length : undefined;
    const looksDone = load.stream
      ? /\[DONE\]|message_stop|"finishReason"/.test(text)
      : /"choices"|"content"|"candidates"|"embedding"|"b64_json"/.test(text);
    return { ok: response.status === 200 && looksDone, status: response.status, frames, sample: text.slice(0, 300) };
  } catch (error) {
    return { ok: false, status: 0, sample: (error as Error).message };
  }
}
