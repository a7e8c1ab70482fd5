import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { GatewayError } from '../ir/index.js';
import { surfaceForPath } from '../surfaces/index.js';
import { errorHeaders } from './error-response.js';

/** Probes answer while draining: a load balancer must see /readyz turn 503, not a refusal. */
export const PROBE_PATHS: ReadonlySet<string> = new Set(['/healthz', '/health', '/readyz']);

/** What a refused request is told: come back in a second, to another replica. */
const RETRY_AFTER_MS = 1_000;

/**
 * The server's draining state and the route handlers still running. A handler is counted from its
 * start until its promise settles, not until its response ends: a relay settles the hold and
 * writes its log row after a cut stream's socket has closed, and the drain must wait for that
 * before it flushes the log and closes the database.
 */
export class DrainGate {
  private drainingSince: number | undefined;
  private active = 0;
  private idleWaiters: Array<() => void> = [];

  get draining(): boolean {
    return this.drainingSince !== undefined;
  }

  /** Handlers running now (requests and streams in flight). */
  get inFlight(): number {
    return this.active;
  }

  /** From now on new requests are refused and /readyz answers 503. */
  beginDraining(now = Date.now()): void {
    this.drainingSince ??= now;
  }

  /** Runs a handler, counted until it (and whatever promise it returns) is done. */
  track<T>(handler: () => T): T {
    this.active += 1;
    let result: T;
    try {
      result = handler();
    } catch (error) {
      this.finished();
      throw error;
    }
    if (result instanceof Promise) return result.finally(() => this.finished()) as T;
    this.finished();
    return result;
  }

  /** Resolves once no handler is running. */
  whenIdle(): Promise<void> {
    if (this.active === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private finished(): void {
    this.active -= 1;
    if (this.active > 0) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }
}

/** The error a request gets when it arrives on a connection still open while the server drains. */
export function shuttingDownError(): GatewayError {
  return new GatewayError({
    kind: 'overloaded',
    status: 503,
    message: 'This server is shutting down. Retry the request; another instance will answer it.',
    code: 'server_shutting_down',
    retryAfterMs: RETRY_AFTER_MS,
  });
}

/**
 * Counts every route handler in the gate, and refuses requests that arrive while draining with
 * 503, `retry-after` and `connection: close`, in the envelope of the surface the path belongs to.
 * Install before any route is registered (the counting wraps handlers as they are added).
 */
export function installDrainGate(app: FastifyInstance, gate: DrainGate): void {
  app.addHook('onRoute', (route) => {
    const handler = route.handler;
    route.handler = function trackedHandler(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      return gate.track(() => handler.call(this, request, reply));
    };
  });
  app.addHook('onRequest', async function refuseWhileDraining(request, reply) {
    if (!gate.draining || PROBE_PATHS.has(request.url.split('?')[0] ?? '')) return;
    const error = shuttingDownError();
    const envelope = surfaceForPath(request.url).encodeError(error, request.id);
    reply
      .code(error.status)
      .headers({ ...errorHeaders(error, request.id), ...envelope.headers, connection: 'close' })
      .send(envelope.body);
    return reply;
  });
}
