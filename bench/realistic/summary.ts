/**
 * The realistic phase's figures, judged: each target's steps against `direct` at the same step
 * (added delay), the capacity (the most streams held with the added p99 token delay ≤ 10 ms), the
 * issue-17 goals for AIHub, and the report's section. Pure: results in, rows out.
 */
import type { Goal } from '../report.js';
import type { RealisticStep } from './step-result.js';

export interface RealisticTargetRun {
  target: string;
  available: boolean;
  reason?: string;
  steps: RealisticStep[];
  clockOffsetMs?: number;
}

export interface RealisticResults {
  settings: {
    steps: number[];
    rampPerSec: number;
    settleSec: number;
    measureSec: number;
    tokensPerSec: number;
    answerSeconds: string;
  };
  runs: RealisticTargetRun[];
}

export const CAPACITY_LIMIT_MS = 10;
export const GOAL_STREAMS = 5000;
/** A process at this share of a core is saturated: its event loop is queueing. */
const SATURATED_CORES = 0.9;
/** A client whose own event loop lags this much adds it to every figure. */
const CLIENT_LAG_MS = 50;
/** Every core this busy, with this much of it not the benchmark's, means other work took the target's CPU. */
const MACHINE_FULL = 0.9;
const OTHER_WORK_CORES = 0.25;

export const AIHUB_REALISTIC_TARGETS = ['aihub-sqlite', 'aihub-pg'];

function runOf(results: RealisticResults, target: string): RealisticTargetRun | undefined {
  return results.runs.find((run) => run.target === target && run.available);
}

function stepOf(run: RealisticTargetRun | undefined, streams: number): RealisticStep | undefined {
  return run?.steps.find((step) => step.streams === streams);
}

/**
 * Why a step's figures say more about the load side (client, upstream) than about the target, or
 * undefined. On two cores the target, the client and the upstream share the machine: a client or
 * upstream at a full core delays every token whatever the target does, and so does other work
 * that fills every core.
 */
export function loadSideLimit(step: RealisticStep, isDirect: boolean): string | undefined {
  if (step.clientCores >= SATURATED_CORES) return `client saturated (${step.clientCores} cores)`;
  if (step.clientLoopP99Ms >= CLIENT_LAG_MS) return `client event loop lagging (p99 ${step.clientLoopP99Ms} ms)`;
  if (step.upstreamCores >= SATURATED_CORES) return `upstream saturated (${step.upstreamCores} cores)`;
  const ours = step.clientCores + step.upstreamCores + (isDirect ? 0 : step.targetCores);
  const other = round(step.machineCores - ours);
  if (step.machineCores >= MACHINE_FULL * step.coresTotal && other >= OTHER_WORK_CORES) {
    return `machine full, ${other} cores of it other work`;
  }
  if (isDirect && step.tokensPerSec < 0.9 * step.expectedTokensPerSec) {
    return `direct delivered ${step.tokensPerSec} of ${step.expectedTokensPerSec} tokens/s`;
  }
  return undefined;
}

/** The step's figures over direct's at the same step (ms), or undefined without a usable baseline. */
export function addedOverDirect(
  step: RealisticStep,
  direct: RealisticStep | undefined,
): { delayP50: number; delayP99: number; ttftP50: number; ttftP99: number } | undefined {
  if (!direct || direct.delay.count === 0 || step.delay.count === 0) return undefined;
  return {
    delayP50: minus(step.delay.p50, direct.delay.p50),
    delayP99: minus(step.delay.p99, direct.delay.p99),
    ttftP50: minus(step.ttft.p50, direct.ttft.p50),
    ttftP99: minus(step.ttft.p99, direct.ttft.p99),
  };
}

/** Why a step is not held: errors, streams not kept open, or the added p99 over the limit. */
function notHeld(step: RealisticStep, direct: RealisticStep | undefined, limitMs: number): string | undefined {
  if (step.errors.total > 0) return `${step.errors.total} errors`;
  if (step.openMin < step.streams) return `only ${step.openMin} streams open`;
  const added = addedOverDirect(step, direct);
  if (!added) return 'no direct baseline';
  if (added.delayP99 > limitMs) return `added p99 ${round(added.delayP99)} ms`;
  return undefined;
}

export interface Capacity {
  /** The largest step held from the first up; 0 when the first was not. */
  streams: number;
  text: string;
}

/**
 * The most concurrent streams `target` held with the added p99 token delay ≤ `limitMs`: steps are
 * walked upwards until one is not held. A step whose figures are the load side's (client or
 * upstream saturated, on the target or on direct) ends the walk as "not measurable", not as the
 * target's limit.
 */
