import { describe, expect, it } from 'vitest';
import { BoundedQueue } from './bounded-queue.js';

describe('BoundedQueue', () => {
  it('takes in arrival order, across the wrap-around', () => {
    const queue = new BoundedQueue<number>(3);
    queue.push(1);
    queue.push(2);
    expect(queue.take(1)).toEqual([1]);
    queue.push(3);
    queue.push(4);
    expect(queue.size).toBe(3);
    expect(queue.take(10)).toEqual([2, 3, 4]);
    expect(queue.size).toBe(0);
    expect(queue.take(1)).toEqual([]);
  });

  it('evicts the oldest when full and says so', () => {
    const queue = new BoundedQueue<number>(2);
    expect(queue.push(1)).toBe(false);
    expect(queue.push(2)).toBe(false);
    expect(queue.push(3)).toBe(true);
    expect(queue.push(4)).toBe(true);
    expect(queue.take(5)).toEqual([3, 4]);
  });
});
