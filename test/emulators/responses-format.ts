/**
 * OpenAI Responses wire shapes (`POST /v1/responses`): request facts read from `input` items and
 * `instructions`, the response object, and the event stream (`event:` + `data:` with
 * `sequence_number`, `response.created` … `response.completed`), as OpenAI's live API sends them.
 */
import { type Plan, partsText, type RequestFacts } from './content.js';
import { estimatePromptTokens, splitPieces } from './tokens.js';
import type { Json, RecordedRequest } from './types.js';

/** Ids one answer uses (resolved by the emulator's id source). */
export interface ResponseIds {
  response: string;
  reasoning: string;
  message: string;
  /** One `fc_…` per planned tool call (the call ids `call_…` are in the plan). */
  calls: string[];
}

const TOOL_OUTPUTS = new Set(['function_call_output', 'custom_tool_call_output', 'local_shell_call_output']);

/** The request's `input` as items (a string is one user message). */
function inputItems(body: Json): Json[] {
  if (typeof body?.input === 'string') return [{ role: 'user', content: body.input }];
  return Array.isArray(body?.input) ? body.input : [];
}

export function responsesFacts(req: RecordedRequest, label: string): RequestFacts {
  const b = req.body ?? {};
  const items = inputItems(b);
  const last = items[items.length - 1];
  const lastUser = [...items].reverse().find((item) => item?.role === 'user');
  const lastIsToolResult = TOOL_OUTPUTS.has(last?.type);
  const tools: RequestFacts['tools'] = [];
  for (const t of Array.isArray(b.tools) ? b.tools : []) {
    if (t?.type === 'function' && typeof t.name === 'string') tools.push({ name: t.name, schema: t.parameters });
  }
  const format = b.text?.format;
  let json: RequestFacts['json'];
  if (format?.type === 'json_object') json = {};
  else if (format?.type === 'json_schema') json = { schema: format.schema };
  const reasons = b.reasoning && typeof b.reasoning === 'object' && b.reasoning.effort !== 'none';
  return {
    label,
    model: typeof b.model === 'string' ? b.model : '',
    lastUserText: partsText(lastUser?.content),
    lastIsToolResult,
    toolResultText: lastIsToolResult ? (typeof last.output === 'string' ? last.output : partsText(last.output)) : '',
    tools,
    // The summary is sent only when asked for; the reasoning itself is always only counted.
    reasoning: reasons ? (b.reasoning.summary ? 'visible' : 'hidden') : 'none',
    json,
    maxTokens: b.max_output_tokens ?? undefined,
    inputTokens: estimatePromptTokens(b.instructions, items, b.tools),
  };
}

function usageObject(plan: Plan) {
  return {
    input_tokens: plan.usage.input,
    input_tokens_details: { cached_tokens: plan.usage.cached },
    output_tokens: plan.usage.output,
    output_tokens_details: { reasoning_tokens: plan.usage.reasoning },
    total_tokens: plan.usage.input + plan.usage.output,
  };
}

function incomplete(plan: Plan): boolean {
  return plan.stop === 'length' || plan.finishReason === 'max_output_tokens' || plan.finishReason === 'length';
}

/** The answer's output items, in OpenAI's order: web searches, reasoning, message, function calls. */
function outputItems(req: RecordedRequest, plan: Plan, ids: ResponseIds): Json[] {
  const b = req.body ?? {};
  const items: Json[] = [];
  for (let search = 0; search < plan.webSearches; search++) {
    items.push({
      id: `ws_${ids.response.slice('resp_'.length)}${search}`,
      type: 'web_search_call',
      status: 'completed',
      action: { type: 'search', query: `search ${search + 1}` },
    });
  }
  if (plan.reasoning) {
    const item: Json = {
      id: ids.reasoning,
      type: 'reasoning',
      summary: plan.reasoningVisible ? [{ type: 'summary_text', text: plan.reasoning }] : [],
    };
    if (Array.isArray(b.include) && b.include.includes('reasoning.encrypted_content')) {
      item.encrypted_content = `gAAAAB${Buffer.from(plan.reasoning).toString('base64')}`;
    }
    items.push(item);
  }
  if (plan.text !== '' || plan.toolCalls.length === 0) {
    items.push({
      id: ids.message,
      type: 'message',
      status: incomplete(plan) ? 'incomplete' : 'completed',
      content: [{ type: 'output_text', annotations: [], logprobs: [], text: plan.text }],
      role: 'assistant',
    });
  }
  plan.toolCalls.forEach((call, k) => {
    items.push(callItem(b, call, ids.calls[k]));
  });
  return items;
}

