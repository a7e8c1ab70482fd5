import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayError } from '../../ir/index.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import type { RelayCaller } from '../../relay/relay-ports.js';
import { relayRequest } from '../../relay/relay-request.js';
import type { RelayTrace } from '../../relay/relay-trace.js';
import type { Surface, SurfaceInput } from '../../surfaces/surface.js';
import { authenticateCaller } from '../authenticate.js';
import { nodeClientConnection } from '../client-connection.js';
import { writeErrorResponse } from '../error-response.js';
import { beginRelayedCall, callFailure, recordRelayedCall } from './relayed-call.js';

/** What a route may do around the shared pipeline (the Responses store reads history and saves answers). */
export interface SurfaceRouteHooks {
  /** The request as the surface will decode it (e.g. with stored history resolved). */
  prepare?(input: SurfaceInput, caller: RelayCaller): Promise<SurfaceInput> | SurfaceInput;
  /**
   * After the pipeline ends and the answer was sent, whatever the outcome (the trace says what
   * happened); `input` is what `prepare` returned, absent when the request failed before it.
   */
  finished?(trace: RelayTrace, caller: RelayCaller | undefined, input: SurfaceInput | undefined): Promise<void> | void;
}

/**
 * The handler of one relayed endpoint: authenticate, run the shared pipeline with the surface,
 * answer any failure in the surface's own envelope, and leave one request-log record. The
 * handler takes the raw response over from Fastify (hijack): the relay streams to it directly,
 * which is the cheapest path (DESIGN.md §5).
 */
export function surfaceHandler(surface: Surface, deps: RelayDeps, hooks: SurfaceRouteHooks = {}) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const call = beginRelayedCall(request, reply, deps, surface);
    const { res, startedAt, trace } = call;
    const client = nodeClientConnection(res, request.id);
    let caller: RelayCaller | undefined;
    let failure: GatewayError | undefined;
    let prepared: SurfaceInput | undefined;
    try {
      caller = await authenticateCaller(request, deps);
      let input: SurfaceInput = {
        body: request.body,
        headers: request.headers,
        query: (request.query ?? {}) as Record<string, unknown>,
        params: (request.params ?? {}) as Record<string, string>,
      };
      if (hooks.prepare) input = await hooks.prepare(input, caller);
      prepared = input;
      await relayRequest({ requestId: request.id, caller, surface, input, startedAt, trace }, client, deps);
    } catch (error) {
      failure = callFailure(error, request.id, deps);
      writeErrorResponse(res, failure, request.id, surface);
    } finally {
      recordRelayedCall(deps, request, call, {
        caller,
        status: failure ? failure.status : 200,
        stream: trace.request?.stream === true,
        error: failure ?? trace.streamError,
      });
    }
    if (hooks.finished) {
      await Promise.resolve()
        .then(() => hooks.finished?.(trace, caller, prepared))
        .catch((error: unknown) =>
          deps.logger.error({ requestId: request.id, err: error }, 'after-request hook failed'),
        );
    }
  };
}
