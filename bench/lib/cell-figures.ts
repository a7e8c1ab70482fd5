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
