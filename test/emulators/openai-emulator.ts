/**
 * OpenAI Chat Completions emulator (also OpenAI-compatible vendors through `basePath`, `label`,
 * `reasoningField`): POST {basePath}/chat/completions (JSON and SSE), GET {basePath}/models.
 */
import { type Plan, partsText, planResponse, type RequestFacts } from './content.js';
import { bodyRequestsStream, createEmulator, type GenerateRoute, type Route, type VendorAdapter } from './emulator-core.js';
import type { Reply } from './responder.js';
import { IdSource, estimatePromptTokens, splitPieces } from './tokens.js';
import type { Emulator, EmulatorOptions, Fault, RecordedRequest, ScriptStep } from './types.js';

export interface OpenAIEmulatorOptions extends EmulatorOptions {
  /** Path prefix of the API (default `/v1`); `url` ends with it. */
  basePath?: string;
  /** Send reasoning text in this delta/message field (DeepSeek `reasoning_content`, Groq/OpenRouter `reasoning`). Default: none, like OpenAI (reasoning only counted in usage). */
  reasoningField?: 'reasoning_content' | 'reasoning';
  /** Reason on every request, as deepseek-reasoner does. */
  alwaysReason?: boolean;
  /** Add OpenAI's `obfuscation` field to stream chunks (unless stream_options.include_obfuscation is false). Default true. */
  obfuscation?: boolean;
}

export const OPENAI_DEFAULT_MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-nano', 'o3-mini'];
const JSON_HEADERS = { 'content-type': 'application/json', 'openai-version': '2020-10-01' };
const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'openai-version': '2020-10-01' };

type ErrBody = { message: string; type: string; param: string | null; code: string | null };

function errorReply(status: number, error: ErrBody, extra: Record<string, string> = {}, requestId = 'req_emulator'): Reply {
  const body = JSON.stringify({ error }, null, 2);
  return {
    status,
    headers: { ...JSON_HEADERS, 'x-request-id': requestId, ...extra },
    frames: [`${body}\n`],
    stream: false,
    terminalFrames: 0,
  };
}

const STATUS_ERRORS: Record<number, Omit<ErrBody, 'param'>> = {
  400: { message: 'Invalid request.', type: 'invalid_request_error', code: null },
  401: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { message: 'You are not allowed to sample from this model', type: 'invalid_request_error', code: null },
  404: { message: 'The model does not exist or you do not have access to it.', type: 'invalid_request_error', code: 'model_not_found' },
  429: {
    message: 'Rate limit reached for requests. Please try again in 1s. Visit https://platform.openai.com/account/rate-limits to learn more.',
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  500: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: null },
  502: { message: 'Bad gateway.', type: 'server_error', code: null },
  503: { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null },
};

function maskKey(key: string): string {
  return key.length <= 8 ? '****' : `${key.slice(0, 3)}${'*'.repeat(Math.min(12, key.length - 7))}${key.slice(-4)}`;
}

function facts(req: RecordedRequest, label: string, opts: OpenAIEmulatorOptions): RequestFacts {
  const b = req.body ?? {};
  const messages: any[] = Array.isArray(b.messages) ? b.messages : [];
  const last = messages[messages.length - 1];
  const lastUser = [...messages].reverse().find((m) => m?.role === 'user');
  const lastIsToolResult = last?.role === 'tool' || last?.role === 'function';
  const tools: RequestFacts['tools'] = [];
  for (const t of Array.isArray(b.tools) ? b.tools : []) {
    if (t?.function?.name) tools.push({ name: t.function.name, schema: t.function.parameters });
  }
  for (const f of Array.isArray(b.functions) ? b.functions : []) if (f?.name) tools.push({ name: f.name, schema: f.parameters });
  const effort = b.reasoning_effort ?? b.reasoning?.effort;
  const wantsReasoning =
    (typeof effort === 'string' && effort !== 'none') ||
    (b.reasoning && typeof b.reasoning === 'object' && b.reasoning.enabled !== false && b.reasoning.exclude !== true) ||
    b.include_reasoning === true ||
    b.thinking?.type === 'enabled';
  const rf = b.response_format;
  let json: RequestFacts['json'];
  if (rf?.type === 'json_object') json = {};
  else if (rf?.type === 'json_schema') json = { schema: rf.json_schema?.schema };
  return {
    label,
    model: typeof b.model === 'string' ? b.model : '',
    lastUserText: partsText(lastUser?.content),
    lastIsToolResult,
    toolResultText: lastIsToolResult ? partsText(last.content) : '',
    tools,
    reasoning: wantsReasoning || opts.alwaysReason ? (opts.reasoningField ? 'visible' : 'hidden') : 'none',
    json,
    maxTokens: b.max_completion_tokens ?? b.max_tokens ?? undefined,
    inputTokens: estimatePromptTokens(messages, b.tools ?? b.functions),
  };
}

