import { describe, expect, it } from 'vitest';
import { mapBounded } from './channel-test-all.js';

describe('mapBounded', () => {
  it('keeps at most `concurrency` in flight and returns results in order', async () => {
    let inFlight = 0;
    let peak = 0;
    const results = await mapBounded([30, 5, 20, 1, 10, 2], 2, async (ms) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, ms));
      inFlight -= 1;
      return ms * 2;
    });
    expect(results).toEqual([60, 10, 40, 2, 20, 4]);
    expect(peak).toBe(2);
  });

  it('handles no items and a concurrency above the item count', async () => {
    expect(await mapBounded([], 4, async () => 1)).toEqual([]);
    expect(await mapBounded([1], 16, async (value) => value + 1)).toEqual([2]);
  });
});
