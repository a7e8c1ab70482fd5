/**
 * Made-up benchmark results for the report's tests (imported only by *.test.ts): one matrix cell
 * with the figures a test names (the rest neutral), and a run around cells.
 */
import type { Cell, RunResults } from './results.js';
import type { ScenarioId } from './scenarios.js';

export interface CellFigures {
  rps: number;
  errors?: number;
  cpu?: number;
  p50?: number;
  p99?: number;
  /** The undici client's time to first byte, p50 (its pass ran). */
  ttfbP50?: number;
  /** The undici client's p99 of the whole response (its pass ran). */
  clientP99?: number;
}

export function cellOf(scenario: ScenarioId, concurrency: number, target: string, f: CellFigures): Cell {
  const errors = f.errors ?? 0;
  return {
    scenario,
    concurrency,
    target,
    ...(f.cpu === undefined ? {} : { cpuUsPerRequest: f.cpu }),
    wrk: {
      requests: f.rps * 10,
      durationSec: 10,
      rps: f.rps,
      latency: { p50: f.p50 ?? 1, p90: 1, p99: f.p99 ?? 1, max: 1, mean: 1 },
      errors: { connect: 0, read: 0, write: 0, status: errors, timeout: 0, total: errors },
      bytes: 0,
    },
    ...(f.ttfbP50 === undefined && f.clientP99 === undefined
      ? {}
      : {
          ttfb: {
            requests: 10,
            errors: 0,
            rps: 10,
            ttfb: { p50: f.ttfbP50 ?? 1, p90: f.ttfbP50 ?? 1, p99: f.ttfbP50 ?? 1 },
            total: { p50: 1, p99: f.clientP99 ?? 1 },
          },
        }),
  };
}

export function runOf(
  cells: Cell[],
  options: { settings?: Record<string, unknown>; targets?: string[] } = {},
): RunResults {
  const targets = options.targets ?? ['aihub-sqlite'];
  return {
    runId: 'test',
    date: '2026-01-01T00:00:00.000Z',
    command: 'npm run bench',
    machine: {},
    settings: options.settings ?? {},
    targets: Object.fromEntries(
      targets.map((t) => [t, { available: true, description: t === 'aihub-sqlite' ? 'AIHub' : t }]),
    ),
    cells,
    profiles: [],
    problems: [],
  };
}
