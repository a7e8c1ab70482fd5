import { collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import type { OpenStreams } from '../relay/relay-deps.js';
import type { KnownModels } from './metric-labels.js';
import { type PlatformState, registerPlatformGauges } from './platform-gauges.js';
import { RequestMetrics } from './request-metrics.js';
import { type RoutingState, registerRoutingGauges } from './routing-gauges.js';

export interface GatewayMetricsOptions {
  version: string;
  known: KnownModels;
  routing: RoutingState;
  platform: PlatformState;
}

export interface GatewayMetrics {
  /** What `/metrics` serves: this process's metrics, in Prometheus's text format. */
  registry: Registry;
  /** Fed once per finished request by the request log adapter. */
  requests: RequestMetrics;
  /** The relay's open-streams port. */
  openStreams: OpenStreams;
}

/**
 * Every metric of one gateway process, in a registry of its own (not prom-client's global one:
 * several apps in one test process must not share counters). Node's own metrics (event-loop lag,
 * GC, memory, handles) come from prom-client's defaults under their usual names.
 */
export function createGatewayMetrics(options: GatewayMetricsOptions): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'aihub_build_info',
    help: 'Always 1; the labels say which AIHub and which Node.js run.',
    labelNames: ['version', 'node_version'],
    registers: [registry],
  }).set({ version: options.version, node_version: process.version }, 1);
  const streams = new Gauge({
    name: 'aihub_open_streams',
    help: 'Streamed answers being sent to clients now (from their first byte to their end).',
    registers: [registry],
  });
  const requests = new RequestMetrics(registry, options.known);
  registerRoutingGauges(registry, options.routing);
  registerPlatformGauges(registry, options.platform);
  return {
    registry,
    requests,
    openStreams: {
      opened: () => streams.inc(),
      closed: () => streams.dec(),
    },
  };
}
