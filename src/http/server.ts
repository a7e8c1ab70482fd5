import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import { type ClientLimits, DEFAULT_CLIENT_LIMITS } from '../config/client-limits.js';
import { GatewayError } from '../ir/index.js';
import type { Readiness } from '../platform/readiness.js';
import type { RelayDeps } from '../relay/relay-deps.js';
import { surfaceForPath } from '../surfaces/index.js';
import { clientErrorResponder } from './client-error.js';
import { guardConnections } from './connection-guard.js';
import { ConsoleSite, defaultConsoleDir } from './console/console-site.js';
import { DrainGate, installDrainGate } from './drain-gate.js';
import { errorHeaders, toGatewayError } from './error-response.js';
import { registerHealthRoutes } from './health-routes.js';
import { exceedsJsonDepth, jsonTooDeepError } from './json-depth.js';
import { registerAnthropicMessages } from './routes/anthropic-messages.js';
import { registerAudio } from './routes/audio.js';
import { registerChatCompletions } from './routes/chat-completions.js';
import { registerEmbeddings } from './routes/embeddings.js';
import { registerGemini } from './routes/gemini.js';
import { registerImages } from './routes/images.js';
import { registerModels } from './routes/models.js';
import { registerRerank } from './routes/rerank.js';
import { type ResponsesStoreOptions, registerResponses } from './routes/responses.js';
import { registerVideos, type VideoRouteServices } from './routes/videos.js';
import { trustedPeer } from './trusted-proxy.js';

const EXPOSED_HEADERS = [
  'x-request-id',
  'x-aihub-model',
  'x-aihub-provider',
  'x-aihub-attempts',
  'x-aihub-dropped-params',
  'retry-after',
].join(', ');

export interface ServerOptions {
  /** Largest accepted request body; larger gets a 413 (DESIGN.md §5: at least 32 MB). */
  bodyLimitBytes: number;
  /** Largest multipart upload (`/v1/images/edits`); default: `bodyLimitBytes`. */
  uploadLimitBytes?: number;
  /** Behind a reverse proxy: whose X-Forwarded-For to believe (client IPs, login limits). */
  trustProxy?: boolean | number | string;
  /** The built web console to serve at `/` (default: `dist/web`); `null` serves none. */
  consoleDir?: string | null;
  /** Bounds on what one client may send or hold (defaults: see `ClientLimits`). */
  clientLimits?: Partial<ClientLimits>;
  /** Stored OpenAI Responses (previous_response_id, GET, DELETE); absent: the Responses API is stateless. */
  responsesStore?: ResponsesStoreOptions;
  /** `/v1/videos` and its jobs; without it the routes are not served. */
  videos?: VideoRouteServices;
  /** Origins the console page may load scripts and frames from besides its own (the captcha's). */
  consoleScriptOrigins?: ReadonlyArray<string>;
  /** Draining state and in-flight handlers (graceful shutdown); default: a gate of its own. */
  drainGate?: DrainGate;
  /** What /readyz checks; absent: ready unless draining. */
  readiness?: Readiness;
}

/** Request ids: a per-process random prefix plus a counter, unique and cheap. */
function requestIdGenerator(): () => string {
  const prefix = randomBytes(6).toString('hex');
  let counter = 0;
  return () => `${prefix}${(++counter).toString(36).padStart(6, '0')}`;
}

/**
 * The HTTP foundation every route shares: JSON body parsing with the size limit, request ids,
 * CORS for `/v1`, and errors rendered once in the OpenAI envelope (never a stack trace).
 */
