import type { ChatRequest, ToolChoice } from '../../ir/index.js';

/** Request fields the Responses API repeats in every response object, kept by the decoder. */
export const ECHO_FIELDS = [
  'background',
  'include',
  'instructions',
  'max_output_tokens',
  'max_tool_calls',
  'metadata',
  'parallel_tool_calls',
  'previous_response_id',
  'prompt_cache_key',
  'prompt_cache_retention',
  'reasoning',
  'safety_identifier',
  'service_tier',
  'store',
  'temperature',
  'text',
  'tool_choice',
  'tools',
  'top_logprobs',
  'top_p',
  'truncation',
  'user',
] as const;

/**
 * The request half of a response object, with OpenAI's defaults for what the client left out. The
 * decoder's echo (the client's own values) wins; a request that did not come through the Responses
 * decoder (a replay, a test) falls back to what the IR knows.
 */
export function echoRequestFields(request: ChatRequest): Record<string, unknown> {
  const echo = request.surfaceEcho ?? {};
  const pick = <T>(field: (typeof ECHO_FIELDS)[number], fallback: T): unknown => echo[field] ?? fallback;
  const reasoning = record(echo.reasoning);
  const text = record(echo.text);
  const serviceTier = echo.service_tier;
  return {
    background: pick('background', false),
    instructions: pick('instructions', null),
    max_output_tokens: pick('max_output_tokens', request.maxOutputTokens ?? null),
    max_tool_calls: pick('max_tool_calls', null),
    parallel_tool_calls: pick('parallel_tool_calls', request.parallelToolCalls ?? true),
    previous_response_id: pick('previous_response_id', null),
    prompt_cache_key: pick('prompt_cache_key', request.promptCacheKey ?? null),
    prompt_cache_retention: pick('prompt_cache_retention', null),
    reasoning: {
      effort: reasoning.effort ?? request.reasoning?.effort ?? null,
      summary: reasoning.summary ?? reasoning.generate_summary ?? request.reasoning?.summary ?? null,
    },
    safety_identifier: pick('safety_identifier', null),
    // OpenAI reports the tier that served; `auto` resolves to `default` when nothing else applies.
    service_tier: typeof serviceTier === 'string' && serviceTier !== 'auto' ? serviceTier : 'default',
    store: pick('store', true),
    temperature: pick('temperature', request.temperature ?? 1),
    text: { format: text.format ?? { type: 'text' }, verbosity: text.verbosity ?? 'medium' },
    tool_choice: pick('tool_choice', toolChoiceFromIR(request.toolChoice)),
    tools: pick('tools', toolsFromIR(request)),
    top_logprobs: pick('top_logprobs', request.topLogprobs ?? 0),
    top_p: pick('top_p', request.topP ?? 1),
    truncation: pick('truncation', 'disabled'),
    user: pick('user', null),
    metadata: pick('metadata', request.metadata ?? {}),
  };
}

/** Whether the client wants `encrypted_content` on reasoning items (see stream/encode docs). */
export function revealsEncryptedReasoning(request: ChatRequest): boolean {
  const echo = request.surfaceEcho ?? {};
  if (echo.store === false) return true;
  return Array.isArray(echo.include) && echo.include.includes('reasoning.encrypted_content');
}

/** Whether the client asked for reasoning summaries (`reasoning.summary`). */
export function showsReasoningSummary(request: ChatRequest): boolean {
  return Boolean(request.reasoning?.summary);
}

function record(value: unknown): Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function toolChoiceFromIR(choice: ToolChoice | undefined): unknown {
  if (!choice) return 'auto';
  return choice.type === 'tool' ? { type: 'function', name: choice.name } : choice.type;
}

function toolsFromIR(request: ChatRequest): unknown[] {
  const tools: unknown[] = (request.tools ?? []).map((tool) => ({
    type: 'function',
    name: tool.name,
    description: tool.description ?? null,
    parameters: tool.parameters,
    strict: tool.strict ?? null,
  }));
  for (const server of request.serverTools ?? []) tools.push(server.definition);
  return tools;
}
