import type { ChatRequest, Message, ResponseFormat } from '../../ir/index.js';
import { decodeRoutingParams, ROUTING_FIELDS } from '../common/routing-params.js';
import type { SurfaceInput } from '../surface.js';
import { decodeMessages, systemContent } from './decode-messages.js';
import { decodeThinking } from './decode-thinking.js';
import { decodeTools } from './decode-tools.js';
import { invalidAt, isRecord, parseAt } from './invalid-request.js';
import { type AnthropicRequestBody, anthropicRequestSchema, MODELLED_FIELDS } from './request-schema.js';

export interface DecodeOptions {
  /** `max_tokens` is required by `POST /v1/messages`, not by `count_tokens`. */
  requireMaxTokens: boolean;
}

/**
 * An Anthropic Messages request (`POST /v1/messages`, body and headers) → the IR. Throws a
 * GatewayError(invalid_request) naming the field (`messages.0.content.1.type: ...`) for anything
 * the API would refuse; any JSON value is answered with a 400, never a crash.
 */
export function decodeMessagesRequest(
  input: Pick<SurfaceInput, 'body' | 'headers'>,
  options: DecodeOptions = { requireMaxTokens: true },
): ChatRequest {
  const { body } = input;
  if (!isRecord(body)) throw invalidAt([], 'The request body must be a JSON object.');
  for (const field of ['model', 'messages', ...(options.requireMaxTokens ? ['max_tokens'] : [])]) {
    if (body[field] === undefined) throw invalidAt([field], 'Field required');
  }
  const parsed = parseAt(anthropicRequestSchema, body, []);

  const messages: Message[] = [];
  const system = systemContent(parsed.system ?? undefined, ['system']);
  if (system.length > 0) messages.push({ role: 'system', content: system });
  messages.push(...decodeMessages(parsed.messages));

  const stream = parsed.stream === true;
  const request: ChatRequest = { model: parsed.model, messages, stream, includeUsage: stream };
  if (parsed.max_tokens !== undefined) request.maxOutputTokens = parsed.max_tokens;
  Object.assign(request, decodeTools(parsed));
  const reasoning = decodeThinking(parsed);
  if (reasoning) request.reasoning = reasoning;
  const responseFormat = decodeResponseFormat(parsed);
  if (responseFormat) request.responseFormat = responseFormat;
  if (parsed.stop_sequences && parsed.stop_sequences.length > 0) request.stop = parsed.stop_sequences;
  if (parsed.temperature != null) request.temperature = parsed.temperature;
  if (parsed.top_p != null) request.topP = parsed.top_p;
  if (parsed.top_k != null) request.topK = parsed.top_k;
  const userId = parsed.metadata?.user_id;
  if (userId) {
    request.user = userId;
    // Claude Code's user_id names the session: the conversation's cache lives on one upstream key.
    request.promptCacheKey = userId;
  }
  const betas = anthropicBeta(input.headers['anthropic-beta']);
  if (betas.length > 0) request.anthropicBeta = betas;
  Object.assign(request, decodeRoutingParams(body, request.model));
  const extra = extraFields(body);
  if (extra) {
    request.extraBody = extra;
    request.extraBodyVendor = 'anthropic';
  }
  return request;
}

/** Structured outputs: `output_config.format`, or the beta's top-level `output_format`. */
function decodeResponseFormat(input: AnthropicRequestBody): ResponseFormat | undefined {
  const format = input.output_config?.format ?? input.output_format;
  if (!format) return undefined;
  // Anthropic's JSON output format has no name; OpenAI's requires one.
  return { type: 'json_schema', name: 'output', schema: format.schema };
}

/** `anthropic-beta: a,b` (also repeated headers) → the list of flags, trimmed, without duplicates. */
export function anthropicBeta(header: string | string[] | undefined): string[] {
  if (header === undefined) return [];
  const values = Array.isArray(header) ? header : [header];
  const flags = values.flatMap((value) => value.split(',')).map((flag) => flag.trim());
  // Flags are sent on as a header: only the characters beta names use (`interleaved-thinking-2025-05-14`).
  return [...new Set(flags.filter((flag) => /^[A-Za-z0-9._-]{1,128}$/.test(flag)))];
}

/**
 * Fields the IR does not model (`container`, `mcp_servers`, `context_management`, `service_tier`,
 * `inference_geo`, top-level `cache_control`, and whatever Anthropic adds next): kept verbatim for
 * the Anthropic provider; the others refuse the ones that change the answer's meaning
 * (src/providers/anthropic-only-fields.ts).
 */
function extraFields(input: Record<string, unknown>): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const key of Object.keys(input)) {
    if (MODELLED_FIELDS.has(key) || ROUTING_FIELDS.includes(key as never) || input[key] === undefined) continue;
    extra ??= {};
    // defineProperty: a client's `__proto__` key stays a plain field instead of replacing the prototype.
    Object.defineProperty(extra, key, { value: input[key], enumerable: true, writable: true, configurable: true });
  }
  return extra;
}
