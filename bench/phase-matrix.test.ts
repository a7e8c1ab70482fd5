import { describe, expect, it } from 'vitest';
import { combineRounds } from './phase-matrix.js';
import type { Cell } from './results.js';

const measured = (rps: number, cpuUsPerRequest?: number): Cell => ({
  scenario: 'messages',
  concurrency: 50,
  target: 'aihub-sqlite',
  wrk: {
    requests: rps,
    durationSec: 1,
    rps,
    latency: { p50: 1, p90: 1, p99: 1, max: 1, mean: 1 },
    errors: { connect: 0, read: 0, write: 0, status: 0, timeout: 0, total: 0 },
    bytes: 0,
  },
  ...(cpuUsPerRequest === undefined ? {} : { cpuUsPerRequest }),
});

describe('combineRounds', () => {
  it('keeps the median round by req/s and the median CPU per request, listing every round', () => {
    const [cell] = combineRounds([measured(900, 410), measured(700, 450), measured(800, 400)]);
    expect(cell.wrk?.rps).toBe(800);
    expect(cell.roundsRps).toEqual([900, 700, 800]);
    expect(cell.cpuUsPerRequest).toBe(410);
    expect(cell.roundsCpuUsPerRequest).toEqual([410, 450, 400]);
  });

  it('leaves CPU out for targets without a process of their own (direct)', () => {
    const [cell] = combineRounds([measured(900), measured(700)]);
    expect(cell.cpuUsPerRequest).toBeUndefined();
    expect(cell.roundsCpuUsPerRequest).toBeUndefined();
  });
});