/**
 * A call as OpenAI answers it: a tool the request declared `custom` gets a `custom_tool_call` (its
 * input is the arguments' `input`), the `local_shell` tool a `local_shell_call` (the arguments are
 * its `exec` action), any other a `function_call`.
 */
function callItem(body: Json, call: Plan['toolCalls'][number], id: string): Json {
  const declared = (Array.isArray(body.tools) ? body.tools : []).find(
    (tool: Json) => tool?.name === call.name || (tool?.type === 'local_shell' && call.name === 'local_shell'),
  );
  let args: Json = {};
  try {
    args = JSON.parse(call.arguments);
  } catch {
    args = {};
  }
  if (declared?.type === 'custom') {
    const input = typeof args?.input === 'string' ? args.input : call.arguments;
    return { id, type: 'custom_tool_call', status: 'completed', call_id: call.id, input, name: call.name };
  }
  if (declared?.type === 'local_shell') {
    return { id, type: 'local_shell_call', status: 'completed', call_id: call.id, action: { type: 'exec', ...args } };
  }
  return {
    id,
    type: 'function_call',
    status: 'completed',
    arguments: call.arguments,
    call_id: call.id,
    name: call.name,
  };
}

/** The response object; `output` and `usage` empty while in progress. */
function responseObject(
  req: RecordedRequest,
  plan: Plan,
  ids: ResponseIds,
  created: number,
  state: 'in_progress' | 'done',
): Json {
  const b = req.body ?? {};
  const done = state === 'done';
  const cut = done && incomplete(plan);
  return {
    id: ids.response,
    object: 'response',
    created_at: created,
    status: done ? (cut ? 'incomplete' : 'completed') : 'in_progress',
    background: false,
    // Fields AIHub itself never writes: a pass-through must bring them back untouched.
    billing: { payer: 'developer' },
    error: null,
    incomplete_details: cut ? { reason: 'max_output_tokens' } : null,
    instructions: b.instructions ?? null,
    max_output_tokens: b.max_output_tokens ?? null,
    max_tool_calls: null,
    model: plan.model,
    output: done ? outputItems(req, plan, ids) : [],
    parallel_tool_calls: b.parallel_tool_calls ?? true,
    previous_response_id: b.previous_response_id ?? null,
    prompt_cache_key: b.prompt_cache_key ?? null,
    prompt_cache_retention: null,
    reasoning: { effort: b.reasoning?.effort ?? null, summary: b.reasoning?.summary ?? null },
    safety_identifier: null,
    service_tier: 'default',
    store: b.store ?? true,
    temperature: b.temperature ?? 1,
    text: b.text ?? { format: { type: 'text' }, verbosity: 'medium' },
    tool_choice: b.tool_choice ?? 'auto',
    tools: b.tools ?? [],
    top_logprobs: 0,
    top_p: b.top_p ?? 1,
    truncation: 'disabled',
    usage: done ? usageObject(plan) : null,
    user: null,
    metadata: b.metadata ?? {},
  };
}

export function responsesJsonBody(req: RecordedRequest, plan: Plan, ids: ResponseIds, created: number): string {
  return JSON.stringify(responseObject(req, plan, ids, created, 'done'), null, 2);
}

