import { describe, expect, it } from 'vitest';
import { cpuNeeded, floorGoals } from './floor-goals.js';
import type { Cell, RunResults } from './results.js';
import { cellOf, runOf } from './test-results.js';

const at = cellOf;
const run = (cells: Cell[], users = 1, targets = ['aihub-sqlite', 'aihub-pg']) =>
  runOf(cells, { settings: { users }, targets });

const find = (results: RunResults, prefix: string, target = 'aihub-sqlite') =>
  floorGoals(results).find((g) => g.goal.startsWith(prefix))?.measured[target];

describe('issue 17 goals against the floor', () => {
  it('holds non-stream throughput to 50% of the floor on SQLite and 35% on PostgreSQL + Redis', () => {
    const results = run([
      at('nonstream', 50, 'floor', { rps: 10000 }),
      at('nonstream', 50, 'aihub-sqlite', { rps: 5000 }),
      at('nonstream', 50, 'aihub-pg', { rps: 3400, cpu: 700 }),
    ]);
    expect(find(results, 'Non-stream throughput at c=50 vs the floor')).toEqual({ value: '50%', met: true });
    // 34% of the floor at 700 µs: 35% needs 700 × 34 / 35 = 680 µs.
    expect(find(results, 'Non-stream throughput at c=50 vs the floor', 'aihub-pg')).toEqual({
      value: '34% (needs ≤ 680 µs CPU/request, now 700)',
      met: false,
    });
  });

  it('says what CPU per request a missed streaming share would need, at c=50 and 200', () => {
    const results = run([
      at('stream', 50, 'floor', { rps: 8000 }),
      at('stream', 50, 'aihub-sqlite', { rps: 1600, cpu: 600 }),
      at('stream', 200, 'floor', { rps: 6000 }),
      at('stream', 200, 'aihub-sqlite', { rps: 3000, cpu: 300 }),
    ]);
    expect(find(results, 'Streaming throughput at c=50 vs the floor')).toEqual({
      value: '20% (needs ≤ 240 µs CPU/request, now 600)',
      met: false,
    });
    expect(find(results, 'Streaming throughput at c=200 vs the floor')).toEqual({ value: '50%', met: true });
    expect(cpuNeeded(0.25, 0.5, 400)).toBe(200);
  });

  it('holds p99 at c=200 to three times the floor, streams and not', () => {
    const results = run([
      at('nonstream', 200, 'floor', { rps: 9000, p99: 40 }),
      at('nonstream', 200, 'aihub-sqlite', { rps: 2000, p99: 120 }),
      at('stream', 200, 'floor', { rps: 7000, p99: 300 }),
      at('stream', 200, 'aihub-sqlite', { rps: 1000, p99: 2400 }),
    ]);
    expect(find(results, "p99 at c=200 vs the floor's p99 (nonstream)")).toEqual({
      value: '3× (120 vs 40 ms, wrk)',
      met: true,
    });
    expect(find(results, "p99 at c=200 vs the floor's p99 (stream)")).toEqual({
      value: '8× (2400 vs 300 ms, wrk)',
      met: false,
    });
  });

  it("judges p99 by the undici client's pass where both sides have one, never one client against the other", () => {
    const results = run([
      at('nonstream', 200, 'floor', { rps: 9000, p99: 40, clientP99: 50 }),
      at('nonstream', 200, 'aihub-sqlite', { rps: 2000, p99: 4000, clientP99: 140 }),
      at('stream', 200, 'floor', { rps: 7000, p99: 300 }),
      at('stream', 200, 'aihub-sqlite', { rps: 1000, p99: 2400, clientP99: 300 }),
    ]);
    expect(find(results, "p99 at c=200 vs the floor's p99 (nonstream)")).toEqual({
      value: '2.8× (140 vs 50 ms, undici client)',
      met: true,
    });
    expect(find(results, "p99 at c=200 vs the floor's p99 (stream)")).toEqual({ value: 'n/a', met: undefined });
  });

  it('holds added p50 latency and time to first byte at c=1 to 0.3 ms over the floor', () => {
    const results = run([
      at('nonstream', 1, 'floor', { rps: 2000, p50: 0.4 }),
      at('nonstream', 1, 'aihub-sqlite', { rps: 1000, p50: 0.7 }),
      at('stream', 1, 'floor', { rps: 2000, ttfbP50: 0.5 }),
      at('stream', 1, 'aihub-sqlite', { rps: 900, ttfbP50: 0.95 }),
    ]);
    expect(find(results, 'Added latency over the floor at c=1')).toEqual({ value: '0.3 ms (0.7 vs 0.4)', met: true });
    expect(find(results, 'Added time to first byte over the floor')).toEqual({
      value: '0.45 ms (0.95 vs 0.5)',
      met: false,
    });
  });

  it('judges PostgreSQL + Redis against SQLite only with the load over 10 users', () => {
    const cells = [at('nonstream', 50, 'aihub-sqlite', { rps: 3000 }), at('nonstream', 50, 'aihub-pg', { rps: 2500 })];
    expect(find(run(cells, 10), 'Non-stream throughput at c=50, PostgreSQL + Redis vs SQLite', 'aihub-pg')).toEqual({
      value: '83.3%',
      met: true,
    });
    expect(find(run(cells, 1), 'Non-stream throughput at c=50, PostgreSQL + Redis vs SQLite', 'aihub-pg')).toEqual({
      value: '83.3% (stated for 10 users: BENCH_USERS=10)',
      met: undefined,
    });
  });

  it('is n/a when a side had errors or was not measured, and leaves out configurations not run', () => {
    const results = run(
      [at('stream', 50, 'floor', { rps: 8000 }), at('stream', 50, 'aihub-sqlite', { rps: 4000, errors: 3 })],
      1,
      ['aihub-sqlite'],
    );
    expect(find(results, 'Streaming throughput at c=50')).toEqual({ value: 'n/a', met: undefined });
    expect(find(results, 'Streaming throughput at c=200')).toEqual({ value: 'n/a', met: undefined });
    expect(floorGoals(results).some((g) => 'aihub-pg' in g.measured)).toBe(false);
  });
});
