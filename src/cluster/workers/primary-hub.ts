import type { PrimaryMessage, WorkerMessage } from './ipc-messages.js';
import { isWorkerMessage } from './ipc-messages.js';

/** The primary's end of one worker's channel: a cluster.Worker, a fake in tests. */
export interface WorkerChannel {
  send(message: PrimaryMessage): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  isConnected(): boolean;
}

/** The methods a worker may call on one hosted object; nothing else of it is reachable. */
// biome-ignore lint/suspicious/noExplicitAny: each method checks its own arguments' use
export type HostedMethods = Record<string, (...args: any[]) => unknown>;

interface Attached {
  instanceId?: string;
}

/**
 * The state the workers of one machine share when there is no Redis to share it in: the primary
 * holds it in memory, like one small Redis, and each worker reaches it over IPC (worker-stores.ts).
 * It also relays configuration changes from one worker to the others, and tells a live worker to
 * release what a dead one held.
 */
export class PrimaryHub {
  private readonly targets = new Map<string, HostedMethods>();
  private readonly workers = new Map<WorkerChannel, Attached>();
  /** Instances of workers that died with no live worker to clean up after them yet. */
  private readonly deadInstances = new Set<string>();
  private readonly deathHooks: Array<(instanceId: string) => void> = [];
  private readonly helloHooks: Array<(worker: WorkerChannel) => void> = [];

  /** Makes `methods` callable from workers as `name.method(...)`. */
  host(name: string, methods: HostedMethods): void {
    this.targets.set(name, methods);
  }

  /** Runs `hook` in the primary when a worker's instance died (e.g. drop its concurrency leases). */
  onInstanceDied(hook: (instanceId: string) => void): void {
    this.deathHooks.push(hook);
  }

  /**
   * Runs `hook` when a worker says hello: from then on it hears messages (one sent while it was
   * still loading its modules would be lost).
   */
  onHello(hook: (worker: WorkerChannel) => void): void {
    this.helloHooks.push(hook);
  }

  /** Whether `worker` has said hello (see onHello). */
  listening(worker: WorkerChannel): boolean {
    return this.workers.get(worker)?.instanceId !== undefined;
  }

  attach(worker: WorkerChannel): void {
    this.workers.set(worker, {});
    worker.on('message', (message) => {
      if (isWorkerMessage(message)) this.receive(worker, message);
    });
  }

  /**
   * The worker's process ended. When it did not stop cleanly its reservations are still open:
   * a live worker releases them now (the orphan sweep would wait for the heartbeat to go stale).
   */
  detach(worker: WorkerChannel, options: { crashed: boolean }): void {
    const instanceId = this.workers.get(worker)?.instanceId;
    this.workers.delete(worker);
    if (!instanceId || !options.crashed) return;
    for (const hook of this.deathHooks) hook(instanceId);
    this.deadInstances.add(instanceId);
    this.reportDeadInstances();
  }

  private receive(worker: WorkerChannel, message: WorkerMessage): void {
    switch (message.aihub) {
      case 'call':
        void this.answer(worker, message.id, message.target, message.method, message.args);
        return;
      case 'publish':
        for (const [other] of this.workers) {
          if (other !== worker && other.isConnected()) other.send({ aihub: 'config', message: message.message });
        }
        return;
      case 'hello': {
        const attached = this.workers.get(worker);
        if (attached) attached.instanceId = message.instanceId;
        this.reportDeadInstances();
        for (const hook of this.helloHooks) hook(worker);
        return;
      }
    }
  }

  private async answer(worker: WorkerChannel, id: number, target: string, method: string, args: unknown[]) {
    let reply: PrimaryMessage;
    try {
      const hosted = this.targets.get(target);
      const fn = hosted && Object.hasOwn(hosted, method) ? hosted[method] : undefined;
      if (!fn) throw new Error(`no such call: ${target}.${method}`);
      reply = { aihub: 'reply', id, ok: true, value: await fn(...(Array.isArray(args) ? args : [])) };
    } catch (error) {
      reply = { aihub: 'reply', id, ok: false, error: error instanceof Error ? error.message : String(error) };
    }
    if (worker.isConnected()) worker.send(reply);
  }

  /** Tells every live worker that has said hello; the sweep is idempotent, so several may run it. */
  private reportDeadInstances(): void {
    if (this.deadInstances.size === 0) return;
    const live = [...this.workers].filter(([worker, attached]) => attached.instanceId && worker.isConnected());
    if (live.length === 0) return;
    for (const instanceId of this.deadInstances) {
      for (const [worker] of live) worker.send({ aihub: 'instance-died', instanceId });
    }
    this.deadInstances.clear();
  }
}
