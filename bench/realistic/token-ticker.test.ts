import { describe, expect, it } from 'vitest';
import { TokenTicker } from './token-ticker.js';

describe('TokenTicker', () => {
  it('ticks each stream once a period, in its own slot, and drops a stream once it is over', () => {
    let now = 0;
    const ticker = new TokenTicker(30, 3, () => now);
    const ticks: Array<[string, number]> = [];
    const stream = (name: string, tokens: number) => ({
      tick(at: number) {
        ticks.push([name, at]);
        return --tokens > 0;
      },
    });
    ticker.add(stream('a', 2));
    ticker.add(stream('b', 5));
    ticker.stop();
    for (now = 0; now <= 60; now += 5) ticker.serveDue(now);
    expect(ticks).toEqual([
      ['a', 10],
      ['b', 20],
      ['a', 40],
      ['b', 50],
    ]);
    expect(ticker.size).toBe(1);
  });

  it('serves a late slot once, without a burst to catch up', () => {
    let now = 0;
    const ticker = new TokenTicker(30, 1, () => now);
    let ticks = 0;
    ticker.add({ tick: () => ++ticks < 100 });
    ticker.stop();
    now = 200;
    ticker.serveDue(now);
    ticker.serveDue(now);
    expect(ticks).toBe(1);
  });
});
