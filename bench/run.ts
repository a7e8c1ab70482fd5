/**
 * The benchmark, in one run: `npm run bench` (see bench/README.md for the settings).
 *
 * Starts the upstream emulators, the floor proxy, AIHub on SQLite, AIHub on PostgreSQL + Redis
 * and Portkey's gateway, each as its own process; runs the scenario matrix with wrk and the
 * undici TTFB client; then the scale, workers, memory, realistic-traffic and CPU-profile phases; writes
 * bench/results/<date>.md and .json and prints the goals.
 */

import { hasWrk, loadAverage, machineInfo } from './lib/machine.js';
import type { Child } from './lib/proc.js';
import { stopAll } from './lib/proc.js';
import { makeWorkDir, settings } from './lib/settings.js';
import { type MatrixTarget, runMatrix } from './phase-matrix.js';
import { runOpenStreams, runSoak, startFloor, startUpstream } from './phase-memory.js';
import { runProfile } from './phase-profile.js';
import { runRealistic } from './phase-realistic.js';
import { runScale } from './phase-scale.js';
import { runWorkers } from './phase-workers.js';
import { PORTKEY_VERSION, startPortkey } from './portkey.js';
import { writeReport } from './report.js';
import type { RunResults } from './results.js';
import { type AihubInstance, buildAihub, startAihub } from './run-aihub.js';
import type { Upstreams } from './scenarios.js';

const log = (line: string) => process.stdout.write(`${line}\n`);

function commandLine(): string {
  const env = Object.entries(process.env)
    .filter(([name]) => name.startsWith('BENCH_'))
    .map(([name, value]) => `${name}=${value}`);
  return [...env, 'npm run bench'].join(' ');
}

async function phase(results: RunResults, name: string, run: () => Promise<void>): Promise<void> {
  if (!settings.phases.includes(name)) return;
  log(`\n== ${name}`);
  try {
    await run();
  } catch (error) {
    const message = (error as Error).message;
    results.problems.push(`${name}: ${message.split('\n')[0]}`);
    log(`  ${name} failed: ${message}`);
  }
}

