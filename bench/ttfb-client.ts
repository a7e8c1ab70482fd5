/**
 * Time to first byte of streams, as its own process: an undici Pool with `connections` sockets
 * keeps `connections` requests in flight for `durationSec` and records, per request, the time
 * from sending it to the first body chunk (the first SSE frame) and to the end of the stream.
 *
 *   BENCH_TTFB_SPEC='{"url":…,"headers":…,"bodies":[…],"keys":[…],"connections":1,"durationSec":5}' \
 *     node --import tsx bench/ttfb-client.ts
 *
 * Prints `BENCH_TTFB {json}` (milliseconds) and exits.
 */
import { Pool } from 'undici';
import { percentile, round } from './lib/stats.js';
import { type HttpLoad, keyHeaderFor } from './scenarios.js';

interface Spec extends HttpLoad {
  connections: number;
  durationSec: number;
}

const spec = JSON.parse(process.env.BENCH_TTFB_SPEC ?? '{}') as Spec;
const url = new URL(spec.url);
const pool = new Pool(url.origin, { connections: spec.connections, pipelining: 1, keepAliveTimeout: 30_000 });
const path = url.pathname + url.search;
const firstByte: number[] = [];
const total: number[] = [];
let errors = 0;
let sequence = 0;
let firstError: string | undefined;

function once(): Promise<void> {
  const n = sequence++;
  const headers = { ...spec.headers };
  if (spec.keys?.length) {
    const [name, value] = keyHeaderFor(spec, spec.keys[n % spec.keys.length]);
    headers[name] = value;
  }
  const body = spec.bodies[n % spec.bodies.length];
  const start = performance.now();
  return new Promise<void>((resolve) => {
    let first = -1;
    let text = '';
    pool
      .request({ path, method: 'POST', headers, body })
      .then(({ statusCode, body: stream }) => {
        stream.on('data', (chunk: Buffer) => {
          if (first < 0) first = performance.now() - start;
          if (statusCode !== 200 && text.length < 500) text += chunk.toString('utf8');
        });
        stream.on('end', () => {
          if (statusCode === 200 && first >= 0) {
            firstByte.push(first);
            total.push(performance.now() - start);
          } else {
            errors += 1;
            firstError ??= `HTTP ${statusCode} ${text.slice(0, 300)}`;
          }
          resolve();
        });
        stream.on('error', (error: Error) => {
          errors += 1;
          firstError ??= error.message;
          resolve();
        });
      })
      .catch((error: Error) => {
        errors += 1;
        firstError ??= error.message;
        resolve();
      });
  });
}

const deadline = performance.now() + spec.durationSec * 1000;
const startedAt = performance.now();
await Promise.all(
  Array.from({ length: spec.connections }, async () => {
    while (performance.now() < deadline) await once();
  }),
);
const elapsed = (performance.now() - startedAt) / 1000;
firstByte.sort((a, b) => a - b);
total.sort((a, b) => a - b);
const result = {
  requests: firstByte.length,
  errors,
  firstError,
  rps: round(firstByte.length / elapsed, 1),
  ttfb: {
    p50: round(percentile(firstByte, 50)),
    p90: round(percentile(firstByte, 90)),
    p99: round(percentile(firstByte, 99)),
  },
  total: { p50: round(percentile(total, 50)), p99: round(percentile(total, 99)) },
};
process.stdout.write(`BENCH_TTFB ${JSON.stringify(result)}\n`);
await pool.close();
process.exit(0);
