/**
 * OpenAI Chat Completions wire shapes: request facts, chat.completion bodies, chunk streams with
 * tool_call deltas keyed by index, usage objects and error envelopes.
 */
import { type Plan, partsText, type RequestFacts } from './content.js';
import type { Reply } from './responder.js';
import { estimatePromptTokens, splitPieces } from './tokens.js';
import type { Json, RecordedRequest } from './types.js';

export type ReasoningField = 'reasoning_content' | 'reasoning' | undefined;

export const OPENAI_DEFAULT_MODELS = ['gpt-4o-mini', 'gpt-4o', 'gpt-4.1-nano', 'o3-mini'];
export const JSON_HEADERS = { 'content-type': 'application/json', 'openai-version': '2020-10-01' };
export const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'openai-version': '2020-10-01' };

type ErrBody = { message: string; type: string; param: string | null; code: string | null };

export function errorReply(
  status: number,
  error: ErrBody,
  extra: Record<string, string> = {},
  requestId = 'req_emulator',
): Reply {
  const body = JSON.stringify({ error }, null, 2);
  return {
    status,
    headers: { ...JSON_HEADERS, 'x-request-id': requestId, ...extra },
    frames: [`${body}\n`],
    stream: false,
    terminalFrames: 0,
  };
}

export const STATUS_ERRORS: Record<number, Omit<ErrBody, 'param'>> = {
  400: { message: 'Invalid request.', type: 'invalid_request_error', code: null },
  401: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { message: 'You are not allowed to sample from this model', type: 'invalid_request_error', code: null },
  404: {
    message: 'The model does not exist or you do not have access to it.',
    type: 'invalid_request_error',
    code: 'model_not_found',
  },
  429: {
    message:
      'Rate limit reached for requests. Please try again in 1s. Visit https://platform.openai.com/account/rate-limits to learn more.',
    type: 'requests',
    code: 'rate_limit_exceeded',
  },
  500: {
    message: 'The server had an error while processing your request. Sorry about that!',
    type: 'server_error',
    code: null,
  },
  502: { message: 'Bad gateway.', type: 'server_error', code: null },
  503: { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null },
};

export function maskKey(key: string): string {
  return key.length <= 8 ? '****' : `${key.slice(0, 3)}${'*'.repeat(Math.min(12, key.length - 7))}${key.slice(-4)}`;
}

export function openaiFacts(
  req: RecordedRequest,
  label: string,
  opts: { reasoningField?: ReasoningField; alwaysReason?: boolean },
): RequestFacts {
  const b = req.body ?? {};
  const messages: Json[] = Array.isArray(b.messages) ? b.messages : [];
  const last = messages[messages.length - 1];
  const lastUser = [...messages].reverse().find((m) => m?.role === 'user');
  const lastIsToolResult = last?.role === 'tool' || last?.role === 'function';
  const tools: RequestFacts['tools'] = [];
  for (const t of Array.isArray(b.tools) ? b.tools : []) {
    if (t?.function?.name) tools.push({ name: t.function.name, schema: t.function.parameters });
  }
  for (const f of Array.isArray(b.functions) ? b.functions : [])
    if (f?.name) tools.push({ name: f.name, schema: f.parameters });
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
    stopSequences: typeof b.stop === 'string' ? [b.stop] : Array.isArray(b.stop) ? b.stop : undefined,
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

/** The chat.completion body (tool call ids must be resolved in `plan`). */
export function openaiJsonBody(plan: Plan, id: string, created: number, n: number, field: ReasoningField): string {
  const calls = plan.toolCalls.map((c) => ({
    id: c.id,
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

/** The SSE frames of a chat.completion.chunk stream, ending with `data: [DONE]`. */
export function openaiStreamFrames(
  req: RecordedRequest,
  plan: Plan,
  id: string,
  created: number,
  n: number,
  opts: { field: ReasoningField; obfuscation: boolean },
): string[] {
  const field = opts.field;
  const b = req.body ?? {};
  const includeUsage = b.stream_options?.include_usage === true;
  const obfuscate = opts.obfuscation && b.stream_options?.include_obfuscation !== false && !field;
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
  const calls = plan.toolCalls;
  for (let i = 0; i < n; i++) {
    const out: string[] = [];
    const text = choiceText(plan, i);
    const reasoningFirst = field === 'reasoning_content' && plan.reasoningVisible;
    const first: Record<string, unknown> = {
      role: 'assistant',
      content: (calls.length > 0 && !text) || reasoningFirst ? null : '',
    };
    if (reasoningFirst) first.reasoning_content = '';
    else if (!field) first.refusal = null;
    out.push(delta(i, first));
    if (field && plan.reasoningVisible) {
      for (const p of splitPieces(plan.reasoning, plan.chunkCount)) {
        out.push(delta(i, field === 'reasoning_content' ? { content: null, reasoning_content: p } : { reasoning: p }));
      }
    }
    for (const p of splitPieces(text, plan.chunkCount)) {
      out.push(
        delta(
          i,
          field === 'reasoning_content' && plan.reasoningVisible
            ? { content: p, reasoning_content: null }
            : { content: p },
        ),
      );
    }
    calls.forEach((c, k) => {
      out.push(
        delta(i, {
          tool_calls: [{ index: k, id: c.id, type: 'function', function: { name: c.name, arguments: '' } }],
        }),
      );
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
