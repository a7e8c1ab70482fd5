/**
 * A first-in first-out ring buffer of fixed capacity. `push` is O(1) and, when full, evicts the
 * oldest item (returned so the caller can count it); `take` removes up to n of the oldest.
 */
export class BoundedQueue<T> {
  private readonly items: Array<T | undefined>;
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new Error('BoundedQueue capacity must be a positive integer.');
    this.items = new Array<T | undefined>(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Appends; returns true when the oldest item had to be evicted to make room. */
  push(item: T): boolean {
    const tail = (this.head + this.count) % this.capacity;
    this.items[tail] = item;
    if (this.count < this.capacity) {
      this.count++;
      return false;
    }
    // Full: the slot written was the oldest one; the queue now starts one further on.
    this.head = (this.head + 1) % this.capacity;
    return true;
  }

  /** Removes and returns up to `n` of the oldest items, oldest first. */
  take(n: number): T[] {
    const k = Math.min(n, this.count);
    const out = new Array<T>(k);
    for (let i = 0; i < k; i++) {
      const index = (this.head + i) % this.capacity;
      out[i] = this.items[index] as T;
      this.items[index] = undefined;
    }
    this.head = (this.head + k) % this.capacity;
    this.count -= k;
    return out;
  }
}
