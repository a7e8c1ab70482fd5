import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayError } from '../../ir/index.js';
import type { RequestEndpoint } from '../../logs/request-log-entry.js';
import type { RelayDeps } from '../../relay/relay-deps.js';
import type { RelayCaller } from '../../relay/relay-ports.js';
import type { RelayTrace } from '../../relay/relay-trace.js';
import type { Surface } from '../../surfaces/surface.js';
import { authenticateCaller } from '../authenticate.js';
import { nodeClientConnection } from '../client-connection.js';
import { writeErrorResponse } from '../error-response.js';
import { beginRelayedCall, callFailure, recordRelayedCall } from './relayed-call.js';

/** One authenticated call of a JSON endpoint, for the work that answers it. */
export interface JsonEndpointCall {
  request: FastifyRequest;
  caller: RelayCaller;
  trace: RelayTrace;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
}

/** A JSON endpoint's answer: its body, and headers (`x-ratelimit-*`). */
export interface JsonEndpointAnswer {
  body: unknown;
  headers: Record<string, string>;
}

/**
 * The handler of a non-streaming endpoint beside the generations (a token count, embeddings):
 * authenticate, run the endpoint's work, answer it as JSON or any failure in the surface's own
 * envelope, and leave one request-log record on the surface, marked with the endpoint, so
 * operators see these calls beside the generations and can tell them apart.
 */
export function jsonEndpointHandler(
  surface: Surface,
  endpoint: RequestEndpoint,
  deps: RelayDeps,
  answer: (call: JsonEndpointCall) => Promise<JsonEndpointAnswer>,
) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const call = beginRelayedCall(request, reply, deps, surface, endpoint);
    const { res, trace } = call;
    const client = nodeClientConnection(res, request.id);
    let caller: RelayCaller | undefined;
    let failure: GatewayError | undefined;
    try {
      caller = await authenticateCaller(request, deps);
      const answered = await answer({ request, caller, trace, signal: client.signal });
      client.sendJson(200, answered.headers, answered.body);
    } catch (error) {
      failure = callFailure(error, request.id, deps);
      writeErrorResponse(res, failure, request.id, surface);
    } finally {
      recordRelayedCall(deps, request, call, {
        caller,
        status: failure ? failure.status : 200,
        stream: false,
        error: failure,
      });
    }
  };
}
