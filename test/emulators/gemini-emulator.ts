/**
 * Gemini Developer API emulator: POST /v1beta/models/{model}:generateContent,
 * :streamGenerateContent?alt=sse (SSE with `\r\n\r\n` separators) and :streamGenerateContent without
 * alt (a JSON array streamed element by element), :countTokens (`{contents}` or
 * `{generateContentRequest}`; checked, scripted and faulted like a generation), :batchEmbedContents
 * and :embedContent (deterministic vectors, embedding-format.ts), image output from image models
 * (generateContent with responseModalities IMAGE; whole answers in image-format.ts, a chat answer's
 * image chunk in gemini-image-answer.ts) and Imagen's :predict (image-format.ts), GET /v1beta/models.
 */
import { planResponse } from './content.js';
import { geminiEmbedBody } from './embedding-format.js';
import { createEmulator, type GenerateRoute, type Route, type VendorAdapter } from './emulator-core.js';
import { geminiChunks, geminiFacts, googleError, googleJson } from './gemini-format.js';
import { asksForImage, withImageAnswer } from './gemini-image-answer.js';
import { geminiImageBody, imagenPredictBody } from './image-format.js';
import type { Reply } from './responder.js';
import { IdSource } from './tokens.js';
import type { Emulator, EmulatorOptions, Fault, RecordedRequest } from './types.js';

export type GeminiEmulatorOptions = EmulatorOptions;

export const GEMINI_DEFAULT_MODELS = ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-2.0-flash', 'gemini-3-pro-preview'];
const JSON_TYPE = 'application/json; charset=UTF-8';
const COMMON_HEADERS = {
  vary: 'Origin, X-Origin, Referer',
  server: 'scaffolding on HTTPServer2',
  'x-content-type-options': 'nosniff',
};
const SSE_HEADERS = { 'content-type': 'text/event-stream', 'content-disposition': 'attachment', ...COMMON_HEADERS };
const JSON_HEADERS = { 'content-type': JSON_TYPE, ...COMMON_HEADERS };
const ROUTE_RE =
  /^\/(v1beta|v1|v1alpha)\/models\/([^/:]+):(generateContent|streamGenerateContent|countTokens|batchEmbedContents|embedContent|predict)$/;

function pretty(v: unknown): string {
  return JSON.stringify(v, null, 2);
}

function errorReply(
  route: GenerateRoute | undefined,
  error: Record<string, unknown>,
  extra: Record<string, string> = {},
): Reply {
  // The real API labels errors on stream routes text/event-stream although the body is plain JSON.
  const type = route?.format === 'sse' ? 'text/event-stream' : JSON_TYPE;
  const headers = { ...COMMON_HEADERS, 'content-type': type, ...extra };
  return {
    status: error.code as number,
    headers,
    frames: [`${pretty({ error })}\n`],
    stream: false,
    terminalFrames: 0,
  };
}

