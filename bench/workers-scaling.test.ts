import { describe, expect, it } from 'vitest';
import type { WrkResult } from './load.js';
import { summariseWorkers, type WorkersRun } from './workers-scaling.js';

const wrk = (rps: number, errors = 0): WrkResult => ({
  requests: rps * 10,
  durationSec: 10,
  rps,
  latency: { p50: rps / 100, p90: 1, p99: 1, max: 1, mean: 1 },
  errors: { connect: 0, read: 0, write: 0, status: errors, timeout: 0, total: errors },
  bytes: 0,
});

const exact = { ledgerOk: true, openReservations: 0, ledgerEntries: 100 };

function run(workers: number, rps: number, extra: Partial<WorkersRun> = {}): WorkersRun {
  return {
    database: 'sqlite',
    workers,
    concurrency: 50,
    round: 1,
    wrk: wrk(rps),
    exactness: exact,
    cores: { 'aihub primary': workers === 1 ? 0.9 : 0.1, 'aihub worker 1': 0.8, upstream: 0.3 },
    ...extra,
  };
}

describe('summariseWorkers', () => {
  it('compares the median rounds of 2 workers and 1, keeping the median round of each side', () => {
    const [row] = summariseWorkers([run(1, 1000), run(2, 1800), run(1, 900), run(2, 1500), run(1, 1100), run(2, 1900)]);
    expect(row.ratio).toBe(1.8);
    expect(row.status).toBe('met');
    expect(row.one.wrk.rps).toBe(1000);
    expect(row.one.wrk.latency.p50).toBe(10);
    expect(row.two.roundsRps).toEqual([1800, 1500, 1900]);
    // Only AIHub's own processes count as its cores, not the upstream's.
    expect(row.one.aihubCores).toBe(1.7);
    expect(row.one.cpuUsPerRequest).toBe(1700);
  });

  it('misses below 1.7×, and whatever the ratio when the money path was not exact', () => {
    expect(summariseWorkers([run(1, 1000), run(2, 1650)])[0].status).toBe('missed');
    const inexact = { ...exact, openReservations: 2, problem: '2 open' };
    const [row] = summariseWorkers([run(1, 1000), run(2, 2000, { exactness: inexact })]);
    expect(row).toMatchObject({ status: 'missed', reason: 'money path not exact' });
  });

  it('leaves a row with request errors unjudged, and skips cells without both sides', () => {
    const [row] = summariseWorkers([run(1, 1000), run(2, 2000, { wrk: wrk(2000, 3) })]);
    expect(row).toMatchObject({ status: 'n/a', reason: '3 request errors' });
    expect(summariseWorkers([run(1, 1000), run(2, 2000, { concurrency: 200 })])).toEqual([]);
  });
});
