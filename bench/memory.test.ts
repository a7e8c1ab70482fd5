import { describe, expect, it } from 'vitest';
import { wrkScript } from './load.js';
import { pacingDelayMs, soakFigures, trendPercent } from './memory.js';

describe('soak figures', () => {
  it('reads a flat sawtooth as no trend, and a steady climb as its rise over the mean', () => {
    const sawtooth = Array.from({ length: 600 }, (_, i) => 200 + ((i * 7) % 30));
    expect(Math.abs(trendPercent(sawtooth))).toBeLessThan(1);
    const climbing = Array.from({ length: 101 }, (_, i) => 100 + i / 10); // 100 → 110 MB
    expect(trendPercent(climbing)).toBeCloseTo((10 / 105) * 100, 5);
  });

  it('leaves the warm-up out of the trend and ignores missing readings', () => {
    const warmUpThenFlat = [50, 80, 120, 150, ...Array(16).fill(200)];
    const figures = soakFigures(warmUpThenFlat);
    expect(figures.trendPct).toBe(0);
    expect(trendPercent([Number.NaN, 100, 100, Number.NaN])).toBe(0);
  });
});

describe('pacing', () => {
  it('spaces each connection so the whole runs at the asked fraction of capacity', () => {
    // 50 connections at half of 1,000 req/s: one request per connection every 100 ms.
    expect(pacingDelayMs(1000, 50, 0.5)).toBe(100);
    expect(pacingDelayMs(1e9, 1, 1)).toBe(1);
  });

  it('writes the delay hook into the wrk script only when paced', () => {
    const load = { url: 'http://x/v1/chat/completions', headers: {}, bodies: ['{}'], stream: false };
    expect(wrkScript(load)).not.toContain('delay = function');
    expect(wrkScript(load, 100)).toContain('delay = function()\n  return 100\nend');
  });
});