export async function startGeminiEmulator(options: GeminiEmulatorOptions = {}): Promise<Emulator> {
  const label = options.label ?? 'Gemini';
  const keys = options.apiKey === null ? null : [options.apiKey ?? 'test-key'].flat();
  const ids = new IdSource(`gemini:${label}`);
  const chunkCount = options.chunkCount ?? 4;

  function keyOf(req: RecordedRequest): string | undefined {
    const h = req.headers['x-goog-api-key'];
    return typeof h === 'string' ? h : req.query.key;
  }

  const adapter: VendorAdapter = {
    basePath: '',
    route(req): Route {
      const m = ROUTE_RE.exec(req.path);
      if (req.method === 'POST' && m) {
        const model = decodeURIComponent(m[2]);
        if (m[3] === 'countTokens') return { kind: 'generate', stream: false, model, count: true };
        if (m[3] === 'batchEmbedContents') return { kind: 'generate', stream: false, model, embed: 'batch' };
        if (m[3] === 'embedContent') return { kind: 'generate', stream: false, model, embed: 'single' };
        if (m[3] === 'predict') return { kind: 'generate', stream: false, model, api: 'predict' };
        if (m[3] === 'generateContent') return { kind: 'generate', stream: false, model };
        return { kind: 'generate', stream: true, model, format: req.query.alt === 'sse' ? 'sse' : 'json-array' };
      }
      if (req.method === 'GET' && /^\/(v1beta|v1)\/models$/.test(req.path)) {
        const models = (options.models ?? GEMINI_DEFAULT_MODELS).map((id) => ({
          name: `models/${id}`,
          version: '001',
          displayName: id,
          inputTokenLimit: 1048576,
          outputTokenLimit: 65536,
          supportedGenerationMethods: ['generateContent', 'countTokens'],
        }));
        return {
          kind: 'reply',
          reply: { status: 200, headers: JSON_HEADERS, frames: [pretty({ models })], stream: false, terminalFrames: 0 },
        };
      }
      return {
        kind: 'reply',
        reply: errorReply(undefined, googleError(404, `Method not found: ${req.method} ${req.path}`)),
      };
    },
    check(req, route) {
      if (keys) {
        const key = keyOf(req);
        if (key === undefined) {
          const message =
            "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.";
          return errorReply(route, googleError(403, message));
        }
        if (!keys.includes(key)) {
          const message = 'API key not valid. Please pass a valid API key.';
          const error = googleError(400, message);
          error.details = [
            {
              '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
              reason: 'API_KEY_INVALID',
              domain: 'googleapis.com',
              metadata: { service: 'generativelanguage.googleapis.com' },
            },
            { '@type': 'type.googleapis.com/google.rpc.LocalizedMessage', locale: 'en-US', message },
          ];
          return errorReply(route, error);
        }
      }
      if (req.body === undefined || typeof req.body !== 'object' || Array.isArray(req.body)) {
        return errorReply(route, googleError(400, 'Invalid JSON payload received. Unexpected token.'));
      }
      if (route.embed) return checkEmbedRequest(req.body, route);
      if (route.api === 'predict') {
        if (!Array.isArray(req.body.instances) || typeof req.body.instances[0]?.prompt !== 'string') {
          return errorReply(route, googleError(400, 'Invalid JSON payload received. instances[0].prompt is required.'));
        }
        return undefined;
      }
      const wrapped = route.count ? req.body.generateContentRequest : undefined;
      if (wrapped !== undefined && !/^models\/[^/]+$/.test(String(wrapped?.model))) {
        const message = `* GenerateContentRequest.model: unexpected model name format\n`;
        return errorReply(route, googleError(400, message));
      }
      const b = wrapped ?? req.body;
      if (!Array.isArray(b.contents) || b.contents.length === 0) {
        return errorReply(route, googleError(400, '* GenerateContentRequest.contents: contents is not specified\n'));
      }
      if (options.models && !options.models.includes(route.model)) {
        const message = `models/${route.model} is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`;
        return errorReply(route, googleError(404, message));
      }
      return undefined;
    },
    success(req, route, step): Reply {
      if (route.embed) {
        const body = geminiEmbedBody(route.model, req.body, route.embed === 'batch', step);
        return { status: 200, headers: JSON_HEADERS, frames: [`${pretty(body)}\n`], stream: false, terminalFrames: 0 };
      }
      if (route.api === 'predict') {
        const body = imagenPredictBody(route.model, req.body, step);
        return { status: 200, headers: JSON_HEADERS, frames: [`${pretty(body)}\n`], stream: false, terminalFrames: 0 };
      }
      if (!route.stream && isImageOutput(route.model, req.body)) {
        const body = geminiImageBody(route.model, req.body, step, ids.next('', 23));
        return { status: 200, headers: JSON_HEADERS, frames: [`${pretty(body)}\n`], stream: false, terminalFrames: 0 };
      }
      if (route.count) {
        const totalTokens = step.usage?.inputTokens ?? geminiFacts(countedRequest(req), route.model, label).inputTokens;
        const body = pretty({ totalTokens, promptTokensDetails: [{ modality: 'TEXT', tokenCount: totalTokens }] });
        return { status: 200, headers: JSON_HEADERS, frames: [`${body}\n`], stream: false, terminalFrames: 0 };
      }
      const facts = geminiFacts(req, route.model, label);
      const plan = planResponse(facts, step, { chunkCount });
      const responseId = ids.next('', 23);
      const toolsDeclared = facts.tools.length > 0;
      const image = asksForImage(req.body);
      const chunksOf = (merged: boolean) => {
        const chunks = geminiChunks(plan, responseId, toolsDeclared, merged);
        return image ? withImageAnswer(chunks, route.model, merged) : chunks;
      };
      if (!route.stream) {
        const [body] = chunksOf(true);
        return { status: 200, headers: JSON_HEADERS, frames: [`${pretty(body)}\n`], stream: false, terminalFrames: 0 };
      }
      const chunks = chunksOf(false);
      if (route.format === 'sse') {
        const frames = chunks.map((c) => `data: ${googleJson(c)}\r\n\r\n`);
        return { status: 200, headers: SSE_HEADERS, frames, stream: true, terminalFrames: 1 };
      }
      const frames = chunks.map((c, i) => (i === 0 ? '[' : '\n,\r\n') + pretty(c));
      frames.push('\n]');
      return { status: 200, headers: JSON_HEADERS, frames, stream: true, terminalFrames: 2 };
    },
    httpError(fault: Extract<Fault, { type: 'http-error' }>, route) {
      const reply = errorReply(
        route,
        googleError(fault.status, fault.message, fault.errorType, fault.retryAfterSeconds),
        fault.headers,
      );
      if (fault.body !== undefined) reply.frames = [typeof fault.body === 'string' ? fault.body : pretty(fault.body)];
      return reply;
    },
    hooks(route) {
      return {
        inBandError(fault) {
          const error = fault.body ?? { error: googleError(500, fault.message, fault.errorType) };
          if (!route.stream) return typeof error === 'string' ? error : pretty(error);
          if (route.format === 'sse') return `data: ${typeof error === 'string' ? error : googleJson(error)}\r\n\r\n`;
          const text = typeof error === 'string' ? error : pretty(error);
          return `${(fault.afterChunks ?? 0) === 0 ? '[' : '\n,\r\n'}${text}\n]`;
        },
        malformedFrame(data) {
          const d = data ?? '{"candidates": [{"content": {"parts": [{"text": "oops';
          return route.format === 'sse' ? `data: ${d}\r\n\r\n` : `\n,\r\n${d}`;
        },
      };
    },
    fastRoute(path, query) {
      const m = ROUTE_RE.exec(path);
      if (!m || m[3] === 'countTokens' || m[3].endsWith('mbedContents') || m[3] === 'embedContent') return undefined;
      if (m[3] === 'generateContent') return false;
      return query.includes('alt=sse') ? true : undefined;
    },
    fastAuth(req, query) {
      if (!keys) return true;
      const h = req.headers['x-goog-api-key'];
      const key = typeof h === 'string' ? h : new URLSearchParams(query).get('key');
      return key !== null && keys.includes(key);
    },
    cannedRequest(stream) {
      const model = options.models?.[0] ?? 'gemini-2.5-flash';
      const body = { contents: [{ role: 'user', parts: [{ text: 'benchmark' }] }] };
      const path = `/v1beta/models/${model}:${stream ? 'streamGenerateContent' : 'generateContent'}`;
      const query: Record<string, string> = stream ? { alt: 'sse' } : {};
      return { method: 'POST', path, query, headers: {}, body, rawBody: JSON.stringify(body), receivedAt: 0 };
    },
    reset() {
      ids.reset();
    },
  };
  return createEmulator(adapter, options);
}