/** One SSE frame of the event stream, as OpenAI writes it. */
export function responsesEvent(type: string, sequence: number, fields: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: sequence, ...fields })}\n\n`;
}

/** The stream's frames, one event each, ending with `response.completed` (or `response.incomplete`). */
export function responsesStreamFrames(req: RecordedRequest, plan: Plan, ids: ResponseIds, created: number): string[] {
  const frames: string[] = [];
  const event = (type: string, fields: Record<string, unknown>) =>
    frames.push(responsesEvent(type, frames.length, fields));
  const opening = responseObject(req, plan, ids, created, 'in_progress');
  event('response.created', { response: opening });
  event('response.in_progress', { response: opening });
  const final = responseObject(req, plan, ids, created, 'done');
  final.output.forEach((item: Json, outputIndex: number) => {
    const address = { item_id: item.id, output_index: outputIndex };
    if (item.type === 'reasoning') {
      event('response.output_item.added', { output_index: outputIndex, item: { ...item, summary: [] } });
      item.summary.forEach((part: Json, summaryIndex: number) => {
        const at = { ...address, summary_index: summaryIndex };
        event('response.reasoning_summary_part.added', { ...at, part: { type: 'summary_text', text: '' } });
        for (const delta of splitPieces(part.text, plan.chunkCount)) {
          event('response.reasoning_summary_text.delta', { ...at, delta });
        }
        event('response.reasoning_summary_text.done', { ...at, text: part.text });
        event('response.reasoning_summary_part.done', { ...at, part });
      });
    } else if (item.type === 'message') {
      event('response.output_item.added', {
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', content: [] },
      });
      const text = item.content[0].text;
      const at = { ...address, content_index: 0 };
      event('response.content_part.added', {
        ...at,
        part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
      });
      for (const delta of splitPieces(text, plan.chunkCount)) {
        event('response.output_text.delta', { ...at, delta, logprobs: [] });
      }
      event('response.output_text.done', { ...at, text, logprobs: [] });
      event('response.content_part.done', { ...at, part: item.content[0] });
    } else if (item.type === 'custom_tool_call') {
      event('response.output_item.added', {
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', input: '' },
      });
      for (const delta of splitPieces(item.input, plan.chunkCount)) {
        event('response.custom_tool_call_input.delta', { ...address, delta });
      }
      event('response.custom_tool_call_input.done', { ...address, input: item.input });
    } else if (item.type === 'web_search_call') {
      event('response.output_item.added', {
        output_index: outputIndex,
        item: { id: item.id, type: item.type, status: 'in_progress' },
      });
      for (const phase of ['in_progress', 'searching', 'completed']) {
        event(`response.web_search_call.${phase}`, address);
      }
    } else if (item.type === 'local_shell_call') {
      event('response.output_item.added', { output_index: outputIndex, item: { ...item, status: 'in_progress' } });
    } else {
      event('response.output_item.added', {
        output_index: outputIndex,
        item: { ...item, status: 'in_progress', arguments: '' },
      });
      for (const delta of splitPieces(item.arguments, plan.chunkCount)) {
        event('response.function_call_arguments.delta', { ...address, delta });
      }
      event('response.function_call_arguments.done', { ...address, arguments: item.arguments });
    }
    event('response.output_item.done', { output_index: outputIndex, item });
  });
  event(final.status === 'incomplete' ? 'response.incomplete' : 'response.completed', { response: final });
  return frames;
}

/**
 * OpenAI's failure of a started response: an `error` event, then `response.failed` (the sequence
 * continues after the `afterChunks` events sent).
 */
export function responsesFailureFrames(sequence: number, error: Json, responseId: string): string {
  const failed = {
    id: responseId,
    object: 'response',
    status: 'failed',
    error: { code: error.code ?? error.type, message: error.message },
    incomplete_details: null,
    output: [],
    usage: null,
  };
  return (
    responsesEvent('error', sequence, { error }) + responsesEvent('response.failed', sequence + 1, { response: failed })
  );
}
