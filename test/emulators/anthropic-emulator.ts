/**
 * Anthropic Messages emulator: POST /v1/messages (JSON and SSE with the real event sequence and
 * the trailing-space padding Anthropic puts inside `data:` JSON), POST /v1/messages/count_tokens,
 * GET /v1/models.
 */
import { type Plan, partsText, planResponse, type RequestFacts } from './content.js';
import { bodyRequestsStream, createEmulator, type GenerateRoute, type Route, type VendorAdapter } from './emulator-core.js';
import type { Reply } from './responder.js';
import { IdSource, estimatePromptTokens, signatureFor, splitPieces } from './tokens.js';
import type { Emulator, EmulatorOptions, Fault, RecordedRequest } from './types.js';

export interface AnthropicEmulatorOptions extends EmulatorOptions {
  /** Pad `data:` JSON with trailing spaces before its last `}` as the real API does. Default true. */
  padding?: boolean;
}

export const ANTHROPIC_DEFAULT_MODELS = ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'];
const JSON_HEADERS = { 'content-type': 'application/json' };
const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };

const STATUS_ERRORS: Record<number, [string, string]> = {
  400: ['invalid_request_error', 'Invalid request'],
  401: ['authentication_error', 'invalid x-api-key'],
  403: ['permission_error', 'Your API key does not have permission to use the specified resource.'],
  404: ['not_found_error', 'Not found'],
  413: ['request_too_large', 'Request exceeds the maximum allowed number of bytes.'],
  429: [
    'rate_limit_error',
    'Number of request tokens has exceeded your per-minute rate limit (https://docs.claude.com/en/api/rate-limits); see the response headers for current usage. Please reduce the prompt length or the maximum tokens requested, or try again later.',
  ],
  500: ['api_error', 'Internal server error'],
  529: ['overloaded_error', 'Overloaded'],
};

const STOP: Record<Plan['stop'], string> = { stop: 'end_turn', length: 'max_tokens', tool_calls: 'tool_use' };

