/**
 * The figures of the workers phase (issue 17): `serve --workers 2` against `--workers 1`, the same
 * non-stream load, per database and concurrency; the scaling is met only at ≥ 1.7× with no
 * errors and the money path exact after every run.
 */

import { median, round } from './lib/stats.js';
import type { WrkResult } from './load.js';

export const WORKERS_TARGET = 1.7;

export type WorkersDatabase = 'sqlite' | 'postgres';

/** After a run: the ledger reconciles (`aihub ledger verify`) and no reservation is open. */
export interface Exactness {
  ledgerOk: boolean;
  openReservations: number;
  ledgerEntries: number;
  /** What was wrong, in a line (absent when exact). */
  problem?: string;
}

export interface WorkersRun {
  database: WorkersDatabase;
  workers: number;
  concurrency: number;
  round: number;
  wrk: WrkResult;
  exactness: Exactness;
  /** Cores used by each process group during the middle of the run (lib/cpu-census.ts). */
  cores: Record<string, number>;
}

export interface WorkersSide {
  /** The median round by req/s (its latency is what the row shows). */
  wrk: WrkResult;
  roundsRps: number[];
  /** Median of the rounds' AIHub cores (primary + workers). */
  aihubCores: number;
  /** Median of the rounds' AIHub CPU time per request, µs: what a core buys, whatever else runs. */
  cpuUsPerRequest: number;
  errors: number;
  exact: boolean;
}

export interface WorkersRow {
  database: WorkersDatabase;
  concurrency: number;
  one: WorkersSide;
  two: WorkersSide;
  /** Median req/s with 2 workers over median req/s with 1. */
  ratio: number;
  status: 'met' | 'missed' | 'n/a';
  /** Why n/a (request errors) or missed whatever the ratio (the money path not exact). */
  reason?: string;
}

export const isExact = (e: Exactness) => e.ledgerOk && e.openReservations === 0;

/** AIHub's cores in a run: the primary and every worker (labels `aihub …`). */
export const aihubCores = (cores: Record<string, number>) =>
  round(
    Object.entries(cores)
      .filter(([label]) => label.startsWith('aihub'))
      .reduce((sum, [, used]) => sum + used, 0),
    2,
  );

function side(runs: WorkersRun[]): WorkersSide {
  const byRps = [...runs].sort((a, b) => a.wrk.rps - b.wrk.rps);
  return {
    wrk: byRps[Math.floor((byRps.length - 1) / 2)].wrk,
    roundsRps: runs.map((r) => r.wrk.rps),
    aihubCores: median(runs.map((r) => aihubCores(r.cores))),
    cpuUsPerRequest: Math.round(median(runs.map((r) => (aihubCores(r.cores) * 1e6) / r.wrk.rps))),
    errors: runs.reduce((sum, r) => sum + r.wrk.errors.total, 0),
    exact: runs.every((r) => isExact(r.exactness)),
  };
}

/** One row per database and concurrency that has runs with both 1 and 2 workers. */
export function summariseWorkers(runs: WorkersRun[]): WorkersRow[] {
  const rows: WorkersRow[] = [];
  const keys = [...new Set(runs.map((r) => `${r.database} ${r.concurrency}`))];
  for (const key of keys) {
    const cell = runs.filter((r) => `${r.database} ${r.concurrency}` === key);
    const ones = cell.filter((r) => r.workers === 1);
    const twos = cell.filter((r) => r.workers === 2);
    if (!ones.length || !twos.length) continue;
    const one = side(ones);
    const two = side(twos);
    const ratio = round(median(twos.map((r) => r.wrk.rps)) / median(ones.map((r) => r.wrk.rps)), 2);
    const errors = one.errors + two.errors;
    // Errors leave the throughput unjudged; an inexact money path misses the target whatever the ratio.
    const reason =
      errors > 0 ? `${errors} request errors` : !one.exact || !two.exact ? 'money path not exact' : undefined;
    const status = errors > 0 ? 'n/a' : reason || ratio < WORKERS_TARGET ? 'missed' : 'met';
    rows.push({
      database: cell[0].database,
      concurrency: cell[0].concurrency,
      one,
      two,
      ratio,
      status,
      ...(reason ? { reason } : {}),
    });
  }
  return rows;
}
