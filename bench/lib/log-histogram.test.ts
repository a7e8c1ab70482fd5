import { describe, expect, it } from 'vitest';
import { LogHistogram } from './log-histogram.js';

describe('LogHistogram', () => {
  it('gives percentiles within 1% of the exact ones', () => {
    const histogram = new LogHistogram();
    const values = Array.from({ length: 10_000 }, (_, i) => 0.05 + i * 0.01);
    for (const value of values) histogram.record(value);
    const exact = (p: number) => values[Math.ceil((p / 100) * values.length) - 1];
    for (const p of [50, 99, 99.9]) {
      expect(Math.abs(histogram.percentile(p) - exact(p)) / exact(p)).toBeLessThan(0.01);
    }
    expect(histogram.summary()).toMatchObject({ count: 10_000, max: values.at(-1) });
  });

  it('caps a percentile at the largest value recorded and counts negative values as 0', () => {
    const histogram = new LogHistogram();
    histogram.record(-0.002);
    histogram.record(3);
    expect(histogram.percentile(100)).toBe(3);
    expect(histogram.percentile(50)).toBeLessThanOrEqual(0.001);
    expect(histogram.summary().mean).toBe(1.5);
  });

  it('reports no figures when empty', () => {
    expect(Number.isNaN(new LogHistogram().summary().p99)).toBe(true);
  });
});
