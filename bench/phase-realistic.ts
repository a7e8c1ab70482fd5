/**
 * Realistic traffic (issue 17): the realistic upstream (realistic/upstream.ts: 30 tokens/s, 20–60 s
 * answers) and, for each target in turn, a fresh target process and the realistic client
 * (realistic/client.ts) holding N streams through it, N rising through the steps. Targets: direct
 * (the upstream itself: the baseline of client + upstream), the floor, AIHub (SQLite, PostgreSQL +
 * Redis) and Portkey, as BENCH_TARGETS asks.
 */
import { join } from 'node:path';
import { benchReady, type Child, nodeTs, startChild } from './lib/proc.js';
import { cpuFor, settings } from './lib/settings.js';
import { startFloor } from './phase-memory.js';
import { startPortkey } from './portkey.js';
import type { RealisticClientSpec, RealisticStep } from './realistic/step-result.js';
import type { RealisticResults, RealisticTargetRun } from './realistic/summary.js';
import type { RunResults } from './results.js';
import { startAihub } from './run-aihub.js';
import { loadFor, type TargetRef, type Upstreams } from './scenarios.js';

const log = (line: string) => process.stdout.write(`${line}\n`);
/** Below AIHub's default cap of 4,096 connections per client address (AIHUB_MAX_CONNECTIONS_PER_ADDRESS). */
const CONNECTIONS_PER_ADDRESS = 2000;

interface StartedTarget {
  ref: TargetRef;
  pid: number;
  stop(): Promise<void>;
}

async function startTarget(
  name: string,
  upstream: Child,
  upstreams: Upstreams,
  workDir: string,
): Promise<StartedTarget> {
  switch (name) {
    case 'direct':
      return { ref: { kind: 'direct' }, pid: upstream.pid, stop: async () => {} };
    case 'floor': {
      // Its pool would cap upstream connections at 1,024: let it open one per stream, as AIHub does.
      const floor = await startFloor(workDir, upstreams.openai, 'floor-realistic', { FLOOR_CONNECTIONS: '0' });
      return {
        ref: { kind: 'floor', origin: (floor.info as { origin: string }).origin },
        pid: floor.pid,
        stop: () => floor.stop(),
      };
    }
    case 'aihub-sqlite':
    case 'aihub-pg': {
      const database = name === 'aihub-pg' ? 'postgres' : 'sqlite';
      const aihub = await startAihub(
        { name: `${name}-realistic`, database, redis: database === 'postgres' },
        upstreams,
        workDir,
      );
      return {
        ref: { kind: 'aihub', origin: aihub.origin, keys: aihub.keys },
        pid: aihub.pid,
        stop: () => aihub.stop(),
      };
    }
    case 'portkey': {
      const started = await startPortkey(workDir);
      if (!started.ok) throw new Error(started.reason);
      return { ref: { kind: 'portkey', origin: started.origin }, pid: started.pid, stop: () => started.child.stop() };
    }
    default:
      throw new Error(`no such target: ${name}`);
  }
}

/** A figure of the client's JSON: a step without a sample (no token) has null there, NaN's JSON. */
const ms = (value: number | null, digits = 2) => (value === null ? 'n/a' : value.toFixed(digits));

function stepLine(target: string, step: RealisticStep): string {
  return (
    `  ${target} ${step.streams} streams: open ≥ ${step.openMin}, TTFT p50 ${ms(step.ttft.p50)} p99 ${ms(step.ttft.p99)} ms, ` +
    `delay p50 ${ms(step.delay.p50)} p99 ${ms(step.delay.p99)} max ${ms(step.delay.max, 1)} ms, ` +
    `RSS ${step.rssMaxMb} MB, errors ${step.errors.total}, tokens/s ${step.tokensPerSec}/${step.expectedTokensPerSec}, ` +
    `cores client ${step.clientCores} upstream ${step.upstreamCores} target ${step.targetCores} machine ${step.machineCores}`
  );
}

