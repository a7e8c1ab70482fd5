/**
 * Anthropic Messages wire shapes: request facts, message bodies, the streamed event sequence with
 * the trailing-space padding Anthropic puts inside `data:` JSON, usage and error types.
 */
import { oneHourCacheBreakpoints } from './anthropic-cache-ttl.js';
import { type Plan, partsText, type RequestFacts } from './content.js';
import { estimatePromptTokens, signatureFor, splitPieces } from './tokens.js';
import type { Json, RecordedRequest } from './types.js';

export const ANTHROPIC_DEFAULT_MODELS = ['claude-sonnet-4-5', 'claude-haiku-4-5', 'claude-opus-4-1'];
export const JSON_HEADERS = { 'content-type': 'application/json' };
export const SSE_HEADERS = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' };

export const STATUS_ERRORS: Record<number, [string, string]> = {
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

function stopReason(plan: Plan): string {
  return plan.finishReason ?? (plan.stopSequence !== undefined ? 'stop_sequence' : STOP[plan.stop]);
}

function stringList(value: unknown): string[] | undefined {
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : undefined;
}

export function anthropicFacts(req: RecordedRequest, label: string): RequestFacts {
  const b = req.body ?? {};
  const messages: Json[] = Array.isArray(b.messages) ? b.messages : [];
  const last = messages[messages.length - 1];
  const results = Array.isArray(last?.content) ? last.content.filter((p: Json) => p?.type === 'tool_result') : [];
  const lastIsToolResult = last?.role === 'user' && results.length > 0;
  const lastUser = [...messages].reverse().find((m) => m?.role === 'user' && partsText(m.content) !== '');
  const tools: RequestFacts['tools'] = [];
  for (const t of Array.isArray(b.tools) ? b.tools : []) {
    if (t?.name && (t.input_schema || !t.type || t.type === 'custom'))
      tools.push({ name: t.name, schema: t.input_schema });
  }
  const format = b.output_config?.format ?? b.output_format;
  return {
    label,
    model: typeof b.model === 'string' ? b.model : '',
    lastUserText: partsText(lastUser?.content),
    lastIsToolResult,
    toolResultText: results.map((r: Json) => partsText(r.content)).join('\n'),
    tools,
    reasoning: b.thinking?.type === 'enabled' || b.thinking?.type === 'adaptive' ? 'visible' : 'none',
    json: format?.type === 'json_schema' ? { schema: format.schema } : undefined,
    maxTokens: typeof b.max_tokens === 'number' ? b.max_tokens : undefined,
    stopSequences: stringList(b.stop_sequences),
    inputTokens: estimatePromptTokens(b.system, messages, b.tools),
    oneHourCache: oneHourCacheBreakpoints(b),
    ...(last?.role === 'assistant' ? { prefill: partsText(last.content) } : {}),
  };
}

function usageStart(plan: Plan) {
  const { input, cached, cacheWrite, cacheWrite1h } = plan.usage;
  return {
    input_tokens: Math.max(0, input - cached - cacheWrite),
    cache_creation_input_tokens: cacheWrite,
    cache_read_input_tokens: cached,
    cache_creation: { ephemeral_5m_input_tokens: cacheWrite - cacheWrite1h, ephemeral_1h_input_tokens: cacheWrite1h },
  };
}

/** `server_tool_use.web_search_requests`, as Anthropic reports it, when the plan searched. */
function serverToolUse(plan: Plan) {
  return plan.webSearches > 0
    ? { server_tool_use: { web_search_requests: plan.webSearches, web_fetch_requests: 0 } }
    : {};
}

/** One search of the web search server tool: its call and its result, as Anthropic answers them. */
function webSearchBlocks(plan: Plan, search: number): Record<string, unknown>[] {
  const id = `srvtoolu_emu${plan.webSearches}x${search}`;
  const query = `search ${search + 1}`;
  return [
    { type: 'server_tool_use', id, name: 'web_search', input: { query }, args: JSON.stringify({ query }) },
    {
      type: 'web_search_tool_result',
      tool_use_id: id,
      content: [
        {
          type: 'web_search_result',
          title: `Result for ${query}`,
          url: `https://example.com/${search + 1}`,
          encrypted_content: Buffer.from(query).toString('base64'),
          page_age: null,
        },
      ],
    },
  ];
}

/** Content blocks of the answer (tool call ids must be resolved in `plan`); `args` keeps the raw JSON. */
function blocks(plan: Plan) {
  const out: Record<string, unknown>[] = [];
  if (plan.reasoning) out.push({ type: 'thinking', thinking: plan.reasoning, signature: signatureFor(plan.reasoning) });
  for (let search = 0; search < plan.webSearches; search++) out.push(...webSearchBlocks(plan, search));
  if (plan.text !== '' || plan.toolCalls.length === 0) out.push({ type: 'text', text: plan.text });
  for (const c of plan.toolCalls) {
    let input: unknown = {};
    try {
      input = JSON.parse(c.arguments || '{}');
    } catch {
      input = {};
    }
    out.push({ type: 'tool_use', id: c.id, name: c.name, input, args: c.arguments });
  }
  return out;
}

export function anthropicJsonBody(plan: Plan, id: string): string {
  const content = blocks(plan).map(({ args: _args, ...b }) => b);
  const usage = {
    ...usageStart(plan),
    output_tokens: plan.usage.output,
    ...serverToolUse(plan),
    service_tier: 'standard',
    inference_geo: 'not_available',
  };
  const stop = stopReason(plan);
  const body = {
    model: plan.model,
    id,
    type: 'message',
    role: 'assistant',
    content,
    stop_reason: stop,
    stop_sequence: stop === 'stop_sequence' ? (plan.stopSequence ?? null) : null,
    usage,
  };
  return JSON.stringify(body);
}

/** SSE frames: message_start, blocks (ping after the first start), message_delta, message_stop. */
export function anthropicStreamFrames(plan: Plan, id: string, pad: boolean): string[] {
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
    usage: { ...usageStart(plan), output_tokens: 1, service_tier: 'standard', inference_geo: 'not_available' },
  };
  frames.push(ev('message_start', { message }));
  blocks(plan).forEach((block, index) => {
    const delta = (d: Record<string, unknown>) => frames.push(ev('content_block_delta', { index, delta: d }));
    if (block.type === 'thinking') {
      frames.push(
        ev('content_block_start', { index, content_block: { type: 'thinking', thinking: '', signature: '' } }),
      );
    } else if (block.type === 'text') {
      frames.push(ev('content_block_start', { index, content_block: { type: 'text', text: '' } }));
    } else if (block.type === 'server_tool_use') {
      const content_block = { type: 'server_tool_use', id: block.id, name: block.name, input: {} };
      frames.push(ev('content_block_start', { index, content_block }));
    } else if (block.type === 'web_search_tool_result') {
      frames.push(ev('content_block_start', { index, content_block: block }));
    } else {
      const content_block = {
        type: 'tool_use',
        id: block.id,
        name: block.name,
        input: {},
        caller: { type: 'direct' },
      };
      frames.push(ev('content_block_start', { index, content_block }));
    }
    if (index === 0) frames.push('event: ping\ndata: {"type": "ping"}\n\n');
    if (block.type === 'thinking') {
      for (const p of splitPieces(block.thinking as string, plan.chunkCount))
        delta({ type: 'thinking_delta', thinking: p });
      delta({ type: 'thinking_delta', thinking: '' });
      delta({ type: 'signature_delta', signature: block.signature });
    } else if (block.type === 'text') {
      for (const p of splitPieces(block.text as string, plan.chunkCount)) delta({ type: 'text_delta', text: p });
    } else if (block.type === 'web_search_tool_result') {
      // Sent whole with its start, as Anthropic does.
    } else {
      delta({ type: 'input_json_delta', partial_json: '' });
      for (const p of splitPieces(block.args as string, plan.chunkCount))
        delta({ type: 'input_json_delta', partial_json: p });
    }
    frames.push(ev('content_block_stop', { index }));
  });
  const { cache_creation: _c, ...startUsage } = usageStart(plan);
  const stop = stopReason(plan);
  const usage = { ...startUsage, output_tokens: plan.usage.output, ...serverToolUse(plan) };
  const stopSequence = stop === 'stop_sequence' ? (plan.stopSequence ?? null) : null;
  frames.push(ev('message_delta', { delta: { stop_reason: stop, stop_sequence: stopSequence }, usage }));
  frames.push(ev('message_stop', {}));
  return frames;
}
