/**
 * Reading the matrix's cells for the report's goals: find a cell, take its req/s only when it had
 * no errors, ratios, and the measured-figure shape a goal row shows. Shared by every goal module.
 */
import type { Cell, RunResults } from '../results.js';
import type { ScenarioId } from '../scenarios.js';
import { round } from './stats.js';

/** One goal's figure for one AIHub configuration: the text shown and whether it meets the limit. */
export interface Measured {
  value: string;
  met: boolean | undefined;
}

export function cell(results: RunResults, scenario: ScenarioId, concurrency: number, target: string): Cell | undefined {
  return results.cells.find((c) => c.scenario === scenario && c.concurrency === concurrency && c.target === target);
}

/** req/s of a cell without errors; a cell with errors has no throughput worth comparing. */
export const rps = (c: Cell | undefined) => (c?.wrk && c.wrk.errors.total === 0 ? c.wrk.rps : undefined);

export const fmt = (value: number | undefined, digits = 2, suffix = '') =>
  value === undefined || !Number.isFinite(value) ? 'n/a' : `${round(value, digits)}${suffix}`;

export const pct = (ratio: number | undefined, digits = 1) =>
  fmt(ratio === undefined ? undefined : ratio * 100, digits, '%');

export function check(value: number | undefined, ok: (v: number) => boolean, text: string): Measured {
  return value === undefined || !Number.isFinite(value)
    ? { value: 'n/a', met: undefined }
    : { value: text, met: ok(value) };
}

export function ratioOf(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined || b === undefined || b === 0 ? undefined : a / b;
}

/** Throughput `a` would have against `b` if both were bound by the target's CPU: b's CPU per request over a's. */
export function cpuRatio(a: Cell | undefined, b: Cell | undefined): number | undefined {
  if (!a?.wrk || a.wrk.errors.total > 0 || !b?.wrk || b.wrk.errors.total > 0) return undefined;
  return ratioOf(b.cpuUsPerRequest, a.cpuUsPerRequest);
}

/**
 * Whether wrk's latency figures of a cell can be believed. In a closed loop, Little's law fixes
 * the mean latency at connections ÷ throughput; against a saturated Node server wrk has reported
 * means up to 3× that (2026-12-06: p99 4–7 s at c=200 where AIHub's own request log and an
 * undici client both measured ≤ 0.35 s), so its tail there describes wrk, not the server.
 */
export function wrkLatencyTrusted(c: Cell): boolean {
  if (!c.wrk || c.wrk.rps <= 0) return false;
  const littlesLawMs = (c.concurrency / c.wrk.rps) * 1000;
  return c.wrk.latency.mean <= littlesLawMs * WRK_MEAN_TOLERANCE;
}
/** wrk's mean may exceed the Little's-law mean by this factor before its latencies are doubted. */
const WRK_MEAN_TOLERANCE = 1.25;

/**
 * A cell's p99 latency of the whole response, and from which client: the undici client's pass
 * where it ran (its figures obey Little's law), else wrk's.
 */
export function p99Of(c: Cell | undefined): { ms: number; source: 'client' | 'wrk' } | undefined {
  if (c?.ttfb && c.ttfb.requests > 0 && c.ttfb.errors === 0) return { ms: c.ttfb.total.p99, source: 'client' };
  if (c?.wrk && c.wrk.errors.total === 0) return { ms: c.wrk.latency.p99, source: 'wrk' };
  return undefined;
}
