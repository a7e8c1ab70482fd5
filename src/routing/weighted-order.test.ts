import { describe, expect, it } from 'vitest';
import { seededRandom as seeded } from './seeded-random.js';
import { weightedOrder } from './weighted-order.js';

describe('weightedOrder', () => {
  it('picks the first item in proportion to its weight', () => {
    const random = seeded(1);
    const firsts = { a: 0, b: 0, c: 0 };
    for (let i = 0; i < 6_000; i++) {
      const [first] = weightedOrder(['a', 'b', 'c'] as const, (item) => ({ a: 3, b: 2, c: 1 })[item], random);
      firsts[first as 'a' | 'b' | 'c']++;
    }
    expect(firsts.a / 6_000).toBeCloseTo(0.5, 1);
    expect(firsts.b / 6_000).toBeCloseTo(1 / 3, 1);
    expect(firsts.c / 6_000).toBeCloseTo(1 / 6, 1);
  });

  it('returns every item once (without replacement)', () => {
    const order = weightedOrder([1, 2, 3, 4, 5], () => 1, seeded(7));
    expect([...order].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('puts drained items (weight 0) after all others', () => {
    const random = seeded(3);
    for (let i = 0; i < 100; i++) {
      const order = weightedOrder(['drained', 'x', 'y'], (item) => (item === 'drained' ? 0 : 1), random);
      expect(order[2]).toBe('drained');
    }
  });

  it('is deterministic for a given random source', () => {
    const weights = (item: string) => item.length;
    expect(weightedOrder(['a', 'bb', 'ccc', 'dddd'], weights, seeded(42))).toEqual(
      weightedOrder(['a', 'bb', 'ccc', 'dddd'], weights, seeded(42)),
    );
  });

  it('picks by the cumulative weights: random 0.74 lands in the first of 3:1, 0.76 in the second', () => {
    expect(
      weightedOrder(
        ['a', 'b'],
        (item) => (item === 'a' ? 3 : 1),
        () => 0.74,
      ),
    ).toEqual(['a', 'b']);
    expect(
      weightedOrder(
        ['a', 'b'],
        (item) => (item === 'a' ? 3 : 1),
        () => 0.76,
      ),
    ).toEqual(['b', 'a']);
  });
});
