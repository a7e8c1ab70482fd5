import { describe, expect, it } from 'vitest';
import type { RealisticStep } from './step-result.js';
import {
  addedOverDirect,
  capacityOf,
  loadSideLimit,
  type RealisticResults,
  realisticGoals,
  realisticSection,
} from './summary.js';

const figures = (p50: number, p99: number) => ({ count: 1000, p50, p99, p999: p99, max: p99, mean: p50 });

function step(streams: number, delayP99: number, overrides: Partial<RealisticStep> = {}): RealisticStep {
  return {
    streams,
    openMin: streams,
    openMean: streams,
    measureSec: 20,
    started: 10,
    completed: 10,
    tokensPerSec: streams * 30,
    expectedTokensPerSec: streams * 30,
    ttft: figures(1, 2),
    delay: figures(delayP99 / 2, delayP99),
    errors: { status: 0, broken: 0, noDone: 0, total: 0 },
    clientCores: 0.3,
    targetCores: 0.3,
    upstreamCores: 0.2,
    machineCores: 1,
    coresTotal: 2,
    clientLoopP99Ms: 1,
    rssMaxMb: 100,
    rssMeanMb: 90,
    ...overrides,
  };
}

function results(runs: Record<string, RealisticStep[]>): RealisticResults {
  return {
    settings: {
      steps: [1000, 5000],
      rampPerSec: 1000,
      settleSec: 8,
      measureSec: 20,
      tokensPerSec: 30,
      answerSeconds: '20-60',
    },
    runs: Object.entries(runs).map(([target, steps]) => ({ target, available: true, steps })),
  };
}

describe('the realistic figures', () => {
  it('takes the added delay and TTFT as the difference of percentiles with direct at the same step', () => {
    const added = addedOverDirect(step(1000, 4, { ttft: figures(3, 9) }), step(1000, 1));
    expect(added).toEqual({ delayP50: 1.5, delayP99: 3, ttftP50: 2, ttftP99: 7 });
    expect(addedOverDirect(step(1000, 4), undefined)).toBeUndefined();
    // No request of the window got its first token: no TTFT figure (null in the client's JSON), not minus direct's.
    const noTtft = { ...figures(1, 2), count: 0, p50: null as unknown as number, p99: null as unknown as number };
    expect(addedOverDirect(step(1000, 4, { ttft: noTtft }), step(1000, 1))?.ttftP50).toBeNaN();
  });

  it('blames the load side when the client or upstream is at a full core, or direct falls behind', () => {
    expect(loadSideLimit(step(1000, 1, { clientCores: 0.95 }), false)).toMatch(/client saturated/);
    expect(loadSideLimit(step(1000, 1, { upstreamCores: 0.92 }), false)).toMatch(/upstream saturated/);
    expect(loadSideLimit(step(1000, 1, { tokensPerSec: 20_000 }), true)).toMatch(/direct delivered/);
    expect(loadSideLimit(step(1000, 1, { tokensPerSec: 20_000 }), false)).toBeUndefined();
    expect(loadSideLimit(step(1000, 1, { machineCores: 1.98 }), false)).toBe(
      'machine full, 1.18 cores of it other work',
    );
    // Every core busy with the benchmark's own processes: the target's own doing, not the load side's.
    expect(loadSideLimit(step(1000, 1, { machineCores: 1.98, targetCores: 1.4 }), false)).toBeUndefined();
  });

  it('finds the capacity: the last step held before the added p99 passes 10 ms, errors, or streams not kept', () => {
    const direct = [step(1000, 1), step(2000, 1), step(5000, 2)];
    expect(capacityOf(results({ direct, gw: [step(1000, 3), step(2000, 20), step(5000, 5)] }), 'gw')).toEqual({
      streams: 1000,
      text: '1,000 (2,000: added p99 19 ms)',
    });
    const errors = { status: 1, broken: 0, noDone: 0, total: 1 };
    expect(capacityOf(results({ direct, gw: [step(1000, 3, { errors })] }), 'gw')?.streams).toBe(0);
    expect(capacityOf(results({ direct, gw: [step(1000, 3), step(2000, 3, { openMin: 1900 })] }), 'gw')?.text).toBe(
      '1,000 (2,000: only 1900 streams open)',
    );
    expect(capacityOf(results({ direct, gw: direct.map((s) => step(s.streams, 4)) }), 'gw')?.text).toBe(
      '≥ 5,000 (every step held)',
    );
  });

  it('says a step is not measurable, not missed, when the load side saturated', () => {
    const direct = [step(1000, 1), step(5000, 30, { clientCores: 0.97 })];
    const capacity = capacityOf(results({ direct, gw: [step(1000, 3), step(5000, 80)] }), 'gw');
    expect(capacity?.text).toBe('≥ 1,000 (5,000 not measurable: client saturated (0.97 cores))');
    const fromTheStart = capacityOf(
      results({ direct: [step(1000, 30, { clientCores: 0.95 })], gw: [step(1000, 80)] }),
      'gw',
    );
    expect(fromTheStart?.text).toBe('not measurable (1,000 not measurable: client saturated (0.95 cores))');
  });

  it('judges the issue-17 goals at 5,000 streams for AIHub', () => {
    const direct = [step(5000, 2)];
    const aihub = [step(5000, 2.5, { ttft: figures(2.5, 4), rssMaxMb: 420 })];
    const goals = realisticGoals(results({ direct, 'aihub-sqlite': aihub }));
    const measured = goals.map((g) => g.measured['aihub-sqlite']);
    expect(measured[0]).toEqual({ value: '0.5 ms (p99 2.5 vs 2)', met: true });
    expect(measured[1]).toMatchObject({ met: true });
    expect(measured[2]).toEqual({ value: '420 MB (5000 open)', met: false });
    expect(measured[3]).toEqual({ value: '0', met: true });
    expect(measured[4]).toEqual({ value: '≥ 5,000 (every step held)', met: undefined });
    expect(goals[4].goal).toContain('floor n/a; portkey n/a');
  });

  it('renders a row per step and target with the added figures beside direct', () => {
    const lines = realisticSection(
      results({ direct: [step(1000, 1)], 'aihub-sqlite': [step(1000, 3)] }),
      (header, rows) => [header.join('|'), ...rows.map((r) => r.join('|'))].join('\n'),
    ).join('\n');
    expect(lines).toContain('1,000|aihub-sqlite|1000|1 / 2|1.5 / 3 / 3|1 / 2|0 / 0|100|0|');
    expect(lines).toContain('aihub-sqlite|≥ 1,000 (every step held)');
  });
});