function facts(req: RecordedRequest, label: string): RequestFacts {
  const b = req.body ?? {};
  const messages: any[] = Array.isArray(b.messages) ? b.messages : [];
  const last = messages[messages.length - 1];
  const results = Array.isArray(last?.content) ? last.content.filter((p: any) => p?.type === 'tool_result') : [];
  const lastIsToolResult = last?.role === 'user' && results.length > 0;
  const lastUser = [...messages].reverse().find((m) => m?.role === 'user' && partsText(m.content) !== '');
  const tools: RequestFacts['tools'] = [];
  for (const t of Array.isArray(b.tools) ? b.tools : []) {
    if (t?.name && (t.input_schema || !t.type || t.type === 'custom')) tools.push({ name: t.name, schema: t.input_schema });
  }
  const format = b.output_config?.format ?? b.output_format;
  return {
    label,
    model: typeof b.model === 'string' ? b.model : '',
    lastUserText: partsText(lastUser?.content),
    lastIsToolResult,
    toolResultText: results.map((r: any) => partsText(r.content)).join('\n'),
    tools,
    reasoning: b.thinking?.type === 'enabled' || b.thinking?.type === 'adaptive' ? 'visible' : 'none',
    json: format?.type === 'json_schema' ? { schema: format.schema } : undefined,
    maxTokens: typeof b.max_tokens === 'number' ? b.max_tokens : undefined,
    inputTokens: estimatePromptTokens(b.system, messages, b.tools),
  };
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

  function usageStart(plan: Plan) {
    const { input, cached, cacheWrite } = plan.usage;
    return {
      input_tokens: Math.max(0, input - cached - cacheWrite),
      cache_creation_input_tokens: cacheWrite,
      cache_read_input_tokens: cached,
      cache_creation: { ephemeral_5m_input_tokens: cacheWrite, ephemeral_1h_input_tokens: 0 },
    };
  }

  function blocks(plan: Plan) {
    const out: Record<string, unknown>[] = [];
    if (plan.reasoning) out.push({ type: 'thinking', thinking: plan.reasoning, signature: signatureFor(plan.reasoning) });
    if (plan.text !== '' || plan.toolCalls.length === 0) out.push({ type: 'text', text: plan.text });
    for (const c of plan.toolCalls) {
      let input: unknown = {};
      try {
        input = JSON.parse(c.arguments || '{}');
      } catch {
        input = {};
      }
      out.push({ type: 'tool_use', id: c.id ?? ids.next('toolu_01', 22), name: c.name, input, args: c.arguments });
    }
    return out;
  }

  function jsonBody(plan: Plan, id: string): string {
    const content = blocks(plan).map(({ args: _args, ...b }) => b);
    const usage = { ...usageStart(plan), output_tokens: plan.usage.output, service_tier: 'standard' };
    const stop = plan.finishReason ?? STOP[plan.stop];
    const body = { model: plan.model, id, type: 'message', role: 'assistant', content, stop_reason: stop, stop_sequence: null, usage };
    return JSON.stringify(body);
  }

  function streamFrames(plan: Plan, id: string): string[] {
    let seq = 0;
    const ev = (type: string, obj: Record<string, unknown>) => {
      const json = JSON.stringify({ type, ...obj });
      const spaces = pad ? ' '.repeat((seq++ * 7 + 3) % 16) : '';
      return `event: ${type}\ndata: ${json.slice(0, -1)}${spaces}}\n\n`;
    };
    const frames: string[] = [];
    const message = {
      model: plan.model,
      id,
      type: 'message',
      role: 'assistant',
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usageStart(plan), output_tokens: 1, service_tier: 'standard' },
    };
    frames.push(ev('message_start', { message }));
    blocks(plan).forEach((block, index) => {
      const delta = (d: Record<string, unknown>) => frames.push(ev('content_block_delta', { index, delta: d }));
      if (block.type === 'thinking') {
        frames.push(ev('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }));
      } else if (block.type === 'text') {
        frames.push(ev('content_block_start', { index, content_block: { type: 'text', text: '' } }));
      } else {
        const content_block = { type: 'tool_use', id: block.id, name: block.name, input: {}, caller: { type: 'direct' } };
        frames.push(ev('content_block_start', { index, content_block }));
      }
      if (index === 0) frames.push('event: ping\ndata: {"type": "ping"}\n\n');
      if (block.type === 'thinking') {
        for (const p of splitPieces(block.thinking as string, plan.chunkCount)) delta({ type: 'thinking_delta', thinking: p });
        delta({ type: 'thinking_delta', thinking: '' });
        delta({ type: 'signature_delta', signature: block.signature });
      } else if (block.type === 'text') {
        for (const p of splitPieces(block.text as string, plan.chunkCount)) delta({ type: 'text_delta', text: p });
      } else {
        delta({ type: 'input_json_delta', partial_json: '' });
        for (const p of splitPieces(block.args as string, plan.chunkCount)) delta({ type: 'input_json_delta', partial_json: p });
      }
      frames.push(ev('content_block_stop', { index }));
    });
    const { cache_creation: _c, ...startUsage } = usageStart(plan);
    const stop = plan.finishReason ?? STOP[plan.stop];
    const usage = { ...startUsage, output_tokens: plan.usage.output };
    frames.push(ev('message_delta', { delta: { stop_reason: stop, stop_sequence: null }, usage }));
    frames.push(ev('message_stop', {}));
    return frames;
  }

  const adapter: VendorAdapter = {
    basePath: '',
    route(req): Route {
      if (req.method === 'POST' && req.path === '/v1/messages') {
        const b = req.body ?? {};
        return { kind: 'generate', stream: b.stream === true, model: typeof b.model === 'string' ? b.model : '' };
      }
      if (req.method === 'POST' && req.path === '/v1/messages/count_tokens') {
        const body = JSON.stringify({ input_tokens: facts(req, label).inputTokens });
        return { kind: 'reply', reply: { status: 200, headers: JSON_HEADERS, frames: [body], stream: false, terminalFrames: 0 } };
      }
      if (req.method === 'GET' && req.path === '/v1/models') {
        const list = options.models ?? ANTHROPIC_DEFAULT_MODELS;
        const data = list.map((id) => ({ type: 'model', id, display_name: id, created_at: '2025-09-29T00:00:00Z' }));
        const body = JSON.stringify({ data, has_more: false, first_id: list[0] ?? null, last_id: list[list.length - 1] ?? null });
        return { kind: 'reply', reply: { status: 200, headers: JSON_HEADERS, frames: [body], stream: false, terminalFrames: 0 } };
      }
      return { kind: 'reply', reply: errorReply(404, 'not_found_error', 'Not Found') };
    },
    check(req) {
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
      for (const field of ['model', 'messages', 'max_tokens']) {
        if (b[field] === undefined) return errorReply(400, 'invalid_request_error', `${field}: Field required`);
      }
      if (options.models && !options.models.includes(b.model)) {
        return errorReply(404, 'not_found_error', `model: ${b.model}`);
      }
      return undefined;
    },
    success(req, route: GenerateRoute, step): Reply {
      const plan = planResponse(facts(req, label), step, { chunkCount });
      const id = ids.next('msg_01', 22);
      const requestId = ids.next('req_011', 21);
      if (!route.stream) {
        const headers = { ...JSON_HEADERS, 'request-id': requestId };
        return { status: 200, headers, frames: [jsonBody(plan, id)], stream: false, terminalFrames: 0 };
      }
      const headers = { ...SSE_HEADERS, 'request-id': requestId };
      return { status: 200, headers, frames: streamFrames(plan, id), stream: true, terminalFrames: 1 };
    },
    httpError(fault: Extract<Fault, { type: 'http-error' }>) {
      const [type, message] = STATUS_ERRORS[fault.status] ?? ['api_error', `HTTP ${fault.status}`];
      const extra: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) extra['retry-after'] = String(fault.retryAfterSeconds);
      const reply = errorReply(fault.status, fault.errorType ?? type, fault.message ?? message, { ...extra, ...fault.headers });
      if (fault.body !== undefined) reply.frames = [typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body)];
      return reply;
    },
    hooks(route: GenerateRoute) {
      return {
        inBandError(fault) {
          const type = fault.errorType ?? 'overloaded_error';
          const message = fault.message ?? 'Overloaded';
          if (!route.stream) {
            return fault.body !== undefined ? JSON.stringify(fault.body) : JSON.stringify({ type: 'error', error: { type, message } });
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
      return { method: 'POST', path: '/v1/messages', query: {}, headers: {}, body, rawBody: JSON.stringify(body), receivedAt: 0 };
    },
    reset() {
      ids.reset();
    },
  };
  return createEmulator(adapter, options);
}
