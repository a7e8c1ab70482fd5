import type { FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayError } from '../../ir/index.js';
import { publicBaseFor } from '../../platform/public-origin.js';
import { mjTaskImage } from '../../relay/midjourney/mj-image.js';
import type { MjJob } from '../../relay/midjourney/mj-job.js';
import type { MidjourneyRouteDeps } from '../../relay/midjourney/mj-ports.js';
import { submitMidjourney } from '../../relay/midjourney/mj-submit.js';
import { fetchMjTask, listMjTasks, type MjTaskReader } from '../../relay/midjourney/mj-task-lookup.js';
import type { RelayCaller } from '../../relay/relay-ports.js';
import { RelayTrace } from '../../relay/relay-trace.js';
import type { MjSubmitRoute } from '../../surfaces/midjourney/decode-submit.js';
import { encodeMjError } from '../../surfaces/midjourney/encode-error.js';
import { authenticateCaller } from '../authenticate.js';
import { nodeClientConnection } from '../client-connection.js';
import { errorHeaders, toGatewayError } from '../error-response.js';
import { callFailure, recordRelayedCall } from './relayed-call.js';

interface Registrar {
  post(path: string, handler: (request: FastifyRequest, reply: FastifyReply) => Promise<void>): unknown;
  get(path: string, handler: (request: FastifyRequest, reply: FastifyReply) => Promise<void>): unknown;
}

const SUBMIT_ROUTES: readonly MjSubmitRoute[] = ['imagine', 'action', 'blend', 'describe', 'modal'];

/**
 * The Midjourney proxy's API (novicezk/midjourney-proxy, as one-api/new-api relay it): clients of
 * such a proxy point at AIHub and use their AIHub key (`mj-api-secret` or `Authorization: Bearer`).
 * Answers and errors are in the proxy's shapes (`{code, description, result}`, task objects); a
 * submission leaves one request-log row (`midjourney`); task reads answer only the caller's tasks.
 */
export function registerMidjourney(app: Registrar, deps: MidjourneyRouteDeps): void {
  for (const route of SUBMIT_ROUTES) {
    app.post(
      `/mj/submit/${route}`,
      mjHandler(deps, { logged: true }, ({ request, caller, trace, signal }) =>
        submitMidjourney({ requestId: request.id, caller, route, body: request.body, trace, signal }, deps),
      ),
    );
  }
  app.get(
    '/mj/task/:id/fetch',
    mjHandler(deps, { logged: false }, ({ request, caller }) =>
      fetchMjTask((request.params as { id: string }).id, caller, taskReader(deps, request)),
    ),
  );
  app.post(
    '/mj/task/list-by-condition',
    mjHandler(deps, { logged: false }, ({ request, caller }) =>
      listMjTasks(request.body, caller, taskReader(deps, request)),
    ),
  );
  app.get('/mj/image/:id', async (request, reply) => {
    reply.hijack();
    const res = reply.raw;
    try {
      const image = await mjTaskImage(
        (request.params as { id: string }).id,
        request.query as { expires?: unknown; signature?: unknown },
        { ...deps.images, links: deps.links },
      );
      res.writeHead(200, {
        'content-type': image.mediaType,
        'content-length': image.data.length,
        'cache-control': 'private, max-age=3600',
        'x-content-type-options': 'nosniff',
        'x-request-id': request.id,
      });
      res.end(image.data);
    } catch (error) {
      writeMjError(res, toGatewayError(error), request.id);
    }
  });
}

/** Where task images point: AIHub's signed links when the operator serves them, else the upstream's. */
function taskReader(deps: MidjourneyRouteDeps, request: FastifyRequest): MjTaskReader {
  if (!deps.proxyImages()) return { jobs: deps.jobs };
  // The links go back to the caller that asked for its own tasks.
  const origin = publicBaseFor(deps.publicBaseUrl(), request);
  return { jobs: deps.jobs, imageUrl: (job: MjJob) => `${origin}${deps.links.pathFor(job.id)}` };
}

interface MjCall {
  request: FastifyRequest;
  caller: RelayCaller;
  trace: RelayTrace;
  signal: AbortSignal;
}

/** Authenticate, run, answer JSON with status 200 or the failure in the proxy's envelope; log submissions. */
function mjHandler(deps: MidjourneyRouteDeps, options: { logged: boolean }, work: (call: MjCall) => Promise<unknown>) {
  const relay = deps.relay;
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    reply.hijack();
    const client = nodeClientConnection(reply.raw, request.id);
    const startedAt = performance.now();
    const createdAt = relay.now();
    // Only logged calls (submissions) end their span, with the log entry: reads of a task get none.
    const trace = new RelayTrace(options.logged ? relay.tracing?.start(request) : undefined);
    trace.endpoint = 'midjourney';
    let caller: RelayCaller | undefined;
    let failure: GatewayError | undefined;
    try {
      caller = await authenticateCaller(request, relay);
      client.sendJson(200, {}, await work({ request, caller, trace, signal: client.signal }));
    } catch (error) {
      failure = callFailure(error, request.id, relay);
      writeMjError(reply.raw, failure, request.id);
    } finally {
      if (options.logged) {
        recordRelayedCall(
          relay,
          request,
          { startedAt, createdAt, trace },
          {
            caller,
            status: failure ? failure.status : 200,
            stream: false,
            error: failure,
          },
        );
      }
    }
  };
}

function writeMjError(res: FastifyReply['raw'], error: GatewayError, requestId: string): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const { status, body } = encodeMjError(error);
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...errorHeaders(error, requestId),
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}