async function runClient(
  target: string,
  spec: RealisticClientSpec,
  workDir: string,
): Promise<{ steps: RealisticStep[]; clockOffsetMs: number }> {
  const { command, args } = nodeTs(join(import.meta.dirname, 'realistic', 'client.ts'));
  const s = settings.realistic;
  const stepSec = s.settleSec + s.measureSec + Math.max(...s.steps) / s.rampPerSec;
  const client = await startChild({
    name: `realistic client ${target}`,
    command,
    args,
    env: { BENCH_REALISTIC_SPEC: JSON.stringify(spec) },
    cpu: cpuFor('driver'),
    logFile: join(workDir, `realistic-client-${target}.log`),
    ready: (line) => {
      if (line.startsWith('BENCH_STEP ')) {
        try {
          log(stepLine(target, JSON.parse(line.slice('BENCH_STEP '.length))));
        } catch (error) {
          log(`  ${target}: ${(error as Error).message} in ${line}`);
        }
      }
      return line.startsWith('BENCH_REALISTIC ') ? JSON.parse(line.slice('BENCH_REALISTIC '.length)) : undefined;
    },
    readyTimeoutMs: (s.steps.length * stepSec + 120) * 1000,
  });
  const result = client.info as { steps: RealisticStep[]; clockOffsetMs: number };
  await client.exited;
  return result;
}

export async function runRealistic(base: Upstreams, results: RunResults, workDir: string): Promise<void> {
  const s = settings.realistic;
  const realistic: RealisticResults = {
    settings: {
      steps: s.steps,
      rampPerSec: s.rampPerSec,
      settleSec: s.settleSec,
      measureSec: s.measureSec,
      tokensPerSec: s.tokensPerSec,
      answerSeconds: s.answerSeconds,
    },
    runs: [],
  };
  results.realistic = realistic;
  const { command, args } = nodeTs(join(import.meta.dirname, 'realistic', 'upstream.ts'));
  const upstream = await startChild({
    name: 'upstream-realistic',
    command,
    args: [...args, '--tokens-per-second', String(s.tokensPerSec), '--answer-seconds', s.answerSeconds],
    cpu: cpuFor('driver'),
    logFile: join(workDir, 'upstream-realistic.log'),
    ready: benchReady,
  });
  // AIHub's Anthropic and Gemini channels keep the ordinary emulators; only OpenAI is slow.
  const upstreams: Upstreams = { ...base, openai: (upstream.info as { openai: string }).openai };
  try {
    const names = settings.targets.filter((t) =>
      ['direct', 'floor', 'aihub-sqlite', 'aihub-pg', 'portkey'].includes(t),
    );
    for (const name of names) {
      const run: RealisticTargetRun = { target: name, available: false, steps: [] };
      realistic.runs.push(run);
      let target: StartedTarget;
      try {
        target = await startTarget(name, upstream, upstreams, workDir);
      } catch (error) {
        run.reason = (error as Error).message.split('\n')[0];
        log(`  ${name} unavailable: ${run.reason}`);
        continue;
      }
      try {
        const load = loadFor(target.ref, 'stream', upstreams);
        if (!load) throw new Error(`no stream load for ${name}`);
        run.available = true;
        const outcome = await runClient(
          name,
          {
            url: load.url,
            headers: load.headers,
            body: load.bodies[0],
            keys: load.keys,
            keyHeader: load.keyHeader,
            steps: s.steps,
            rampPerSec: s.rampPerSec,
            settleSec: s.settleSec,
            measureSec: s.measureSec,
            tokensPerSec: s.tokensPerSec,
            clockUrl: `${new URL(upstreams.openai).origin}/clock`,
            targetPid: target.pid,
            upstreamPid: upstream.pid,
            connectionsPerAddress: CONNECTIONS_PER_ADDRESS,
          },
          workDir,
        );
        run.steps = outcome.steps;
        run.clockOffsetMs = outcome.clockOffsetMs;
      } catch (error) {
        run.reason = (error as Error).message.split('\n')[0];
        results.problems.push(`realistic ${name}: ${run.reason}`);
        log(`  ${name} failed: ${(error as Error).message}`);
      } finally {
        await target.stop();
      }
    }
  } finally {
    await upstream.stop();
  }
}
