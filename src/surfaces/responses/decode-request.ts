import type { ChatRequest, Message, ReasoningConfig, ResponseFormat } from '../../ir/index.js';
import { GatewayError } from '../../ir/index.js';
import { decodeRoutingParams } from '../common/routing-params.js';
import { type DecodeItemsOptions, decodeInputItems, type ResponseItem } from './decode-input-items.js';
import { decodeToolChoice, decodeTools } from './decode-tools.js';
import { type ResponsesRequestBody, responsesRequestSchema } from './request-schema.js';
import { ECHO_FIELDS } from './response-echo.js';
import { invalidField, parseField } from './schema-error.js';

export interface DecodeResponsesOptions {
  /**
   * The stored conversation `previous_response_id` names, as input items (see
   * `responseItemsForHistory`), already owner-checked by the caller. Without it, a request that
   * names a previous response is refused.
   */
  history?: readonly ResponseItem[];
  /** Resolves an `item_reference` to a stored item. */
  resolveItemReference?: DecodeItemsOptions['resolveItemReference'];
}

/** Decodes a POST /v1/responses body into the canonical request. Throws a 400 GatewayError. */
export function decodeResponsesRequest(body: unknown, options: DecodeResponsesOptions = {}): ChatRequest {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new GatewayError({ kind: 'invalid_request', message: 'The request body must be a JSON object.' });
  }
  if (!('model' in body))
    throw invalidField('model', "Missing required parameter: 'model'.", 'missing_required_parameter');
  const input = parseField(responsesRequestSchema, body, '');

  if (input.previous_response_id && !options.history) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: `Previous response with id '${input.previous_response_id.slice(0, 200)}' not found.`,
      param: 'previous_response_id',
      code: 'previous_response_not_found',
    });
  }
  const messages = decodeMessages(input, options);
  const stream = input.stream === true;
  const request: ChatRequest = { model: input.model, messages, stream, includeUsage: stream };

  const tools = decodeTools(input.tools);
  if (tools.tools) request.tools = tools.tools;
  if (tools.serverTools) request.serverTools = tools.serverTools;
  if (tools.dropped) request.droppedParams = tools.dropped;
  const toolChoice = decodeToolChoice(input.tool_choice, tools);
  if (toolChoice) request.toolChoice = toolChoice;
  if (input.parallel_tool_calls != null) request.parallelToolCalls = input.parallel_tool_calls;

  const reasoning = decodeReasoning(input);
  if (reasoning) request.reasoning = reasoning;
  const responseFormat = decodeResponseFormat(input);
  if (responseFormat) request.responseFormat = responseFormat;

  if (input.max_output_tokens != null) request.maxOutputTokens = input.max_output_tokens;
  if (input.temperature != null) request.temperature = input.temperature;
  if (input.top_p != null) request.topP = input.top_p;
  if (input.top_logprobs) {
    request.logprobs = true;
    request.topLogprobs = input.top_logprobs;
  }
  if (input.prompt_cache_key) request.promptCacheKey = input.prompt_cache_key;
  const user = input.safety_identifier ?? input.user;
  if (user) request.user = user;
  if (input.metadata && Object.keys(input.metadata).length > 0) request.metadata = input.metadata;

  // Chat Completions has the same two knobs, so an OpenAI-compatible upstream still receives them.
  const extra: Record<string, unknown> = {};
  if (input.text?.verbosity) extra.verbosity = input.text.verbosity;
  if (input.service_tier) extra.service_tier = input.service_tier;
  if (Object.keys(extra).length > 0) request.extraBody = extra;

  if (isRecord(body)) Object.assign(request, decodeRoutingParams(body, request.model));
  request.surfaceEcho = pickEcho(input);
  return request;
}

/** `instructions` first (a previous response's instructions do not carry over), then history, then input. */
function decodeMessages(input: ResponsesRequestBody, options: DecodeResponsesOptions): Message[] {
  const items = typeof input.input === 'string' ? [{ role: 'user', content: input.input }] : (input.input ?? []);
  const messages = decodeInputItems(items, 'input', {
    history: options.history,
    resolveItemReference: options.resolveItemReference,
  });
  if (input.instructions) messages.unshift({ role: 'system', content: [{ type: 'text', text: input.instructions }] });
  if (messages.length === 0) {
    throw invalidField('input', "Missing required parameter: 'input'.", 'missing_required_parameter');
  }
  return messages;
}

function decodeReasoning(input: ResponsesRequestBody): ReasoningConfig | undefined {
  const reasoning = input.reasoning;
  if (!reasoning) return undefined;
  if (reasoning.effort === 'none') return { disabled: true };
  const config: ReasoningConfig = {};
  if (reasoning.effort) config.effort = reasoning.effort;
  const summary = reasoning.summary ?? reasoning.generate_summary;
  if (summary) config.summary = summary;
  return Object.keys(config).length > 0 ? config : undefined;
}

function decodeResponseFormat(input: ResponsesRequestBody): ResponseFormat | undefined {
  const format = input.text?.format;
  if (!format) return undefined;
  if (format.type !== 'json_schema') return { type: format.type };
  const decoded: ResponseFormat = { type: 'json_schema', name: format.name, schema: format.schema };
  if (format.strict != null) decoded.strict = format.strict;
  if (format.description) decoded.description = format.description;
  return decoded;
}

/** The fields the answer repeats, as the client sent them (references, not copies). */
function pickEcho(input: ResponsesRequestBody): Record<string, unknown> {
  const echo: Record<string, unknown> = {};
  const source = input as Record<string, unknown>;
  for (const field of ECHO_FIELDS) {
    if (Object.hasOwn(source, field) && source[field] !== undefined) echo[field] = source[field];
  }
  return echo;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
