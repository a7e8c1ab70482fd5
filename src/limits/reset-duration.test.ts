import { describe, expect, it } from 'vitest';
import { formatResetDuration } from './reset-duration.js';

describe('formatResetDuration', () => {
  it.each([
    [0, '0s'],
    [-5, '0s'],
    [0.2, '1ms'],
    [120, '120ms'],
    [999, '999ms'],
    [1000, '1s'],
    [1500, '1.5s'],
    [8640, '8.64s'],
    [59_999, '59.999s'],
    [60_000, '1m0s'],
    [360_000, '6m0s'],
    [90_500, '1m30.5s'],
    [3_723_000, '1h2m3s'],
    [3_600_000, '1h0m0s'],
  ])('%s ms → %s', (ms, text) => {
    expect(formatResetDuration(ms)).toBe(text);
  });
});
