/**
 * OpenAI Chat Completions emulator (also OpenAI-compatible vendors through `basePath`, `label`,
 * `reasoningField`): POST {basePath}/chat/completions (JSON and SSE), GET {basePath}/models; and
 * OpenAI's Responses API, POST {basePath}/responses (JSON and SSE events, responses-format.ts),
 * unless `responses: false` (a compatible vendor that serves Chat Completions only); and
 * POST {basePath}/embeddings (deterministic vectors, float or base64, `dimensions`; embedding-format.ts);
 * POST {basePath}/images/generations (JSON) and /images/edits (multipart), JSON or SSE (image-format.ts).
 */
import { planResponse } from './content.js';
import { openaiEmbeddingInputs, openaiEmbeddingsBody } from './embedding-format.js';
import {
  bodyRequestsStream,
  createEmulator,
  type GenerateRoute,
  type Route,
  type VendorAdapter,
} from './emulator-core.js';
import {
  OPENAI_MODERATION_BLOCKED,
  openaiImageRequest,
  openaiImageStreamFrames,
  openaiImagesBody,
} from './image-format.js';
import {
  errorReply,
  JSON_HEADERS,
  maskKey,
  OPENAI_DEFAULT_MODELS,
  openaiFacts,
  openaiJsonBody,
  openaiStreamFrames,
  SSE_HEADERS,
  STATUS_ERRORS,
} from './openai-format.js';
import type { Reply } from './responder.js';
import {
  responsesFacts,
  responsesFailureFrames,
  responsesJsonBody,
  responsesStreamFrames,
} from './responses-format.js';
import { IdSource } from './tokens.js';
import type { Emulator, EmulatorOptions, Fault, RecordedRequest, ScriptStep } from './types.js';
import { applyUsageCounting, type UsageCounting } from './usage-counting.js';

export { OPENAI_DEFAULT_MODELS };

export interface OpenAIEmulatorOptions extends EmulatorOptions {
  /** Path prefix of the API (default `/v1`); `url` ends with it. */
  basePath?: string;
  /** Send reasoning text in this delta/message field (DeepSeek `reasoning_content`, Groq/OpenRouter `reasoning`). Default: none, like OpenAI (reasoning only counted in usage). */
  reasoningField?: 'reasoning_content' | 'reasoning';
  /** Reason on every request, as deepseek-reasoner does. */
  alwaysReason?: boolean;
  /** Add OpenAI's `obfuscation` field to stream chunks (unless stream_options.include_obfuscation is false). Default true. */
  obfuscation?: boolean;
  /** Count usage like OpenAI (`o200k`) or bill the most possible (`maximum`); a script step's `usageCounting` wins. */
  usageCounting?: UsageCounting;
  /** Serve `POST {basePath}/responses` (default true; a compatible vendor's emulator answers it 404). */
  responses?: boolean;
  /**
   * Extra JSON answers to GET, by absolute path: a compatible vendor's account endpoints
   * (balance-answers.ts: OpenRouter `/api/v1/credits`, DeepSeek `/user/balance`, Moonshot
   * `/v1/users/me/balance`). Not key-checked, like the model list; the request is recorded.
   */
  jsonGets?: Record<string, unknown>;
}

