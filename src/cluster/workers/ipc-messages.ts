import type { ReceivedConfigMessage } from '../config-bus.js';

/**
 * What a worker and its primary say to each other over the cluster's IPC channel. Every message
 * carries `aihub` (its kind), so they never mix with other users of the channel
 * (rate-limiter-flexible's cluster limiter, prom-client's metric aggregation).
 */
export type WorkerMessage =
  /** Run `method` of the primary's `target` (an allow-listed store) with `args`. */
  | { aihub: 'call'; id: number; target: string; method: string; args: unknown[] }
  /** A configuration change, for every other worker. */
  | { aihub: 'publish'; message: ReceivedConfigMessage }
  /** Sent once at start: whose reservations and leases this worker holds. */
  | { aihub: 'hello'; instanceId: string };

export type PrimaryMessage =
  | { aihub: 'reply'; id: number; ok: true; value?: unknown }
  | { aihub: 'reply'; id: number; ok: false; error: string }
  | { aihub: 'config'; message: ReceivedConfigMessage }
  /** Stop: drain and exit (`now`: end the drain at once, as a second SIGTERM does). */
  | { aihub: 'stop'; now: boolean }
  /** A worker process ended without stopping cleanly: release what its instance held, now. */
  | { aihub: 'instance-died'; instanceId: string };

function isAihubMessage(value: unknown): boolean {
  return typeof value === 'object' && value !== null && typeof (value as { aihub?: unknown }).aihub === 'string';
}

/** Both ends trust the other's shape (the same build on both sides); this only filters other users of the channel. */
export const isWorkerMessage = isAihubMessage as (value: unknown) => value is WorkerMessage;
export const isPrimaryMessage = isAihubMessage as (value: unknown) => value is PrimaryMessage;
