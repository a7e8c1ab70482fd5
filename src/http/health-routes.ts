import type { FastifyInstance } from 'fastify';
import type { Readiness } from '../platform/readiness.js';
import type { DrainGate } from './drain-gate.js';

export interface HealthRouteOptions {
  gate: DrainGate;
  /** The dependencies /readyz checks; absent: ready unless draining. */
  readiness?: Readiness;
}

/**
 * Kubernetes-style probes, unauthenticated and cheap. `/healthz` (and the older `/health`) says
 * the process is alive: 200 while the event loop runs, draining or not (a liveness probe that
 * failed during a drain would get the process killed mid-stream). `/readyz` says whether to send
 * it traffic: 503 with the reasons when a dependency is down or the process is draining.
 */
export function registerHealthRoutes(app: FastifyInstance, options: HealthRouteOptions): void {
  const alive = async () => ({ status: 'ok' });
  app.get('/healthz', alive);
  app.get('/health', alive);
  app.get('/readyz', async (_request, reply) => {
    const report = options.readiness
      ? await options.readiness.report(options.gate.draining)
      : {
          status: options.gate.draining ? 'draining' : 'ready',
          checks: {},
          notReady: options.gate.draining ? ['draining'] : [],
        };
    reply
      .code(report.status === 'ready' ? 200 : 503)
      .header('cache-control', 'no-store')
      .send(report);
  });
}