export function createHttpApp(options: ServerOptions & { logger: Logger; console?: ConsoleSite }): FastifyInstance {
  const renderError = (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const gatewayError = toGatewayError(error);
    if (gatewayError.kind === 'internal') options.logger.error({ requestId: request.id, err: error }, 'internal error');
    const envelope = surfaceForPath(request.url).encodeError(gatewayError, request.id);
    reply
      .code(gatewayError.status)
      .headers({ ...errorHeaders(gatewayError, request.id), ...envelope.headers })
      .send(envelope.body);
  };
  const nextRequestId = requestIdGenerator();
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimitBytes,
    genReqId: nextRequestId,
    // What Node's parser refuses (headers too large, broken HTTP) in the caller's envelope too.
    clientErrorHandler: clientErrorResponder({ nextRequestId, surfaceForPath }),
    // Clients send long streams; do not cut idle keep-alive sockets too early.
    keepAliveTimeout: 75_000,
    // No total time for a request: a large body may take long to arrive. Silence is bounded
    // instead, by the connection guard below (a total would also not stop a slow drip).
    requestTimeout: 0,
    // Fastify also takes a hop count at run time; its types only list the other forms.
    trustProxy: (options.trustProxy ?? false) as boolean | string,
    // The router refuses some URLs before any hook runs (a broken %-escape, an over-long path
    // parameter): they get the same envelope and request id as every other error.
    frameworkErrors: renderError,
    // While draining, requests on connections still open get 503 in their surface's envelope
    // from the drain gate below, not Fastify's own body.
    return503OnClosing: false,
  });
  // First, so every handler registered after it is counted, and refusals come before any work.
  const gate = options.drainGate ?? new DrainGate();
  installDrainGate(app, gate);

  // Slow or silent clients, and too many connections from one address, are cut at the socket.
  const limits: ClientLimits = { ...DEFAULT_CLIENT_LIMITS, ...options.clientLimits };
  guardConnections(app.server, {
    idleTimeoutMs: limits.clientIdleTimeoutMs,
    headersTimeoutMs: limits.headersTimeoutMs,
    maxConnectionsPerAddress: limits.maxConnectionsPerAddress,
    isTrustedProxy: trustedPeer(options.trustProxy),
    onRefused: refusalLogger(options.logger),
  });

  // Every body is parsed as JSON, whatever the content type says (or when it is missing, as
  // with a bare Python http.client call): plain JSON.parse is the fastest correct parser.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: options.bodyLimitBytes }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      // No body at all (DELETE, a bodiless POST): routes that need one say so.
      done(null, undefined);
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      done(invalidJson());
      return;
    }
    // JSON.parse itself never overflows, but code that walks the body recursively (the cache
    // key, JSON.stringify towards the upstream, schema conversions) would: bound depth once, here.
    if (exceedsJsonDepth(parsed, limits.jsonMaxDepth, text.length)) done(jsonTooDeepError(limits.jsonMaxDepth));
    else done(null, parsed);
  });

  // Set on the raw response so they survive routes that take the response over (hijack).
  app.addHook('onRequest', async (request, reply) => {
    reply.raw.setHeader('x-request-id', request.id);
    if (request.headers.origin && (request.url.startsWith('/v1/') || request.url.startsWith('/v1beta/'))) {
      // Browser apps call the API with a key, never with cookies: any origin may, without credentials.
      reply.raw.setHeader('access-control-allow-origin', '*');
      reply.raw.setHeader('access-control-expose-headers', EXPOSED_HEADERS);
    }
  });

  const preflight = async (_request: FastifyRequest, reply: FastifyReply) => {
    reply
      .code(204)
      .header('access-control-allow-methods', 'GET, POST, DELETE, OPTIONS')
      .header(
        'access-control-allow-headers',
        'authorization, content-type, x-api-key, x-goog-api-key, mj-api-secret, anthropic-version, anthropic-beta, anthropic-dangerous-direct-browser-access, openai-organization, openai-project, x-stainless-*, x-session-id',
      )
      .header('access-control-max-age', '86400')
      .send();
  };
  app.options('/v1/*', preflight);
  app.options('/v1beta/*', preflight);

  app.setErrorHandler(renderError);

  app.setNotFoundHandler((request, reply) => {
    // The console answers its files and client-side routes; API paths keep their JSON 404.
    if (options.console?.serve(request, reply)) return;
    const error = new GatewayError({
      kind: 'not_found',
      message: `Invalid URL (${request.method} ${request.url.split('?')[0]})`,
      code: 'unknown_url',
    });
    reply.code(404).send(surfaceForPath(request.url).encodeError(error, request.id).body);
  });

  registerHealthRoutes(app, { gate, ...(options.readiness ? { readiness: options.readiness } : {}) });
  return app;
}

/** Logs refused connections at most once every 10 seconds: a flood must not flood the log too. */
function refusalLogger(logger: Logger): (address: string) => void {
  let lastLoggedAt = 0;
  let refusedSince = 0;
  return (address) => {
    refusedSince += 1;
    const now = Date.now();
    if (now - lastLoggedAt < 10_000) return;
    logger.warn({ address, refused: refusedSince }, 'connections refused: too many open from one address');
    lastLoggedAt = now;
    refusedSince = 0;
  };
}

function invalidJson(): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    message:
      "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)",
    code: 'invalid_json',
  });
}

/** The gateway: the HTTP foundation plus the OpenAI-compatible relay routes. */
export function buildServer(deps: RelayDeps, options: ServerOptions): FastifyInstance {
  const consoleSite =
    options.consoleDir === null
      ? undefined
      : new ConsoleSite(options.consoleDir ?? defaultConsoleDir(), options.consoleScriptOrigins);
  const app = createHttpApp({ ...options, logger: deps.logger, console: consoleSite });
  registerChatCompletions(app, deps);
  registerEmbeddings(app, deps);
  registerAudio(app, deps);
  registerRerank(app, deps);
  registerImages(app, deps, { uploadLimitBytes: options.uploadLimitBytes ?? options.bodyLimitBytes });
  registerAnthropicMessages(app, deps);
  registerResponses(app, deps, options.responsesStore);
  registerGemini(app, deps);
  registerModels(app, deps);
  if (options.videos) registerVideos(app, deps, options.videos);
  return app;
}
