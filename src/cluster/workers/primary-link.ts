import type { PrimaryMessage, WorkerMessage } from './ipc-messages.js';
import { isPrimaryMessage } from './ipc-messages.js';

/** The worker's end of the IPC channel: `process` in a cluster worker, a fake in tests. */
export interface WorkerPort {
  send(message: WorkerMessage): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
}

/**
 * How long a worker waits for the primary's answer. The primary answers from memory in well under
 * a millisecond; past this it is stuck or gone, and the caller treats it like a failed Redis.
 */
export const PRIMARY_CALL_TIMEOUT_MS = 2_000;

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Calls into the state the primary keeps for all workers (concurrency leases, cached answers,
 * sticky routes, metrics) and hears what it broadcasts. One link per worker process.
 */
export class PrimaryLink {
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<(message: PrimaryMessage) => void>();
  private nextId = 0;
  private connected = true;

  constructor(
    private readonly port: WorkerPort,
    private readonly timeoutMs: number = PRIMARY_CALL_TIMEOUT_MS,
  ) {
    port.on('message', (message) => {
      if (isPrimaryMessage(message)) this.receive(message);
    });
    port.on('disconnect', () => {
      this.connected = false;
      for (const [id, call] of this.pending) this.settle(id, call, new Error('the primary process is gone'));
    });
  }

  /** `timeoutMs`: for calls that wait on more than the primary's memory (a scrape asks every worker). */
  call<T>(target: string, method: string, args: unknown[], timeoutMs: number = this.timeoutMs): Promise<T> {
    if (!this.connected) return Promise.reject(new Error('the primary process is gone'));
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(
        () =>
          this.settle(id, this.pending.get(id), new Error(`the primary did not answer ${target}.${method} in time`)),
        timeoutMs,
      );
      timer.unref();
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
      this.port.send({ aihub: 'call', id, target, method, args });
    });
  }

  send(message: WorkerMessage): void {
    if (this.connected) this.port.send(message);
  }

  /** Hears the primary's broadcasts (configuration changes, dead instances). */
  listen(listener: (message: PrimaryMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private receive(message: PrimaryMessage): void {
    if (message.aihub === 'reply') {
      const call = this.pending.get(message.id);
      if (!call) return; // answered after its timeout
      if (message.ok) this.settle(message.id, call, undefined, message.value);
      else this.settle(message.id, call, new Error(message.error));
      return;
    }
    for (const listener of this.listeners) {
      try {
        listener(message);
      } catch {
        // One broken listener must not stop the others.
      }
    }
  }

  private settle(id: number, call: Pending | undefined, error?: Error, value?: unknown): void {
    if (!call) return;
    this.pending.delete(id);
    clearTimeout(call.timer);
    if (error) call.reject(error);
    else call.resolve(value);
  }
}
