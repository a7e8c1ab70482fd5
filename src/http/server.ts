import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import { GatewayError } from '../ir/index.js';
import type { RelayDeps } from '../relay/relay-deps.js';
import { encodeError } from '../surfaces/openai/encode-error.js';
import type { KeyVerifier } from './auth.js';
import { errorHeaders, toGatewayError } from './error-response.js';
import { registerChatCompletions } from './routes/chat-completions.js';
import { registerModels } from './routes/models.js';

export interface ServerOptions {
  /** Largest accepted request body; larger gets a 413 (DESIGN.md §5: at least 32 MB). */
  bodyLimitBytes: number;
}

/** Request ids: a per-process random prefix plus a counter, unique and cheap. */
function requestIdGenerator(): () => string {
  const prefix = randomBytes(6).toString('hex');
  let counter = 0;
  return () => `${prefix}${(++counter).toString(36).padStart(6, '0')}`;
}

export function buildServer(deps: RelayDeps, keys: KeyVerifier, options: ServerOptions): FastifyInstance {
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimitBytes,
    genReqId: requestIdGenerator(),
    disableRequestLogging: true,
    // Clients send long streams; do not cut idle keep-alive sockets too early.
    keepAliveTimeout: 75_000,
    requestTimeout: 0,
  });

  // Every body is parsed as JSON, whatever the content type says (or when it is missing, as
  // with a bare Python http.client call): plain JSON.parse is the fastest correct parser.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string', bodyLimit: options.bodyLimitBytes }, (_request, body, done) => {
    const text = body as string;
    if (text.trim() === '') {
      done(new GatewayError({ kind: 'invalid_request', message: 'The request body is empty; it must be a JSON object.' }));
      return;
    }
    try {
      done(null, JSON.parse(text));
    } catch {
      done(
        new GatewayError({
          kind: 'invalid_request',
          message:
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload.)",
          code: 'invalid_json',
        }),
      );
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  app.setErrorHandler((error, request, reply) => {
    const gatewayError = toGatewayError(error);
    if (gatewayError.kind === 'internal') deps.logger.error({ requestId: request.id, err: error }, 'internal error');
    reply.code(gatewayError.status).headers(errorHeaders(gatewayError, request.id)).send(encodeError(gatewayError));
  });

  app.setNotFoundHandler((request, reply) => {
    const error = new GatewayError({
      kind: 'not_found',
      message: `Invalid URL (${request.method} ${request.url.split('?')[0]})`,
      code: 'unknown_url',
    });
    reply.code(404).send(encodeError(error));
  });

  app.get('/health', async () => ({ status: 'ok' }));
  registerChatCompletions(app, deps, keys);
  registerModels(app, deps, keys);
  return app;
}
