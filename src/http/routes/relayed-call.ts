/**
 * The frame every relayed endpoint's handler shares (chat surfaces, JSON endpoints, audio,
 * images, Midjourney): take the raw response over from Fastify, start the clock and the trace,
 * turn whatever the work threw into one GatewayError, and leave one request-log record. Each
 * handler keeps what differs: how it answers, and what status and stream flag it logs.
 */

import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayError } from '../../ir/index.js';
import type { RequestEndpoint } from '../../logs/request-log-entry.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import type { RelayCaller } from '../../relay/relay-ports.js';
import { RelayTrace } from '../../relay/relay-trace.js';
import type { Surface } from '../../surfaces/surface.js';
import { toGatewayError } from '../error-response.js';

export interface RelayedCall {
  res: ServerResponse;
  /** performance.now() at arrival, for the logged latency. */
  startedAt: number;
  /** Unix milliseconds at arrival. */
  createdAt: number;
  trace: RelayTrace;
}

/**
 * Hijacks the reply (the relay writes to the raw response directly, the cheapest path, DESIGN.md
 * §5), sets the surface's answer headers and opens the call's trace, marked with its surface and
 * endpoint.
 */
export function beginRelayedCall(
  request: FastifyRequest,
  reply: FastifyReply,
  deps: Pick<RelayDeps, 'now' | 'tracing'>,
  surface: Surface,
  endpoint?: RequestEndpoint,
): RelayedCall {
  reply.hijack();
  const res = reply.raw;
  // Set before any writeHead, which merges them into every answer: JSON, stream or error.
  for (const [name, value] of Object.entries(surface.answerHeaders?.(request.id) ?? {})) res.setHeader(name, value);
  const startedAt = performance.now();
  const createdAt = deps.now();
  const trace = new RelayTrace(deps.tracing?.start(request));
  trace.surface = surface.id;
  if (endpoint) trace.endpoint = endpoint;
  return { res, startedAt, createdAt, trace };
}

/** What the work threw, as a GatewayError; an internal one is logged with its cause (the client sees only its kind). */
export function callFailure(error: unknown, requestId: string, deps: Pick<RelayDeps, 'logger'>): GatewayError {
  const failure = toGatewayError(error);
  if (failure.kind === 'internal') deps.logger.error({ requestId, err: error }, 'internal error');
  return failure;
}

/** The call's one request-log record, its latency measured now. */
export function recordRelayedCall(
  deps: Pick<RelayDeps, 'log'>,
  request: FastifyRequest,
  call: Pick<RelayedCall, 'startedAt' | 'createdAt' | 'trace'>,
  outcome: { caller: RelayCaller | undefined; status: number; stream: boolean; error: GatewayError | undefined },
): void {
  deps.log.record({
    requestId: request.id,
    createdAt: call.createdAt,
    caller: outcome.caller,
    clientIp: request.ip,
    status: outcome.status,
    stream: outcome.stream,
    latencyMs: Math.round(performance.now() - call.startedAt),
    trace: call.trace,
    error: outcome.error,
  });
}