function usageObject(plan: Plan, n: number) {
  const completion = plan.usage.output * n;
  return {
    prompt_tokens: plan.usage.input,
    completion_tokens: completion,
    total_tokens: plan.usage.input + completion,
    prompt_tokens_details: { cached_tokens: plan.usage.cached, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: plan.usage.reasoning * n,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function finishReason(plan: Plan): string {
  return plan.finishReason ?? plan.stop;
}

function choiceText(plan: Plan, i: number): string {
  return i === 0 || plan.toolCalls.length > 0 ? plan.text : `${plan.text} (choice ${i})`;
}

export async function startOpenAIEmulator(options: OpenAIEmulatorOptions = {}): Promise<Emulator> {
  const basePath = (options.basePath ?? '/v1').replace(/\/$/, '');
  const label = options.label ?? 'OpenAI';
  const keys = options.apiKey === null ? null : [options.apiKey ?? 'test-key'].flat();
  const ids = new IdSource(`openai:${label}`);
  const field = options.reasoningField;
  const chunkCount = options.chunkCount ?? 4;

  function callId(given?: string): string {
    return given ?? ids.next('call_', 24);
  }

  function jsonBody(req: RecordedRequest, plan: Plan, id: string, created: number, n: number): string {
    const calls = plan.toolCalls.map((c) => ({
      id: callId(c.id),
      type: 'function',
      function: { name: c.name, arguments: c.arguments },
    }));
    const choices = [];
    for (let i = 0; i < n; i++) {
      const message: Record<string, unknown> = {
        role: 'assistant',
        content: calls.length > 0 && plan.text === '' ? null : choiceText(plan, i),
        refusal: null,
        annotations: [],
      };
      if (field && plan.reasoningVisible && plan.reasoning) message[field] = plan.reasoning;
      if (calls.length > 0) message.tool_calls = calls;
      choices.push({ index: i, message, logprobs: null, finish_reason: finishReason(plan) });
    }
    const body = {
      id,
      object: 'chat.completion',
      created,
      model: plan.model,
      choices,
      usage: usageObject(plan, n),
      service_tier: 'default',
      system_fingerprint: 'fp_emulator',
    };
    return JSON.stringify(body, null, 2);
  }

  function streamFrames(req: RecordedRequest, plan: Plan, id: string, created: number, n: number): string[] {
    const b = req.body ?? {};
    const includeUsage = b.stream_options?.include_usage === true;
    const obfuscate = (options.obfuscation ?? true) && b.stream_options?.include_obfuscation !== false && !field;
    let seq = 0;
    const chunk = (choices: unknown[], usage?: unknown) => {
      const obj: Record<string, unknown> = {
        id,
        object: 'chat.completion.chunk',
        created,
        model: plan.model,
        service_tier: 'default',
        system_fingerprint: 'fp_emulator',
        choices,
      };
      if (includeUsage) obj.usage = usage ?? null;
      if (obfuscate) obj.obfuscation = 'EmUlAtOr'.slice(0, 1 + (seq++ % 8));
      return `data: ${JSON.stringify(obj)}\n\n`;
    };
    const delta = (i: number, d: Record<string, unknown>, finish: string | null = null) =>
      chunk([{ index: i, delta: d, logprobs: null, finish_reason: finish }]);
    const perChoice: string[][] = [];
    const calls = plan.toolCalls.map((c) => ({ ...c, id: callId(c.id) }));
    for (let i = 0; i < n; i++) {
      const out: string[] = [];
      const text = choiceText(plan, i);
      const reasoningFirst = field === 'reasoning_content' && plan.reasoningVisible;
      const first: Record<string, unknown> = { role: 'assistant', content: (calls.length > 0 && !text) || reasoningFirst ? null : '' };
      if (reasoningFirst) first.reasoning_content = '';
      else if (!field) first.refusal = null;
      out.push(delta(i, first));
      if (field && plan.reasoningVisible) {
        for (const p of splitPieces(plan.reasoning, plan.chunkCount)) {
          out.push(delta(i, field === 'reasoning_content' ? { content: null, reasoning_content: p } : { reasoning: p }));
        }
      }
      for (const p of splitPieces(text, plan.chunkCount)) {
        out.push(delta(i, field === 'reasoning_content' && plan.reasoningVisible ? { content: p, reasoning_content: null } : { content: p }));
      }
      calls.forEach((c, k) => {
        out.push(delta(i, { tool_calls: [{ index: k, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }] }));
        for (const p of splitPieces(c.arguments, plan.chunkCount)) {
          out.push(delta(i, { tool_calls: [{ index: k, function: { arguments: p } }] }));
        }
      });
      out.push(delta(i, {}, finishReason(plan)));
      perChoice.push(out);
    }
    const frames: string[] = [];
    const longest = Math.max(...perChoice.map((c) => c.length));
    for (let j = 0; j < longest; j++) for (const c of perChoice) if (j < c.length) frames.push(c[j]);
    if (includeUsage) frames.push(chunk([], usageObject(plan, n)));
    frames.push('data: [DONE]\n\n');
    return frames;
  }

  const adapter: VendorAdapter = {
    basePath,
    route(req): Route {
      if (req.method === 'POST' && req.path === `${basePath}/chat/completions`) {
        const b = req.body ?? {};
        return { kind: 'generate', stream: b.stream === true, model: typeof b.model === 'string' ? b.model : '' };
      }
      if (req.method === 'GET' && req.path === `${basePath}/models`) {
        const data = (options.models ?? OPENAI_DEFAULT_MODELS).map((id) => ({ id, object: 'model', created: 1715367049, owned_by: 'system' }));
        const body = JSON.stringify({ object: 'list', data }, null, 2);
        return { kind: 'reply', reply: { status: 200, headers: JSON_HEADERS, frames: [body], stream: false, terminalFrames: 0 } };
      }
      const message = `Invalid URL (${req.method} ${req.path})`;
      return { kind: 'reply', reply: errorReply(404, { message, type: 'invalid_request_error', param: null, code: null }) };
    },
    check(req) {
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
      if (!Array.isArray(b.messages)) {
        const message = "Missing required parameter: 'messages'.";
        return errorReply(400, { message, type: 'invalid_request_error', param: 'messages', code: 'missing_required_parameter' });
      }
      if (options.models && !options.models.includes(b.model)) {
        const message = `The model \`${b.model}\` does not exist or you do not have access to it.`;
        return errorReply(404, { message, type: 'invalid_request_error', param: null, code: 'model_not_found' });
      }
      return undefined;
    },
    success(req, route: GenerateRoute, step: ScriptStep): Reply {
      const plan = planResponse(facts(req, label, options), step, { chunkCount });
      const id = ids.next('chatcmpl-', 29);
      const created = Math.floor(Date.now() / 1000);
      const n = Math.max(1, Math.floor(req.body?.n ?? 1));
      const requestId = ids.next('req_', 32);
      if (!route.stream) {
        const headers = { ...JSON_HEADERS, 'x-request-id': requestId, 'openai-processing-ms': '1' };
        return { status: 200, headers, frames: [jsonBody(req, plan, id, created, n)], stream: false, terminalFrames: 0 };
      }
      const headers = { ...SSE_HEADERS, 'x-request-id': requestId, 'openai-processing-ms': '1' };
      return { status: 200, headers, frames: streamFrames(req, plan, id, created, n), stream: true, terminalFrames: 1 };
    },
    httpError(fault: Extract<Fault, { type: 'http-error' }>) {
      const base = STATUS_ERRORS[fault.status] ?? { message: `HTTP ${fault.status}`, type: 'server_error', code: null };
      const extra: Record<string, string> = {};
      if (fault.retryAfterSeconds !== undefined) {
        extra['retry-after'] = String(fault.retryAfterSeconds);
        extra['retry-after-ms'] = String(Math.round(fault.retryAfterSeconds * 1000));
      }
      const reply = errorReply(fault.status, {
        message: fault.message ?? base.message,
        type: fault.errorType ?? base.type,
        param: null,
        code: base.code,
      }, { ...extra, ...fault.headers });
      if (fault.body !== undefined) reply.frames = [typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body)];
      return reply;
    },
    hooks(route: GenerateRoute) {
      return {
        inBandError(fault) {
          const error = {
            message: fault.message ?? STATUS_ERRORS[500].message,
            type: fault.errorType ?? 'server_error',
            param: null,
            code: null,
          };
          const body = fault.body === undefined ? JSON.stringify({ error }) : typeof fault.body === 'string' ? fault.body : JSON.stringify(fault.body);
          return route.stream ? `data: ${body}\n\n` : body;
        },
        malformedFrame(data) {
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
  return createEmulator(adapter, options);
}
