/**
 * Rerank emulators: Cohere (`POST /v2/rerank`, url = host root), Jina (`POST /v1/rerank`, url ends
 * in `/v1`) and DashScope (`POST /api/v1/services/rerank/text-rerank/text-rerank`, url = the
 * host's `/compatible-mode/v1`, where its channels point). Bearer keys, each vendor's error body,
 * scripted faults (429 with retry-after, 5xx, resets, hangs) as for the chat emulators.
 */
import {
  bodyRequestsStream,
  createEmulator,
  type GenerateRoute,
  type Route,
  type VendorAdapter,
} from './emulator-core.js';
import { type RerankVendor, rerankBody, rerankDocuments, rerankErrorBody } from './rerank-format.js';
import type { Reply } from './responder.js';
import { IdSource } from './tokens.js';
import type { Emulator, EmulatorOptions, Fault, RecordedRequest } from './types.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

const PATHS: Record<RerankVendor, { basePath: string; rerankPath: string }> = {
  cohere: { basePath: '', rerankPath: '/v2/rerank' },
  jina: { basePath: '/v1', rerankPath: '/v1/rerank' },
  dashscope: { basePath: '/compatible-mode/v1', rerankPath: '/api/v1/services/rerank/text-rerank/text-rerank' },
};

const STATUS_MESSAGES: Record<number, string> = {
  429: 'You are using a Trial key, which is limited to 10 API calls / minute.',
  500: 'internal server error, this has been reported to our developers',
  503: 'the service is temporarily unavailable',
};

function reply(status: number, body: string, headers: Record<string, string> = {}): Reply {
  return { status, headers: { ...JSON_HEADERS, ...headers }, frames: [body], stream: false, terminalFrames: 0 };
}

export async function startRerankEmulator(vendor: RerankVendor, options: EmulatorOptions = {}): Promise<Emulator> {
  const { basePath, rerankPath } = PATHS[vendor];
  const keys = options.apiKey === null ? null : [options.apiKey ?? 'test-key'].flat();
  const ids = new IdSource(`rerank:${vendor}`);
  const nextId = () => (vendor === 'jina' ? ids.next('', 24) : ids.next('', 36));

  const adapter: VendorAdapter = {
    basePath,
    route(req: RecordedRequest): Route {
      if (req.method === 'POST' && req.path === rerankPath) {
        return { kind: 'generate', stream: false, model: typeof req.body?.model === 'string' ? req.body.model : '' };
      }
      return { kind: 'reply', reply: reply(404, rerankErrorBody(vendor, 404, `no route for ${req.path}`, nextId())) };
    },
    check(req) {
      if (keys) {
        const match = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''));
        if (!match || !keys.includes(match[1].trim())) {
          return reply(401, rerankErrorBody(vendor, 401, 'invalid api token', nextId()));
        }
      }
      const body = req.body;
      const documents = vendor === 'dashscope' ? body?.input?.documents : body?.documents;
      const query = vendor === 'dashscope' ? body?.input?.query : body?.query;
      if (typeof body?.model !== 'string' || typeof query !== 'string' || rerankDocuments(documents).length === 0) {
        return reply(
          400,
          rerankErrorBody(vendor, 400, 'invalid request: model, query and documents are required', nextId()),
        );
      }
      if (vendor === 'cohere' && !documents.every((document: unknown) => typeof document === 'string')) {
        return reply(400, rerankErrorBody(vendor, 400, 'invalid request: documents must be strings', nextId()));
      }
      if (options.models && !options.models.includes(body.model)) {
        return reply(404, rerankErrorBody(vendor, 404, `model '${body.model}' not found`, nextId()));
      }
      return undefined;
    },
    success(req, _route: GenerateRoute, step) {
      return reply(200, rerankBody(vendor, req.body, step, nextId()));
    },
    httpError(fault: Extract<Fault, { type: 'http-error' }>) {
      const headers: Record<string, string> = { ...fault.headers };
      if (fault.retryAfterSeconds !== undefined) headers['retry-after'] = String(fault.retryAfterSeconds);
      if (fault.body !== undefined) {
        const body = typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
        return reply(fault.status, body, headers);
      }
      const message = fault.message ?? STATUS_MESSAGES[fault.status] ?? `HTTP ${fault.status}`;
      return reply(fault.status, rerankErrorBody(vendor, fault.status, message, nextId()), headers);
    },
    hooks() {
      return { inBandError: () => '', malformedFrame: () => '' };
    },
    fastRoute(path, _query, body) {
      return path === rerankPath ? bodyRequestsStream(body) : undefined;
    },
    fastAuth(req) {
      if (!keys) return true;
      const auth = req.headers.authorization;
      return typeof auth === 'string' && keys.includes(auth.slice(7).trim());
    },
    cannedRequest() {
      const body =
        vendor === 'dashscope'
          ? { model: 'gte-rerank-v2', input: { query: 'benchmark', documents: ['a', 'b'] } }
          : {
              model: vendor === 'cohere' ? 'rerank-v3.5' : 'jina-reranker-v2-base-multilingual',
              query: 'benchmark',
              documents: ['a', 'b'],
            };
      return {
        method: 'POST',
        path: rerankPath,
        query: {},
        headers: {},
        body,
        rawBody: JSON.stringify(body),
        receivedAt: 0,
      };
    },
    reset() {
      ids.reset();
    },
  };
  return createEmulator(adapter, options);
}
