/**
 * The benchmark's smoke test, for CI (a few seconds, no wrk needed): the upstream emulators and
 * AIHub (SQLite) as separate processes, then 240 requests at concurrency 20 with a registered
 * user's key — every default scenario mixed: Chat Completions non-stream, streaming passthrough
 * and streaming translated; Anthropic Messages passed through and translated to OpenAI, JSON and
 * streaming, keyed by `x-api-key` — each answer checked in its client's API (answer-check.ts),
 * and the billing checked afterwards (the user was charged; no reservation left open).
 * Prints one line; exits 1 on any failure. Checks that the harness works, not the targets.
 *
 *   npm run bench:smoke
 */
import { rmSync } from 'node:fs';
import { Pool } from 'undici';
import { answerProblem } from './answer-check.js';
import { stopAll } from './lib/proc.js';
import { makeWorkDir } from './lib/settings.js';
import { startUpstream } from './phase-memory.js';
import { type AihubInstance, startAihub } from './run-aihub.js';
import { type HttpLoad, keyHeaderFor, loadFor, type ScenarioId, type Upstreams } from './scenarios.js';

const SCENARIOS: ScenarioId[] = [
  'nonstream',
  'stream',
  'translated',
  'messages',
  'messages-stream',
  'messages-openai',
  'messages-openai-stream',
];
const TOTAL = 240;
const CONCURRENCY = 20;

async function call(pool: Pool, scenario: ScenarioId, load: HttpLoad, key: string): Promise<string | undefined> {
  const url = new URL(load.url);
  const [name, value] = keyHeaderFor(load, key);
  const { statusCode, body } = await pool.request({
    path: url.pathname,
    method: 'POST',
    headers: { ...load.headers, [name]: value },
    body: load.bodies[0],
  });
  const text = await body.text();
  if (statusCode !== 200) return `${scenario}: HTTP ${statusCode}: ${text.slice(0, 200)}`;
  const problem = answerProblem(scenario, text);
  return problem && `${scenario}: ${problem}`;
}

async function main(): Promise<string> {
  const workDir = makeWorkDir(`smoke-${Date.now()}`);
  const upstream = await startUpstream(workDir, ['--chunks', '8']);
  const upstreams = upstream.info as Upstreams;
  let aihub: AihubInstance | undefined;
  try {
    aihub = await startAihub({ name: 'aihub-smoke', database: 'sqlite', userKeys: 3 }, upstreams, workDir);
    const ref = { kind: 'aihub' as const, origin: aihub.origin, keys: aihub.keys };
    const loads = SCENARIOS.map((s) => loadFor(ref, s, upstreams) as HttpLoad);
    const readBalance = async () =>
      (await (
        await fetch(`${aihub!.origin}/api/balance`, { headers: { authorization: `Bearer ${aihub!.keys[0]}` } })
      ).json()) as { balance: number; reserved: number };
    const before = await readBalance();
    const pool = new Pool(aihub.origin, { connections: CONCURRENCY });
    const errors: string[] = [];
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < TOTAL) {
          const n = next++;
          const i = n % loads.length;
          const error = await call(pool, SCENARIOS[i], loads[i], aihub!.keys[n % aihub!.keys.length]).catch(
            (e: Error) => e.message,
          );
          if (error) errors.push(error);
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    await pool.close();
    // Settlement may finish just after the last byte reached the client: give it a moment.
    let balance = await readBalance();
    for (let i = 0; i < 20 && balance.reserved !== 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      balance = await readBalance();
    }
    if (!(balance.balance < before.balance)) errors.push(`the user was not charged (balance ${balance.balance})`);
    if (balance.reserved !== 0) errors.push(`${balance.reserved} units still reserved after every request ended`);
    const summary =
      `bench smoke: ${TOTAL} requests (${SCENARIOS.join(', ')}) at c=${CONCURRENCY} through AIHub in ` +
      `${seconds.toFixed(2)} s (${Math.round(TOTAL / seconds)} req/s), ${errors.length} errors, charged ` +
      `${before.balance - balance.balance} units`;
    if (errors.length) throw new Error(`${summary}\n${[...new Set(errors)].slice(0, 5).join('\n')}`);
    await aihub.stop();
    aihub = undefined;
    rmSync(workDir, { recursive: true, force: true });
    return summary;
  } finally {
    await aihub?.stop();
    await upstream.stop();
  }
}

main().then(
  (line) => {
    process.stdout.write(`${line}\n`);
    process.exit(0);
  },
  async (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    await stopAll();
    process.exit(1);
  },
);