async function main(): Promise<number> {
  if (!hasWrk()) {
    process.stderr.write('wrk is not installed: apt-get install -y wrk\n');
    return 2;
  }
  const date = new Date();
  const runId = date.toISOString().replace(/:/g, '-').slice(0, 16);
  const workDir = makeWorkDir(runId);
  const results: RunResults = {
    runId,
    date: date.toISOString(),
    command: commandLine(),
    machine: machineInfo(),
    settings: {
      durationSec: settings.durationSec,
      rounds: settings.rounds,
      warmupSec: settings.warmupSec,
      ttfbSec: settings.ttfbSec,
      concurrency: settings.concurrency,
      scenarios: settings.scenarios,
      streamChunks: settings.streamChunks,
      chunkDelayMs: settings.chunkDelayMs,
      wrkThreads: settings.wrkThreads,
      pin: settings.pin ? 'taskset: tested process on CPU 0, upstream and load generators on CPU 1' : 'none',
      scaleKeys: settings.scaleKeys,
      scaleChannels: settings.scaleChannels,
      openStreams: settings.openStreams,
      soakSec: settings.soakSec,
      users: settings.users,
      ...(settings.phases.includes('workers')
        ? { workersRounds: settings.workersRounds, workersConcurrency: settings.workersConcurrency }
        : {}),
      ...(settings.phases.includes('realistic')
        ? {
            realisticSteps: settings.realistic.steps,
            realisticSeconds: `ramp ${settings.realistic.rampPerSec}/s, settle ${settings.realistic.settleSec}, measure ${settings.realistic.measureSec}`,
            realisticAnswers: `${settings.realistic.tokensPerSec} tokens/s, ${settings.realistic.answerSeconds} s`,
          }
        : {}),
      ...(settings.aihubNodeArgs.length ? { aihubNodeArgs: settings.aihubNodeArgs.join(' ') } : {}),
    },
    targets: {},
    cells: [],
    profiles: [],
    problems: [],
  };
  log(`AIHub benchmark ${runId}; work files in ${workDir}`);
  log('Building AIHub into bench/.build ...');
  buildAihub();

  const upstream = await startUpstream(workDir, [
    '--chunks',
    String(settings.streamChunks),
    '--chunk-delay',
    String(settings.chunkDelayMs),
  ]);
  const upstreams = upstream.info as Upstreams;
  const children: Child[] = [upstream];
  const aihubs: AihubInstance[] = [];
  const matrix: MatrixTarget[] = [];
  let portkey: { origin: string; pid: number } | undefined;

  const wanted = new Set(settings.targets);
  const add = (name: string, description: string) => {
    results.targets[name] = { available: false, description };
    const target: MatrixTarget = { name };
    matrix.push(target);
    return target;
  };
  const fail = (name: string, error: unknown) => {
    results.targets[name].reason = (error as Error).message.split('\n')[0];
    log(`  ${name} unavailable: ${results.targets[name].reason}`);
  };
  try {
    log('\n== starting targets');
    if (wanted.has('direct')) {
      add('direct', 'the upstream emulator itself (fast fixed-response mode), in its own format').ref = {
        kind: 'direct',
      };
      results.targets.direct.available = true;
    }
    if (wanted.has('floor')) {
      const target = add(
        'floor',
        'minimal node:http + undici proxy: parse the body, swap the model, stream the answer back',
      );
      try {
        const floor = await startFloor(workDir, upstreams.openai);
        children.push(floor);
        target.ref = { kind: 'floor', origin: (floor.info as { origin: string }).origin };
        target.pid = floor.pid;
        results.targets.floor.available = true;
      } catch (error) {
        fail('floor', error);
      }
    }
    for (const [name, database, redis, description] of [
      ['aihub-sqlite', 'sqlite', false, 'AIHub, SQLite, in-memory counters'],
      ['aihub-pg', 'postgres', true, 'AIHub, PostgreSQL + Redis (counters, cache, config bus)'],
    ] as const) {
      if (!wanted.has(name)) continue;
      const target = add(
        name,
        `${description}; a registered user's keys (10, rate-limited), balance reservation and settlement, request log`,
      );
      try {
        const instance = await startAihub({ name, database, redis }, upstreams, workDir);
        aihubs.push(instance);
        target.ref = { kind: 'aihub', origin: instance.origin, keys: instance.keys };
        target.pid = instance.pid;
        results.targets[name].available = true;
      } catch (error) {
        fail(name, error);
      }
    }
    if (wanted.has('portkey')) {
      const target = add(
        'portkey',
        `Portkey's gateway @portkey-ai/gateway@${PORTKEY_VERSION} (@hono/node-server 1.13.5)`,
      );
      const started = await startPortkey(workDir);
      if (started.ok) {
        children.push(started.child);
        target.ref = { kind: 'portkey', origin: started.origin };
        target.pid = started.pid;
        results.targets.portkey.available = true;
        portkey = { origin: started.origin, pid: started.pid };
      } else fail('portkey', new Error(started.reason));
    }
    for (const [name, status] of Object.entries(results.targets))
      log(`  ${name}: ${status.available ? 'up' : 'unavailable'}`);

    await phase(results, 'matrix', () => runMatrix(matrix, upstreams, results, workDir));
    // The matrix's AIHub processes are done: stop them so later phases measure alone.
    for (const instance of aihubs.splice(0)) await instance.stop();
    await phase(results, 'scale', () => runScale(upstreams, results, workDir));
    await phase(results, 'workers', () => runWorkers(upstreams, upstream.pid, results, workDir));
    await phase(results, 'memory', async () => {
      await runOpenStreams(results, workDir, portkey);
      await runSoak(upstreams, results, workDir);
    });
    await phase(results, 'realistic', () => runRealistic(upstreams, results, workDir));
    await phase(results, 'profile', () => runProfile(upstreams, results, workDir));
  } finally {
    for (const instance of aihubs) await instance.stop().catch(() => {});
    for (const child of children.reverse()) await child.stop().catch(() => {});
    await stopAll();
  }

  results.machine['load average at end'] = loadAverage();
  const { md, json, goals } = writeReport(results);
  log('\n== goals');
  for (const goal of goals) {
    const figures = Object.entries(goal.measured)
      .map(([t, m]) => `${t}: ${m.value} ${m.met === undefined ? '(n/a)' : m.met ? '(met)' : '(MISSED)'}`)
      .join('; ');
    log(`  ${goal.goal} [${goal.limit}] ${figures}`);
  }
  log(`\nReport: ${md}\nRaw:    ${json}`);
  return 0;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().then(() => process.exit(130));
  });
}
main().then(
  (code) => process.exit(code),
  async (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
    await stopAll();
    process.exit(1);
  },
);
