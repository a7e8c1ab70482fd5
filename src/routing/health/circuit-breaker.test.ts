import { describe, expect, it } from 'vitest';
import { CircuitBreaker, DEFAULT_BREAKER } from './circuit-breaker.js';

const options = { ...DEFAULT_BREAKER, windowMs: 30_000, windowSize: 20, minCalls: 5, failureRate: 0.5, openMs: 30_000 };

function failTimes(breaker: CircuitBreaker, times: number, at: number): void {
  for (let i = 0; i < times; i++) breaker.failure(at, 'normal');
}

describe('CircuitBreaker', () => {
  it('does not open on one error, nor below the minimum number of calls', () => {
    const breaker = new CircuitBreaker(options);
    failTimes(breaker, 4, 0);
    expect(breaker.state(0)).toBe('closed');
    expect(breaker.canPass(0)).toBe(true);
  });

  it('opens when the failure rate over the window reaches the threshold', () => {
    const breaker = new CircuitBreaker(options);
    for (let i = 0; i < 5; i++) breaker.success(0, 'normal');
    failTimes(breaker, 4, 0);
    expect(breaker.state(0)).toBe('closed'); // 4 / 9 < 50%
    breaker.failure(0, 'normal');
    expect(breaker.state(0)).toBe('open'); // 5 / 10
    expect(breaker.canPass(0)).toBe(false);
    expect(breaker.availableAt(0)).toBe(30_000);
  });

  it('forgets outcomes older than the window', () => {
    const breaker = new CircuitBreaker(options);
    failTimes(breaker, 4, 0);
    breaker.failure(30_001, 'normal'); // the first four left the window
    expect(breaker.state(30_001)).toBe('closed');
  });

  it('keeps only the most recent calls of the window', () => {
    const breaker = new CircuitBreaker({ ...options, windowSize: 10 });
    failTimes(breaker, 4, 0);
    for (let i = 0; i < 10; i++) breaker.success(1, 'normal'); // pushes the failures out
    failTimes(breaker, 4, 2);
    expect(breaker.state(2)).toBe('closed'); // 4 / 10 in the last ten calls
  });

  it('lets ONE probe through once the cooldown has passed; its success closes', () => {
    const breaker = new CircuitBreaker(options);
    failTimes(breaker, 5, 0);
    expect(breaker.begin(29_999)).toBeUndefined();
    expect(breaker.state(30_000)).toBe('half-open');
    expect(breaker.canPass(30_000)).toBe(true);
    expect(breaker.begin(30_000)).toBe('probe');
    expect(breaker.canPass(30_001)).toBe(false);
    expect(breaker.begin(30_001)).toBeUndefined(); // only one probe at a time
    breaker.success(30_500, 'probe');
    expect(breaker.state(30_500)).toBe('closed');
    expect(breaker.begin(30_500)).toBe('normal');
  });

  it('doubles the open time on each failed probe, up to the maximum', () => {
    const breaker = new CircuitBreaker({ ...options, maxOpenMs: 100_000 });
    failTimes(breaker, 5, 0);
    expect(breaker.availableAt(0)).toBe(30_000);
    let now = 30_000;
    const waits: number[] = [];
    for (let trip = 0; trip < 4; trip++) {
      expect(breaker.begin(now)).toBe('probe');
      breaker.failure(now, 'probe');
      waits.push(breaker.availableAt(now) - now);
      now = breaker.availableAt(now);
    }
    expect(waits).toEqual([60_000, 100_000, 100_000, 100_000]);
  });

  it('starts over at the base open time after recovering', () => {
    const breaker = new CircuitBreaker(options);
    failTimes(breaker, 5, 0);
    breaker.begin(30_000);
    breaker.failure(30_000, 'probe'); // open for 60 s
    breaker.begin(90_000);
    breaker.success(90_000, 'probe');
    failTimes(breaker, 5, 100_000);
    expect(breaker.availableAt(100_000)).toBe(130_000);
  });

  it('frees the probe when its call ends without a verdict, or after the probe timeout', () => {
    const breaker = new CircuitBreaker({ ...options, probeTimeoutMs: 10_000 });
    failTimes(breaker, 5, 0);
    expect(breaker.begin(30_000)).toBe('probe');
    breaker.release('probe');
    expect(breaker.begin(30_001)).toBe('probe');
    expect(breaker.begin(40_000)).toBeUndefined();
    expect(breaker.begin(40_001)).toBe('probe'); // the first one never reported
  });

  it('ignores late outcomes of calls that started before it opened', () => {
    const breaker = new CircuitBreaker(options);
    failTimes(breaker, 5, 0);
    breaker.success(1_000, 'normal');
    expect(breaker.state(1_000)).toBe('open');
    breaker.failure(31_000, 'normal');
    expect(breaker.state(31_000)).toBe('half-open');
  });

  it('lets a forced call through when open, and closes on its success', () => {
    const breaker = new CircuitBreaker(options);
    failTimes(breaker, 5, 0);
    expect(breaker.begin(1_000, true)).toBe('forced');
    breaker.failure(1_000, 'forced'); // no harsher penalty for a call we chose to force
    expect(breaker.availableAt(1_000)).toBe(30_000);
    breaker.success(2_000, 'forced');
    expect(breaker.state(2_000)).toBe('closed');
  });
});
