/** FIFO of per-request script entries with a fallback default. */
import type { RecordedRequest, ScriptEntry, ScriptStep } from './types.js';

export class ScriptQueue {
  private queue: ScriptEntry[] = [];
  private head = 0;
  private fallback: ScriptEntry | undefined;

  enqueue(steps: ScriptEntry[]): void {
    this.queue.push(...steps);
  }

  setDefault(entry: ScriptEntry | undefined): void {
    this.fallback = entry;
  }

  /** True when nothing is queued and no default is set (fixed-response fast mode may be used). */
  get idle(): boolean {
    return this.head >= this.queue.length && this.fallback === undefined;
  }

  pending(): number {
    return this.queue.length - this.head;
  }

  /** Consumes the next queued entry (or the default) and resolves it against the request. */
  next(req: RecordedRequest): ScriptStep {
    let entry: ScriptEntry | undefined;
    if (this.head < this.queue.length) {
      entry = this.queue[this.head++];
      if (this.head > 1024 && this.head * 2 > this.queue.length) {
        this.queue = this.queue.slice(this.head);
        this.head = 0;
      }
    } else {
      entry = this.fallback;
    }
    if (entry === undefined) return {};
    return (typeof entry === 'function' ? entry(req) : entry) ?? {};
  }

  clear(): void {
    this.queue = [];
    this.head = 0;
    this.fallback = undefined;
  }
}