export function capacityOf(
  results: RealisticResults,
  target: string,
  limitMs = CAPACITY_LIMIT_MS,
): Capacity | undefined {
  const run = runOf(results, target);
  if (!run?.steps.length) return undefined;
  const direct = runOf(results, 'direct');
  let held = 0;
  for (const step of [...run.steps].sort((a, b) => a.streams - b.streams)) {
    const baseline = stepOf(direct, step.streams);
    const loadSide = loadSideLimit(step, target === 'direct') ?? (baseline ? loadSideLimit(baseline, true) : undefined);
    const problem = target === 'direct' ? undefined : notHeld(step, baseline, limitMs);
    if (loadSide && (problem || target === 'direct')) {
      const from = held ? `≥ ${count(held)}` : 'not measurable';
      return { streams: held, text: `${from} (${count(step.streams)} not measurable: ${loadSide})` };
    }
    if (problem) return { streams: held, text: `${count(held)} (${count(step.streams)}: ${problem})` };
    held = step.streams;
  }
  return { streams: held, text: `≥ ${count(held)} (every step held)` };
}

type Measured = Goal['measured'][string];

function judged(value: number | undefined, ok: (v: number) => boolean, text: string, why?: string): Measured {
  if (value === undefined || !Number.isFinite(value)) return { value: why ? `n/a (${why})` : 'n/a', met: undefined };
  return why ? { value: `${text} (${why})`, met: undefined } : { value: text, met: ok(value) };
}

/** The issue-17 goals for each AIHub configuration measured, at GOAL_STREAMS streams. */
export function realisticGoals(results: RealisticResults): Goal[] {
  const configs = AIHUB_REALISTIC_TARGETS.filter((t) => results.runs.some((run) => run.target === t));
  const direct = stepOf(runOf(results, 'direct'), GOAL_STREAMS);
  const at = (target: string) => stepOf(runOf(results, target), GOAL_STREAMS);
  const why = (step: RealisticStep) =>
    loadSideLimit(step, false) ?? (direct ? loadSideLimit(direct, true) : 'no direct baseline');
  const goal = (name: string, limit: string, figure: (target: string) => Measured): Goal => ({
    goal: name,
    limit,
    measured: Object.fromEntries(configs.map((t) => [t, figure(t)])),
  });
  const n = count(GOAL_STREAMS);
  const others = ['floor', 'portkey'].map((t) => `${t} ${capacityOf(results, t)?.text ?? 'n/a'}`).join('; ');
  return [
    goal(
      `Realistic traffic: holds ${n} concurrent streams, p99 added delay between chunks over direct`,
      '≤ 1 ms',
      (t) => {
        const step = at(t);
        if (!step) return { value: 'n/a (step not run)', met: undefined };
        const added = addedOverDirect(step, direct);
        const open = step.openMin < step.streams ? `; only ${step.openMin} open` : '';
        const text = `${fmt(added?.delayP99)} ms (p99 ${fmt(step.delay.p99)} vs ${fmt(direct?.delay.p99)})${open}`;
        const measured = judged(added?.delayP99, (v) => v <= 1 && !open, text, why(step));
        return measured;
      },
    ),
    goal(`Realistic traffic: time to first token at ${n} streams over direct, p50`, '≤ 2 ms', (t) => {
      const step = at(t);
      if (!step) return { value: 'n/a (step not run)', met: undefined };
      const added = addedOverDirect(step, direct);
      const text = `${fmt(added?.ttftP50)} ms (p50 ${fmt(step.ttft.p50)} vs ${fmt(direct?.ttft.p50)}; p99 ${fmt(step.ttft.p99)} vs ${fmt(direct?.ttft.p99)})`;
      return judged(added?.ttftP50, (v) => v <= 2, text, why(step));
    }),
    goal(`Realistic traffic: resident memory at ${n} streams`, '≤ 400 MB', (t) => {
      const step = at(t);
      if (!step) return { value: 'n/a (step not run)', met: undefined };
      return judged(step.rssMaxMb, (v) => v <= 400, `${fmt(step.rssMaxMb, 1)} MB (${step.openMin} open)`);
    }),
    goal('Realistic traffic: errors over every step', '0', (t) => {
      const run = runOf(results, t);
      if (!run) return { value: 'n/a', met: undefined };
      const total = run.steps.reduce((sum, step) => sum + step.errors.total, 0);
      const first = run.steps.find((step) => step.errors.first)?.errors.first;
      return { value: `${total}${first ? ` (${first.slice(0, 80)})` : ''}`, met: total === 0 };
    }),
    goal(
      `Realistic traffic: concurrent streams one process holds with p99 added delay ≤ ${CAPACITY_LIMIT_MS} ms (${others})`,
      'report',
      (t) => ({ value: capacityOf(results, t)?.text ?? 'n/a', met: undefined }),
    ),
  ];
}

