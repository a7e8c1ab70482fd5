/**
 * One clock for every open stream of the realistic upstream: streams are spread over `buckets`
 * slots of the token period (33.3 ms at 30 tokens/s), and one timer serves the slots as they fall
 * due. Thousands of streams cost one timer, not one each, and their frames leave spread evenly over
 * the period as real traffic does, not in one burst a period that would queue in every hop.
 */
export interface TickingStream {
  /** Sends the next token; returns false once the stream is over (finished or gone). */
  tick(now: number): boolean;
}

export class TokenTicker {
  private readonly slots: TickingStream[][];
  private readonly due: number[];
  private readonly slotMs: number;
  private next = 0;
  private timer: NodeJS.Timeout | undefined;
  private open = 0;

  constructor(
    private readonly periodMs: number,
    buckets: number,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.slots = Array.from({ length: buckets }, () => []);
    this.slotMs = periodMs / buckets;
    const start = clock();
    this.due = this.slots.map((_, i) => start + (i + 1) * this.slotMs);
  }

  get size(): number {
    return this.open;
  }

  /** Adds a stream to the slots in turn; its first tick is within one period. */
  add(stream: TickingStream): void {
    this.slots[this.next].push(stream);
    this.next = (this.next + 1) % this.slots.length;
    this.open += 1;
    this.timer ??= setTimeout(() => this.run(), 0);
  }

  /** Serves every slot that is due; exported for tests. */
  serveDue(now: number): void {
    for (let i = 0; i < this.slots.length; i++) {
      if (this.due[i] > now) continue;
      // After a stall, serve once and move on: no catch-up burst.
      this.due[i] = Math.max(this.due[i] + this.periodMs, now + this.slotMs);
      const slot = this.slots[i];
      let kept = 0;
      for (let j = 0; j < slot.length; j++) {
        if (slot[j].tick(this.clock())) slot[kept++] = slot[j];
      }
      this.open -= slot.length - kept;
      slot.length = kept;
    }
  }

  private run(): void {
    this.timer = undefined;
    this.serveDue(this.clock());
    if (this.open === 0) return;
    const wait = Math.max(0, Math.min(...this.due) - this.clock());
    this.timer = setTimeout(() => this.run(), wait);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
