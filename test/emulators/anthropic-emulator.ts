/**
 * Anthropic Messages emulator: POST /v1/messages (JSON and SSE with the real event sequence and
 * the trailing-space padding Anthropic puts inside `data:` JSON), POST /v1/messages/count_tokens
 * (checked, scripted and faulted like a generation; no `max_tokens`), GET /v1/models.
 */
import {
  ANTHROPIC_DEFAULT_MODELS,
  anthropicFacts,
  anthropicJsonBody,
  anthropicStreamFrames,
  JSON_HEADERS,
  SSE_HEADERS,
  STATUS_ERRORS,
} from './anthropic-format.js';
import { partsText, planResponse } from './content.js';
import {
  bodyRequestsStream,
  createEmulator,
  type GenerateRoute,
  type Route,
  type VendorAdapter,
} from './emulator-core.js';
import type { Reply } from './responder.js';
import { IdSource } from './tokens.js';
import type { Emulator, EmulatorOptions, Fault } from './types.js';

export { ANTHROPIC_DEFAULT_MODELS };

export interface AnthropicEmulatorOptions extends EmulatorOptions {
  /** Pad `data:` JSON with trailing spaces before its last `}` as the real API does. Default true. */
  padding?: boolean;
}

export async function startAnthropicEmulator(options: AnthropicEmulatorOptions = {}): Promise<Emulator> {
  const label = options.label ?? 'Anthropic';
  const keys = options.apiKey === null ? null : [options.apiKey ?? 'test-key'].flat();
  const ids = new IdSource(`anthropic:${label}`);
  const chunkCount = options.chunkCount ?? 4;
  const pad = options.padding ?? true;

  function errorReply(status: number, type: string, message: string, extra: Record<string, string> = {}): Reply {
    const requestId = ids.next('req_011', 21);
    const body = JSON.stringify({ type: 'error', error: { type, message }, request_id: requestId });
    const retry = status === 408 || status === 409 || status === 429 || status >= 500;
    const headers = { ...JSON_HEADERS, 'request-id': requestId, 'x-should-retry': String(retry), ...extra };
    return { status, headers, frames: [body], stream: false, terminalFrames: 0 };
  }

  const adapter: VendorAdapter = {
    basePath: '',
    route(req): Route {
      if (req.method === 'POST' && req.path === '/v1/messages') {
        const b = req.body ?? {};
        return { kind: 'generate', stream: b.stream === true, model: typeof b.model === 'string' ? b.model : '' };
      }
      if (req.method === 'POST' && req.path === '/v1/messages/count_tokens') {
        const b = req.body ?? {};
        return { kind: 'generate', stream: false, model: typeof b.model === 'string' ? b.model : '', count: true };
      }
      if (req.method === 'GET' && req.path === '/v1/models') {
        const list = options.models ?? ANTHROPIC_DEFAULT_MODELS;
        const data = list.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-09-29T00:00:00Z' }));
        const body = JSON.stringify({
          data,
          has_more: false,
          first_id: list[0] ?? null,
          last_id: list[list.length - 1] ?? null,
        });
        return {
          kind: 'reply',
          reply: { status: 200, headers: JSON_HEADERS, frames: [body], stream: false, terminalFrames: 0 },
        };
      }
      return { kind: 'reply', reply: errorReply(404, 'not_found_error', 'Not Found') };
    },
    check(req, route) {
      if (keys) {
        const key = req.headers['x-api-key'];
        const bearer = /^Bearer\s+(.+)$/i.exec(String(req.headers.authorization ?? ''))?.[1];
        const given = typeof key === 'string' ? key : bearer;
        if (given === undefined) return errorReply(401, 'authentication_error', 'x-api-key header is required');
        if (!keys.includes(given.trim())) return errorReply(401, 'authentication_error', 'invalid x-api-key');
      }
      if (!req.headers['anthropic-version']) {
        return errorReply(400, 'invalid_request_error', 'anthropic-version: header is required');
      }
      const b = req.body;
      if (b === undefined || typeof b !== 'object' || Array.isArray(b)) {
        return errorReply(400, 'invalid_request_error', 'There was an error parsing the body of your request.');
      }
      // count_tokens takes the prompt only: no max_tokens, and Anthropic refuses answer settings there.
      for (const field of route.count ? ['model', 'messages'] : ['model', 'messages', 'max_tokens']) {
        if (b[field] === undefined) return errorReply(400, 'invalid_request_error', `${field}: Field required`);
      }
      if (route.count) {
        for (const field of ['max_tokens', 'stream']) {
          if (b[field] !== undefined)
            return errorReply(400, 'invalid_request_error', `${field}: Extra inputs are not permitted`);
        }
      }
      if (options.models && !options.models.includes(b.model)) {
        return errorReply(404, 'not_found_error', `model: ${b.model}`);
      }
      // A prefill (a last assistant message) may not end with white space, as the real API says.
      const last = Array.isArray(b.messages) ? b.messages[b.messages.length - 1] : undefined;
      if (last?.role === 'assistant' && /\s$/.test(partsText(last.content))) {
        return errorReply(
          400,
          'invalid_request_error',
          'messages: final assistant content cannot end with trailing whitespace',
        );
      }
      return undefined;
    },
    success(req, route: GenerateRoute, step): Reply {
      if (route.count) {
        const body = JSON.stringify({
          input_tokens: step.usage?.inputTokens ?? anthropicFacts(req, label).inputTokens,
        });
        const headers = { ...JSON_HEADERS, 'request-id': ids.next('req_011', 21) };
        return { status: 200, headers, frames: [body], stream: false, terminalFrames: 0 };
      }
      const plan = planResponse(anthropicFacts(req, label), step, { chunkCount });
      plan.toolCalls = plan.toolCalls.map((c) => ({ ...c, id: c.id ?? ids.next('toolu_01', 22) }));
      const id = ids.next('msg_01', 22);
      const requestId = ids.next('req_011', 21);
      if (!route.stream) {
        const headers = { ...JSON_HEADERS, 'request-id': requestId };
        return { status: 200, headers, frames: [anthropicJsonBody(plan, id)], stream: false, terminalFrames: 0 };
      }
      const headers = { ...SSE_HEADERS, 'request-id': requestId };
      return { status: 200, headers, frames: anthropicStreamFrames(plan, id, pad), stream: true, terminalFrames: 1 };
    },
    httpError(fault: Extract<Fault, { type: 'http-error' }>) {
      const [type, message] = STATUS_ERRORS[fault.status] ?? ['api_error', `HTTP ${fault.status}`];
      const extra: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) extra['retry-after'] = String(fault.retryAfterSeconds);
      const reply = errorReply(fault.status, fault.errorType ?? type, fault.message ?? message, {
        ...extra,
        ...fault.headers,
      });
      if (fault.body !== undefined)
        reply.frames = [typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body)];
      return reply;
    },
    hooks(route: GenerateRoute) {
      return {
        inBandError(fault) {
          const type = fault.errorType ?? 'overloaded_error';
          const message = fault.message ?? 'Overloaded';
          if (!route.stream) {
            return fault.body !== undefined
              ? JSON.stringify(fault.body)
              : JSON.stringify({ type: 'error', error: { type, message } });
          }
          const data =
            fault.body === undefined
              ? `{"type": "error", "error": {"type": ${JSON.stringify(type)}, "message": ${JSON.stringify(message)}}}`
              : typeof fault.body === 'string'
                ? fault.body
                : JSON.stringify(fault.body);
          return `event: error\ndata: ${data}\n\n`;
        },
        malformedFrame(data) {
          const d = data ?? '{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"oops';
          return `event: content_block_delta\ndata: ${d}\n\n`;
        },
      };
    },
    fastRoute(path, _query, body) {
      return path === '/v1/messages' ? bodyRequestsStream(body) : undefined;
    },
    fastAuth(req) {
      if (!keys) return true;
      const key = req.headers['x-api-key'];
      return typeof key === 'string' && keys.includes(key);
    },
    cannedRequest(stream) {
      const body = {
        model: options.models?.[0] ?? 'claude-sonnet-4-5',
        max_tokens: 1024,
        messages: [{ role: 'user', content: 'benchmark' }],
        stream,
      };
      return {
        method: 'POST',
        path: '/v1/messages',
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