/** The report's section: settings, capacity per target, then every step of every target. */
export function realisticSection(results: RealisticResults, table: (h: string[], r: string[][]) => string): string[] {
  const s = results.settings;
  const direct = runOf(results, 'direct');
  const out = [
    `## Realistic traffic (issue 17): ${s.tokensPerSec} tokens/s, ${s.answerSeconds} s answers, closed loop`,
    '',
    `Each target in turn (a fresh process) holds N streams open, N = ${s.steps.join(', ')}: one ends, the next ` +
      `starts. Each step: ramp at ${s.rampPerSec} new streams/s, ${s.settleSec} s to settle, ${s.measureSec} s measured. ` +
      'Each token carries its send time from the upstream; **delay** is its receive time at the client minus that ' +
      "(clocks aligned by the client's round trips to the upstream first); **added** is the target's percentile " +
      "minus `direct`'s at the same step. TTFT: request sent → first token (the upstream sends it at once). " +
      'Errors: non-200 answers, streams cut, streams ended without `[DONE]`. Cores: client / upstream / target / ' +
      'all cores busy, over the measured window; RSS: the target, read every second. A note marks a step whose ' +
      "figures are the load side's: the client or the upstream at 0.9 of a core, the client's event loop 50 ms " +
      "late (p99), 90% of every core busy with a quarter core or more of it work not the benchmark's, or `direct` " +
      'below 90% of the token rate; the capacity walk stops there as "not measurable" instead of blaming the target.',
    '',
  ];
  out.push(
    table(
      ['target', `streams held with added p99 ≤ ${CAPACITY_LIMIT_MS} ms`],
      results.runs.map((run) => [
        run.target,
        run.available ? (capacityOf(results, run.target)?.text ?? 'n/a') : `unavailable: ${run.reason ?? ''}`,
      ]),
    ),
    '',
  );
  const rows: string[][] = [];
  for (const streams of s.steps) {
    for (const run of results.runs.filter((r) => r.available)) {
      const step = stepOf(run, streams);
      if (!step) continue;
      const baseline = stepOf(direct, streams);
      const added = run.target === 'direct' ? undefined : addedOverDirect(step, baseline);
      rows.push([
        count(streams),
        run.target,
        `${step.openMin}`,
        `${fmt(step.ttft.p50)} / ${fmt(step.ttft.p99)}`,
        `${fmt(step.delay.p50)} / ${fmt(step.delay.p99)} / ${fmt(step.delay.max, 1)}`,
        added ? `${fmt(added.delayP50)} / ${fmt(added.delayP99)}` : '',
        added ? `${fmt(added.ttftP50)} / ${fmt(added.ttftP99)}` : '',
        fmt(step.rssMaxMb, 1),
        `${step.errors.total}${step.errors.first ? ` (${step.errors.first.slice(0, 60)})` : ''}`,
        `${count(step.tokensPerSec)} / ${count(step.expectedTokensPerSec)}`,
        `${step.clientCores} / ${step.upstreamCores} / ${run.target === 'direct' ? '–' : step.targetCores} / ${step.machineCores}`,
        fmt(step.clientLoopP99Ms, 1),
        loadSideLimit(step, run.target === 'direct') ?? '',
      ]);
    }
  }
  out.push(
    table(
      [
        'streams',
        'target',
        'open (min)',
        'TTFT p50 / p99 ms',
        'delay p50 / p99 / max ms',
        'added delay p50 / p99 ms',
        'added TTFT p50 / p99 ms',
        'RSS MB',
        'errors',
        'tokens/s (of expected)',
        'cores: client / upstream / target / machine',
        'client loop p99 ms',
        'note',
      ],
      rows,
    ),
    '',
  );
  return out;
}

/** a − b; NaN when either is missing (a window without a sample has null in the JSON). */
const minus = (a: number | null, b: number | null) =>
  a === null || b === null || !Number.isFinite(a) || !Number.isFinite(b) ? Number.NaN : a - b;
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const fmt = (value: number | undefined, digits = 2) =>
  value === undefined || !Number.isFinite(value) ? 'n/a' : String(round(value, digits));
const count = (value: number) => value.toLocaleString('en-US');
