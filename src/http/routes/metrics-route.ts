import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { GatewayError } from '../../ir/index.js';
import type { ScrapeRefusal, ScrapeRequest } from '../metrics-guard.js';

export interface MetricsRouteOptions {
  registry: Registry;
  /** The text to serve when it is not just this process's registry (a worker's: every worker's, summed). */
  scrape?: () => Promise<string>;
  /** Who may scrape (metrics-guard.ts): undefined lets the request in. */
  guard: (request: ScrapeRequest) => ScrapeRefusal | undefined;
}

/**
 * GET /metrics: this process's metrics in Prometheus's text format, for whoever the operator lets
 * in (a bearer token, an address allow-list, or loopback by default). A refused scrape gets the
 * usual error envelope and no metric text.
 */
export function registerMetricsRoute(app: FastifyInstance, options: MetricsRouteOptions): void {
  app.get('/metrics', async (request, reply) => {
    const refusal = options.guard({
      authorization: request.headers.authorization,
      peerAddress: request.socket.remoteAddress,
      forwardedAddress: request.ip,
    });
    if (refusal === 'token') {
      reply.header('www-authenticate', 'Bearer realm="metrics"');
      throw new GatewayError({
        kind: 'authentication',
        message: 'Scraping /metrics needs the metrics token (AIHUB_METRICS_TOKEN) as a bearer token.',
        code: 'invalid_metrics_token',
      });
    }
    if (refusal === 'address') {
      throw new GatewayError({
        kind: 'permission',
        message: 'Your address may not scrape /metrics (AIHUB_METRICS_ALLOW).',
        code: 'metrics_address_not_allowed',
      });
    }
    const text = await (options.scrape ? options.scrape() : options.registry.metrics());
    reply.header('content-type', options.registry.contentType).header('cache-control', 'no-store');
    return text;
  });
}
