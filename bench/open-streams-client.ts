/**
 * Holds many streams open at once, as its own process (for the memory measurement): opens
 * `count` streaming requests (ramped, `rampPerTick` every 50 ms), keeps reading them, prints
 * `BENCH_OPEN {"opened":n,"errors":e,…}` once every stream has sent its first chunk (or after
 * `timeoutMs`), then holds them until it is terminated.
 *
 *   BENCH_OPEN_SPEC='{"url":…,"headers":…,"bodies":[…],"keys":[…],"count":1000}' node --import tsx bench/open-streams-client.ts
 */
import { Pool } from 'undici';
import type { HttpLoad } from './scenarios.js';

interface Spec extends HttpLoad {
  count: number;
  rampPerTick?: number;
  timeoutMs?: number;
}

const spec = JSON.parse(process.env.BENCH_OPEN_SPEC ?? '{}') as Spec;
const url = new URL(spec.url);
const pool = new Pool(url.origin, { connections: spec.count, pipelining: 1, keepAliveTimeout: 120_000 });
let opened = 0;
let errors = 0;
let ended = 0;
let firstError: string | undefined;
let reported = false;
const startedAt = Date.now();

function report(): void {
  if (reported) return;
  reported = true;
  const result = { opened, errors, ended, firstError, ms: Date.now() - startedAt };
  process.stdout.write(`BENCH_OPEN ${JSON.stringify(result)}\n`);
}

function check(): void {
  if (opened + errors >= spec.count) report();
}

function open(n: number): void {
  const headers = { ...spec.headers };
  if (spec.keys?.length) headers.authorization = `Bearer ${spec.keys[n % spec.keys.length]}`;
  pool
    .request({ path: url.pathname + url.search, method: 'POST', headers, body: spec.bodies[n % spec.bodies.length] })
    .then(({ statusCode, body }) => {
      let first = true;
      body.on('data', (chunk: Buffer) => {
        if (!first) return;
        first = false;
        if (statusCode === 200) opened += 1;
        else {
          errors += 1;
          firstError ??= `HTTP ${statusCode} ${chunk.toString('utf8').slice(0, 200)}`;
        }
        check();
      });
      body.on('end', () => {
        ended += 1;
      });
      body.on('error', () => {});
    })
    .catch((error: Error) => {
      errors += 1;
      firstError ??= error.message;
      check();
    });
}

const perTick = spec.rampPerTick ?? 100;
let next = 0;
const ramp = setInterval(() => {
  for (let i = 0; i < perTick && next < spec.count; i++) open(next++);
  if (next >= spec.count) clearInterval(ramp);
}, 50);
setTimeout(report, spec.timeoutMs ?? 60_000);
process.once('SIGTERM', () => {
  void pool.destroy();
  process.exit(0);
});
