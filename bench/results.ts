/** The shape of one benchmark run's results (bench/results/<date>.json). */
import type { ProbeResult, TtfbResult, WrkResult } from './load.js';
import type { OpenStreamsResult, SoakResult } from './memory.js';
import type { ProfileSummary } from './profile-summary.js';
import type { RealisticResults } from './realistic/summary.js';
import type { ScenarioId } from './scenarios.js';
import type { WorkersRow, WorkersRun } from './workers-scaling.js';

export interface TargetStatus {
  available: boolean;
  reason?: string;
  description: string;
  probes?: Partial<Record<ScenarioId, ProbeResult>>;
}

export interface Cell {
  scenario: ScenarioId;
  concurrency: number;
  target: string;
  wrk?: WrkResult;
  ttfb?: TtfbResult;
  /** With several rounds: each round's req/s (the cell shows the median round). */
  roundsRps?: number[];
  /**
   * The target's CPU time (user + system, from /proc) over the wrk pass, per request, in µs; the
   * median of the rounds. Steadier than req/s when other work shares the machine.
   */
  cpuUsPerRequest?: number;
  roundsCpuUsPerRequest?: number[];
  /** Why the cell was not measured (not applicable, target unavailable, failure). */
  skipped?: string;
}

export interface ScaleRun {
  label: string;
  keys: number;
  channels: number;
  startupMs: number;
  idleMb: number;
  runs: WrkResult[];
  medianRps: number;
  /** AIHub's CPU time per request in each round (µs), from /proc: steadier than req/s on a shared machine. */
  cpuUsPerRequest?: number[];
  medianCpuUsPerRequest?: number;
}

export interface RunResults {
  runId: string;
  date: string;
  command: string;
  machine: Record<string, string | number>;
  settings: Record<string, unknown>;
  targets: Record<string, TargetStatus>;
  cells: Cell[];
  scale?: { base: ScaleRun; scaled: ScaleRun; costPct: number; cpuCostPct?: number };
  /** `serve --workers 2` against `--workers 1` (phase-workers.ts). */
  workers?: {
    loadAverageAtStart: string;
    loadAverageAtEnd?: string;
    rounds: number;
    runs: WorkersRun[];
    rows: WorkersRow[];
  };
  memory?: { openStreams: OpenStreamsResult[]; soak?: SoakResult };
  /** Realistic traffic: thousands of slow streams held, per target and step (phase-realistic.ts, issue 17). */
  realistic?: RealisticResults;
  /** CPU profiles of AIHub under load, per configuration and scenario. */
  profiles: Array<{
    target: string;
    /** The load profiled; absent in runs before it could be chosen: non-stream. */
    scenario?: ScenarioId;
    /** Its connections; absent in runs before they could be chosen: 50. */
    connections?: number;
    file: string;
    load: WrkResult;
    summary: ProfileSummary;
    /** The measured run, in µs of the monotonic clock (what the profile's samples are stamped with). */
    window?: [number, number];
  }>;
  /** Phases that failed, with the reason. */
  problems: string[];
}
