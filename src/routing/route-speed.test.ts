import { describe, expect, it } from 'vitest';
import { RouteSpeed } from './route-speed.js';

describe('RouteSpeed', () => {
  it('keeps moving averages per (channel, model), throughput only from samples that have it', () => {
    const speed = new RouteSpeed();
    speed.record('ch1', 'm', { ttftMs: 100, tokensPerSecond: 50 });
    expect(speed.get('ch1', 'm')).toEqual({ ttftMs: 100, tokensPerSecond: 50, samples: 1 });
    speed.record('ch1', 'm', { ttftMs: 200 });
    // 100 + 0.2 × (200 − 100)
    expect(speed.get('ch1', 'm')).toEqual({ ttftMs: 120, tokensPerSecond: 50, samples: 2 });
    expect(speed.get('ch1', 'other')).toBeUndefined();
    expect(speed.get('ch2', 'm')).toBeUndefined();
  });

  it('lists every measured route, most recently served first', () => {
    const speed = new RouteSpeed();
    speed.record('a', 'm1', { ttftMs: 10 });
    speed.record('b', 'm2', { ttftMs: 20, tokensPerSecond: 5 });
    speed.record('a', 'm1', { ttftMs: 10 });
    expect(speed.snapshot()).toEqual([
      { channelId: 'a', model: 'm1', ttftMs: 10, samples: 2 },
      { channelId: 'b', model: 'm2', ttftMs: 20, tokensPerSecond: 5, samples: 1 },
    ]);
  });

  it('forgets the route seen least recently past its bound', () => {
    const speed = new RouteSpeed();
    speed.record('first', 'm', { ttftMs: 1 });
    for (let i = 0; i < 10_000; i++) speed.record(`ch${i}`, 'm', { ttftMs: 1 });
    expect(speed.get('first', 'm')).toBeUndefined();
    expect(speed.get('ch9999', 'm')).toBeDefined();
  });

  it('gives the 95th percentile time to first byte over the last 64 answers, from 20 answers on', () => {
    const speed = new RouteSpeed();
    for (let i = 1; i <= 19; i++) speed.record('c', 'm', { ttftMs: i * 10 });
    expect(speed.ttftP95('c', 'm')).toBeUndefined();
    speed.record('c', 'm', { ttftMs: 200 });
    // 20 answers, 10..200 ms: the 19th smallest (ceil(0.95 × 20)).
    expect(speed.ttftP95('c', 'm')).toBe(190);
    expect(speed.snapshot()[0]?.ttftP95Ms).toBe(190);
    // 64 fast answers push the slow ones out of the window.
    for (let i = 0; i < 64; i++) speed.record('c', 'm', { ttftMs: 5 });
    expect(speed.ttftP95('c', 'm')).toBe(5);
    // Numeric order, not string order: 1000 is above 90.
    for (let i = 0; i < 60; i++) speed.record('c', 'm', { ttftMs: 90 });
    for (let i = 0; i < 4; i++) speed.record('c', 'm', { ttftMs: 1000 });
    expect(speed.ttftP95('c', 'm')).toBe(1000);
    expect(speed.ttftP95('c', 'other')).toBeUndefined();
  });
});
