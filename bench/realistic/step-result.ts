/** What the realistic client measures at each step (one line of its output, one row of the report). */
import type { HistogramSummary } from '../lib/log-histogram.js';

export interface RealisticStep {
  /** Streams the client keeps open (closed loop: one ends, another starts). */
  streams: number;
  /** Streams open over the measured window, read every second: fewest and mean. */
  openMin: number;
  openMean: number;
  measureSec: number;
  /** Requests started and streams finished (with [DONE]) in the measured window. */
  started: number;
  completed: number;
  /** Tokens received a second, and what `openMean` streams at the token rate would send. */
  tokensPerSec: number;
  expectedTokensPerSec: number;
  /** Request sent → first token, for the requests started in the measured window (ms). */
  ttft: HistogramSummary;
  /** Upstream's send → client's receive, each token of the measured window (ms). */
  delay: HistogramSummary;
  /** Over the whole step (ramp, settle, measure): non-200 answers, streams cut, streams ended without [DONE]. */
  errors: { status: number; broken: number; noDone: number; total: number; first?: string };
  /** Cores used over the measured window: the client, the target, the upstream (the same as the target for `direct`), every core's busy time. */
  clientCores: number;
  targetCores: number;
  upstreamCores: number;
  machineCores: number;
  /** Cores the machine has. */
  coresTotal: number;
  /** The client's event-loop delay p99 (ms): when it lags, every figure of the step includes its lag. */
  clientLoopP99Ms: number;
  /** The target's resident memory over the measured window, read every second (MB). */
  rssMaxMb: number;
  rssMeanMb: number;
}

export interface RealisticClientSpec {
  url: string;
  headers: Record<string, string>;
  body: string;
  keys?: string[];
  keyHeader?: 'authorization' | 'x-api-key';
  steps: number[];
  rampPerSec: number;
  settleSec: number;
  measureSec: number;
  tokensPerSec: number;
  /** The upstream's `GET /clock`, to measure the offset between its clock and the client's. */
  clockUrl: string;
  targetPid: number;
  upstreamPid: number;
  /** Open at most this many connections from one local address (AIHub caps connections per address). */
  connectionsPerAddress: number;
}