export async function startOpenAIEmulator(options: OpenAIEmulatorOptions = {}): Promise<Emulator> {
  const basePath = (options.basePath ?? '/v1').replace(/\/$/, '');
  const label = options.label ?? 'OpenAI';
  const keys = options.apiKey === null ? null : [options.apiKey ?? 'test-key'].flat();
  const ids = new IdSource(`openai:${label}`);
  const field = options.reasoningField;
  const chunkCount = options.chunkCount ?? 4;

  const adapter: VendorAdapter = {
    basePath,
    route(req): Route {
      if (req.method === 'POST' && req.path === `${basePath}/chat/completions`) {
        const b = req.body ?? {};
        return { kind: 'generate', stream: b.stream === true, model: typeof b.model === 'string' ? b.model : '' };
      }
      if (req.method === 'POST' && req.path === `${basePath}/embeddings`) {
        const model = typeof req.body?.model === 'string' ? req.body.model : '';
        return { kind: 'generate', stream: false, model, api: 'embeddings' };
      }
      if (
        req.method === 'POST' &&
        (req.path === `${basePath}/images/generations` || req.path === `${basePath}/images/edits`)
      ) {
        const b = req.body ?? {};
        const model = typeof b.model === 'string' ? b.model : '';
        const api = req.path.endsWith('/edits') ? 'image-edits' : 'images';
        return { kind: 'generate', stream: b.stream === true || b.stream === 'true', model, api };
      }
      if (req.method === 'POST' && req.path === `${basePath}/responses` && options.responses !== false) {
        const b = req.body ?? {};
        const model = typeof b.model === 'string' ? b.model : '';
        return { kind: 'generate', stream: b.stream === true, model, api: 'responses' };
      }
      const extra = req.method === 'GET' ? options.jsonGets?.[req.path] : undefined;
      if (extra !== undefined) {
        const body = JSON.stringify(extra);
        return {
          kind: 'reply',
          reply: { status: 200, headers: JSON_HEADERS, frames: [body], stream: false, terminalFrames: 0 },
        };
      }
      if (req.method === 'GET' && req.path === `${basePath}/models`) {
        const data = (options.models ?? OPENAI_DEFAULT_MODELS).map((id) => ({
          id,
          object: 'model',
          created: 1715367049,
          owned_by: 'system',
        }));
        const body = JSON.stringify({ object: 'list', data }, null, 2);
        return {
          kind: 'reply',
          reply: { status: 200, headers: JSON_HEADERS, frames: [body], stream: false, terminalFrames: 0 },
        };
      }
      const message = `Invalid URL (${req.method} ${req.path})`;
      return {
        kind: 'reply',
        reply: errorReply(404, { message, type: 'invalid_request_error', param: null, code: null }),
      };
    },
    check(req, route) {
      if (keys) {
        const auth = String(req.headers.authorization ?? '');
        const m = /^Bearer\s+(.+)$/i.exec(auth);
        if (!m) {
          const message =
            "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the basic auth username and password as the password. You can obtain an API key from https://platform.openai.com/account/api-keys.";
          return errorReply(401, { message, type: 'invalid_request_error', param: null, code: null });
        }
        if (!keys.includes(m[1].trim())) {
          const message = `Incorrect API key provided: ${maskKey(m[1].trim())}. You can find your API key at https://platform.openai.com/account/api-keys.`;
          return errorReply(401, { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' });
        }
      }
      const b = req.body;
      if (b === undefined || typeof b !== 'object' || Array.isArray(b)) {
        const message =
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)";
        return errorReply(400, { message, type: 'invalid_request_error', param: null, code: null });
      }
      if (typeof b.model !== 'string' || b.model === '') {
        const message = 'you must provide a model parameter';
        return errorReply(400, { message, type: 'invalid_request_error', param: null, code: null });
      }
      if (route.api === 'images' || route.api === 'image-edits') {
        const refused = checkImageRequest(b, route.api === 'image-edits');
        if (refused) return refused;
      } else if (route.api === 'embeddings') {
        const inputs = openaiEmbeddingInputs(b.input);
        if (inputs.length === 0 || inputs.length > 2048) {
          const message =
            "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.";
          return errorReply(400, { message, type: 'invalid_request_error', param: null, code: null });
        }
      } else if (route.api === 'responses') {
        if (b.input === undefined && b.previous_response_id === undefined) {
          const message = "Missing required parameter: 'input'.";
          return errorReply(400, { message, type: 'invalid_request_error', param: 'input', code: null });
        }
        // OpenAI's input message has no `id` (output items as input do): it refuses one as unknown.
        const identified = Array.isArray(b.input) ? b.input.findIndex(isIdentifiedInputMessage) : -1;
        if (identified >= 0) {
          const param = `input[${identified}].id`;
          const message = `Unknown parameter: '${param}'.`;
          return errorReply(400, { message, type: 'invalid_request_error', param, code: 'unknown_parameter' });
        }
      } else if (!Array.isArray(b.messages)) {
        const message = "Missing required parameter: 'messages'.";
        return errorReply(400, {
          message,
          type: 'invalid_request_error',
          param: 'messages',
          code: 'missing_required_parameter',
        });
      }
      if (options.models && !options.models.includes(b.model)) {
        const message = `The model \`${b.model}\` does not exist or you do not have access to it.`;
        return errorReply(404, { message, type: 'invalid_request_error', param: null, code: 'model_not_found' });
      }
      return undefined;
    },
    success(req, route: GenerateRoute, step: ScriptStep): Reply {
      if (route.api === 'responses') return responsesReply(req, route, step);
      if (route.api === 'images' || route.api === 'image-edits') return imagesReply(req, route, step);
      if (route.api === 'embeddings') {
        const headers = { ...JSON_HEADERS, 'x-request-id': ids.next('req_', 32), 'openai-processing-ms': '1' };
        return {
          status: 200,
          headers,
          frames: [openaiEmbeddingsBody(req.body, step)],
          stream: false,
          terminalFrames: 0,
        };
      }
      const plan = planResponse(openaiFacts(req, label, options), step, { chunkCount });
      const counting = step.usageCounting ?? options.usageCounting;
      if (counting && !step.usage) applyUsageCounting(plan, req.body, counting);
      plan.toolCalls = plan.toolCalls.map((c) => ({ ...c, id: c.id ?? ids.next('call_', 24) }));
      const id = ids.next('chatcmpl-', 29);
      const created = Math.floor(Date.now() / 1000);
      const n = Math.max(1, Math.floor(req.body?.n ?? 1));
      const requestId = ids.next('req_', 32);
      if (!route.stream) {
        const headers = { ...JSON_HEADERS, 'x-request-id': requestId, 'openai-processing-ms': '1' };
        return {
          status: 200,
          headers,
          frames: [openaiJsonBody(plan, id, created, n, field)],
          stream: false,
          terminalFrames: 0,
        };
      }
      const headers = { ...SSE_HEADERS, 'x-request-id': requestId, 'openai-processing-ms': '1' };
      return {
        status: 200,
        headers,
        frames: openaiStreamFrames(req, plan, id, created, n, { field, obfuscation: options.obfuscation ?? true }),
        stream: true,
        terminalFrames: 1,
      };
    },
    httpError(fault: Extract<Fault, { type: 'http-error' }>) {
      const base = STATUS_ERRORS[fault.status] ?? { message: `HTTP ${fault.status}`, type: 'server_error', code: null };
      const extra: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) {
        extra['retry-after'] = String(fault.retryAfterSeconds);
        extra['retry-after-ms'] = String(Math.round(fault.retryAfterSeconds * 1000));
      }
      const reply = errorReply(
        fault.status,
        {
          message: fault.message ?? base.message,
          type: fault.errorType ?? base.type,
          param: null,
          code: base.code,
        },
        { ...extra, ...fault.headers },
      );
      if (fault.body !== undefined)
        reply.frames = [typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body)];
      return reply;
    },
    hooks(route: GenerateRoute) {
      return {
        inBandError(fault) {
          if (route.api === 'images' || route.api === 'image-edits') {
            const error = {
              type: fault.errorType ?? 'server_error',
              code: 'server_error',
              message: fault.message ?? STATUS_ERRORS[500].message,
              param: null,
            };
            if (!route.stream) return JSON.stringify({ error });
            return `event: error\ndata: ${JSON.stringify({ type: 'error', error })}\n\n`;
          }
          if (route.api === 'responses') {
            const error = {
              type: fault.errorType ?? 'server_error',
              code: 'server_error',
              message: fault.message ?? STATUS_ERRORS[500].message,
              param: null,
            };
            if (!route.stream) return JSON.stringify({ error });
            return responsesFailureFrames(fault.afterChunks ?? 0, error, 'resp_failed');
          }
          const error = {
            message: fault.message ?? STATUS_ERRORS[500].message,
            type: fault.errorType ?? 'server_error',
            param: null,
            code: null,
          };
          const body =
            fault.body === undefined
              ? JSON.stringify({ error })
              : typeof fault.body === 'string'
                ? fault.body
                : JSON.stringify(fault.body);
          return route.stream ? `data: ${body}\n\n` : body;
        },
        malformedFrame(data) {
          if (route.api === 'responses') {
            return `event: response.output_text.delta\ndata: ${data ?? '{"type":"response.output_text.delta","delta":"oops'}\n\n`;
          }
          return `data: ${data ?? '{"id":"chatcmpl-malformed","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"oops'}\n\n`;
        },
      };
    },
    fastRoute(path, _query, body) {
      if (path !== `${basePath}/chat/completions`) return undefined;
      return bodyRequestsStream(body);
    },
    fastAuth(req) {
      if (!keys) return true;
      const auth = req.headers.authorization;
      return typeof auth === 'string' && keys.includes(auth.slice(7).trim());
    },
    cannedRequest(stream) {
      const body = {
        model: options.models?.[0] ?? 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'benchmark' }],
        stream,
        ...(stream ? { stream_options: { include_usage: true } } : {}),
      };
      const path = `${basePath}/chat/completions`;
      return { method: 'POST', path, query: {}, headers: {}, body, rawBody: JSON.stringify(body), receivedAt: 0 };
    },
    reset() {
      ids.reset();
    },
  };
  /** An images answer: JSON, or the SSE events of a streamed generation or edit; a refusal is OpenAI's 400. */
  function imagesReply(req: RecordedRequest, route: GenerateRoute, step: ScriptStep): Reply {
    const extra = { 'x-request-id': ids.next('req_', 32), 'openai-processing-ms': '1' };
    if (step.refusal) return errorReply(400, OPENAI_MODERATION_BLOCKED, extra);
    const request = openaiImageRequest(req.body, route.api === 'image-edits');
    const created = Math.floor(Date.now() / 1000);
    if (!route.stream) {
      const body = JSON.stringify(openaiImagesBody(request, step, created), null, 2);
      return { status: 200, headers: { ...JSON_HEADERS, ...extra }, frames: [body], stream: false, terminalFrames: 0 };
    }
    const frames = openaiImageStreamFrames(request, step, created);
    return { status: 200, headers: { ...SSE_HEADERS, ...extra }, frames, stream: true, terminalFrames: 1 };
  }

  /** An answer of the Responses API, planned like a chat completion's. */
  function responsesReply(req: RecordedRequest, route: GenerateRoute, step: ScriptStep): Reply {
    const plan = planResponse(responsesFacts(req, label), step, { chunkCount });
    plan.toolCalls = plan.toolCalls.map((c) => ({ ...c, id: c.id ?? ids.next('call_', 24) }));
    const responseIds = {
      response: ids.next('resp_', 48),
      reasoning: ids.next('rs_', 48),
      message: ids.next('msg_', 48),
      calls: plan.toolCalls.map(() => ids.next('fc_', 48)),
    };
    const created = Math.floor(Date.now() / 1000);
    const extra = { 'x-request-id': ids.next('req_', 32), 'openai-processing-ms': '1' };
    if (!route.stream) {
      const body = responsesJsonBody(req, plan, responseIds, created);
      return { status: 200, headers: { ...JSON_HEADERS, ...extra }, frames: [body], stream: false, terminalFrames: 0 };
    }
    const frames = responsesStreamFrames(req, plan, responseIds, created);
    return { status: 200, headers: { ...SSE_HEADERS, ...extra }, frames, stream: true, terminalFrames: 1 };
  }

  return createEmulator(adapter, options);
}

function isIdentifiedInputMessage(item: unknown): boolean {
  if (item === null || typeof item !== 'object' || Array.isArray(item)) return false;
  const record = item as Record<string, unknown>;
  const inputRole = record.role === 'user' || record.role === 'system' || record.role === 'developer';
  return inputRole && (record.type === undefined || record.type === 'message') && 'id' in record;
}

/** OpenAI's checks of an images request: a prompt, and for an edit at least one image file. */
function checkImageRequest(body: Record<string, unknown>, edit: boolean): Reply | undefined {
  if (typeof body.prompt !== 'string' || body.prompt === '') {
    const message = "Missing required parameter: 'prompt'.";
    return errorReply(400, {
      message,
      type: 'invalid_request_error',
      param: 'prompt',
      code: 'missing_required_parameter',
    });
  }
  const files = (body.files ?? {}) as Record<string, unknown[]>;
  if (edit && (files.image?.length ?? 0) + (files['image[]']?.length ?? 0) === 0) {
    const message = "Missing required parameter: 'image'.";
    return errorReply(400, {
      message,
      type: 'invalid_request_error',
      param: 'image',
      code: 'missing_required_parameter',
    });
  }
  return undefined;
}
