/**
 * Issue 17's matrix goals: AIHub held against the floor (the least a Node gateway can cost) in the
 * same run, and PostgreSQL + Redis against SQLite. A missed throughput goal shows what reaching it
 * would cost: the CPU per request AIHub would have to get down to, since on this machine a
 * gateway's throughput is its CPU per request (req/s × µs/request ≈ one core).
 */
import { cell, check, fmt, type Measured, p99Of, pct, ratioOf, rps } from './lib/cell-figures.js';
import type { Goal } from './report.js';
import type { RunResults } from './results.js';
import type { ScenarioId } from './scenarios.js';

const SQLITE = 'aihub-sqlite';
const POSTGRES = 'aihub-pg';
/** Throughput share of the floor, per configuration (issue 17: 50% on SQLite, 35% on PostgreSQL + Redis). */
const NONSTREAM_SHARE: Record<string, number> = { [SQLITE]: 0.5, [POSTGRES]: 0.35 };
const STREAM_SHARE = 0.5;
const P99_TIMES_FLOOR = 3;
const ADDED_AT_ONE_MS = 0.3;
/** PostgreSQL + Redis within 20% of SQLite, with the load spread over this many users. */
const POSTGRES_SHARE = 0.8;
const POSTGRES_USERS = 10;

/**
 * The CPU per request at which `ratio` would become `limit`, when the cell is CPU-bound:
 * µs/request scales inversely with req/s on the same core.
 */
export function cpuNeeded(ratio: number, limit: number, cpuUsPerRequest: number): number {
  return (cpuUsPerRequest * ratio) / limit;
}

/** A throughput ratio against a baseline cell, with the cost of reaching the limit when it is missed. */
function shareOf(
  results: RunResults,
  scenario: ScenarioId,
  c: number,
  target: string,
  baseline: string,
  limit: number,
) {
  const own = cell(results, scenario, c, target);
  const ratio = ratioOf(rps(own), rps(cell(results, scenario, c, baseline)));
  const cpu = own?.cpuUsPerRequest;
  const cost =
    ratio !== undefined && ratio < limit && cpu !== undefined
      ? ` (needs ≤ ${fmt(cpuNeeded(ratio, limit, cpu), 0)} µs CPU/request, now ${fmt(cpu, 0)})`
      : '';
  return check(ratio, (v) => v >= limit, `${pct(ratio)}${cost}`);
}

function addedOverFloor(own: number | undefined, floor: number | undefined): Measured {
  const added = own === undefined || floor === undefined ? undefined : own - floor;
  return check(added, (v) => v <= ADDED_AT_ONE_MS, `${fmt(added, 3, ' ms')} (${fmt(own, 3)} vs ${fmt(floor, 3)})`);
}

export function floorGoals(results: RunResults): Goal[] {
  const configs = [SQLITE, POSTGRES].filter((t) => results.targets[t]);
  const goal = (name: string, limit: string, figure: (target: string) => Measured): Goal => ({
    goal: name,
    limit,
    measured: Object.fromEntries(configs.map((t) => [t, figure(t)])),
  });
  const goals = [
    goal(
      'Non-stream throughput at c=50 vs the floor',
      `≥ ${pct(NONSTREAM_SHARE[SQLITE], 0)} SQLite, ≥ ${pct(NONSTREAM_SHARE[POSTGRES], 0)} PostgreSQL + Redis`,
      (t) => shareOf(results, 'nonstream', 50, t, 'floor', NONSTREAM_SHARE[t] ?? 0.5),
    ),
    ...[50, 200].map((c) =>
      goal(`Streaming throughput at c=${c} vs the floor`, `≥ ${pct(STREAM_SHARE, 0)}`, (t) =>
        shareOf(results, 'stream', c, t, 'floor', STREAM_SHARE),
      ),
    ),
    ...(['nonstream', 'stream'] as const).map((scenario) =>
      goal(`p99 at c=200 vs the floor's p99 (${scenario})`, `≤ ${P99_TIMES_FLOOR}×`, (t) => {
        const own = p99Of(cell(results, scenario, 200, t));
        const floor = p99Of(cell(results, scenario, 200, 'floor'));
        // Both sides from the same client, or the ratio compares two clients.
        const times = own && floor && own.source === floor.source ? ratioOf(own.ms, floor.ms) : undefined;
        const source = own?.source === 'client' ? 'undici client' : 'wrk';
        return check(
          times,
          (v) => v <= P99_TIMES_FLOOR,
          `${fmt(times, 1, '×')} (${fmt(own?.ms, 1)} vs ${fmt(floor?.ms, 1)} ms, ${source})`,
        );
      }),
    ),
    goal(`Added latency over the floor at c=1, p50 (non-stream)`, `≤ ${ADDED_AT_ONE_MS} ms`, (t) =>
      addedOverFloor(
        cell(results, 'nonstream', 1, t)?.wrk?.latency.p50,
        cell(results, 'nonstream', 1, 'floor')?.wrk?.latency.p50,
      ),
    ),
    goal(`Added time to first byte over the floor at c=1, p50 (stream)`, `≤ ${ADDED_AT_ONE_MS} ms`, (t) =>
      addedOverFloor(
        cell(results, 'stream', 1, t)?.ttfb?.ttfb.p50,
        cell(results, 'stream', 1, 'floor')?.ttfb?.ttfb.p50,
      ),
    ),
  ];
  if (results.targets[POSTGRES]) {
    const users = Number(results.settings.users ?? 1);
    const measured = shareOf(results, 'nonstream', 50, POSTGRES, SQLITE, POSTGRES_SHARE);
    goals.push({
      goal: `Non-stream throughput at c=50, PostgreSQL + Redis vs SQLite, load over ${users} user${users === 1 ? '' : 's'}`,
      limit: `≥ ${pct(POSTGRES_SHARE, 0)} with ${POSTGRES_USERS} users`,
      measured: {
        [POSTGRES]:
          users >= POSTGRES_USERS
            ? measured
            : {
                value: `${measured.value} (stated for ${POSTGRES_USERS} users: BENCH_USERS=${POSTGRES_USERS})`,
                met: undefined,
              },
      },
    });
  }
  return goals;
}