/**
 * Google's checks of an embedding request: content with parts, and in a batch, a non-empty
 * `requests` list whose every `model` names the path's model (`models/…`), as the real API insists.
 */
function checkEmbedRequest(body: Record<string, unknown>, route: GenerateRoute): Reply | undefined {
  const requests = route.embed === 'batch' ? body.requests : [body];
  if (!Array.isArray(requests) || requests.length === 0) {
    return errorReply(route, googleError(400, '* BatchEmbedContentsRequest.requests: requests is not specified\n'));
  }
  for (const [index, request] of requests.entries()) {
    if (route.embed === 'batch' && request?.model !== `models/${route.model}`) {
      const message = `Model names should match. Request model: ${request?.model}, batch model: models/${route.model}`;
      return errorReply(route, googleError(400, message));
    }
    if (!Array.isArray(request?.content?.parts) || request.content.parts.length === 0) {
      return errorReply(route, googleError(400, `* requests[${index}].content: content is not specified\n`));
    }
  }
  return undefined;
}

/** countTokens' prompt: the body itself (`{contents}`), or the generateContent request it wraps. */
function countedRequest(req: RecordedRequest): RecordedRequest {
  const wrapped = req.body?.generateContentRequest;
  return wrapped && typeof wrapped === 'object' ? { ...req, body: wrapped } : req;
}

/** An image-output generateContent: an image model asked for IMAGE in responseModalities. */
function isImageOutput(
  model: string,
  body: { generationConfig?: { responseModalities?: unknown } } | undefined,
): boolean {
  const modalities = body?.generationConfig?.responseModalities;
  return model.includes('image') && Array.isArray(modalities) && modalities.includes('IMAGE');
}
