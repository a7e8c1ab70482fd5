import type { ChatRequest } from '../../ir/index.js';
import { isAnthropicOnlyDroppedField } from '../anthropic-only-features.js';
import type { EncodedRequest, ProviderContext } from '../provider.js';
import { refuseForeignServerFeatures } from '../server-tools.js';
import { convertMessagesToOpenAI } from './convert-messages.js';
import { convertReasoningConfig } from './convert-reasoning-config.js';
import { resolveDialect } from './dialect.js';
import { convertResponseFormat, convertToolChoice, convertTools } from './prepare-tools.js';

/** Fields extraBody may never override: they decide what is called and how it is billed. */
const RESERVED_FIELDS: ReadonlySet<string> = new Set(['model', 'messages', 'stream', 'stream_options']);

/** Builds `POST {baseUrl}/chat/completions` for OpenAI or an OpenAI-compatible vendor. */
export function encodeOpenAIRequest(request: ChatRequest, context: ProviderContext): EncodedRequest {
  refuseForeignServerFeatures(request, 'openai');
  const dialect = resolveDialect(context.compat);
  const dropped = new Set<string>();
  const converted = convertMessagesToOpenAI(request.messages, dialect);
  for (const name of converted.droppedParams) dropped.add(name);

  const body: Record<string, unknown> = { model: context.target.model || request.model, messages: converted.messages };
  const put = (field: string, value: unknown): void => {
    if (value !== undefined) body[field] = value;
  };

  if (request.tools && request.tools.length > 0) body.tools = convertTools(request.tools);
  if (request.toolChoice) body.tool_choice = convertToolChoice(request.toolChoice, dialect);
  put('parallel_tool_calls', request.parallelToolCalls);
  if (request.responseFormat) body.response_format = convertResponseFormat(request.responseFormat);

  const reasoning = convertReasoningConfig(request.reasoning, dialect);
  Object.assign(body, reasoning.fields);
  for (const name of reasoning.droppedParams) dropped.add(name);

  put('temperature', request.temperature);
  put('top_p', request.topP);
  put('top_k', request.topK);
  put(dialect.maxTokensField, request.maxOutputTokens);
  if (request.stop && request.stop.length > 0) body.stop = request.stop;
  put(dialect.seedField, request.seed);
  put('n', request.n);
  put('user', request.user);
  put('frequency_penalty', request.frequencyPenalty);
  put('presence_penalty', request.presencePenalty);
  put('logprobs', request.logprobs);
  put('top_logprobs', request.topLogprobs);
  put('logit_bias', request.logitBias);
  put('metadata', request.metadata);
  // OpenAI routes requests sharing this key to the same cache shard; compatible vendors either
  // reject unknown fields or ignore them, so only OpenAI itself receives it.
  if (dialect.isOpenAI) put('prompt_cache_key', request.promptCacheKey);

  const streamOptions = request.stream && dialect.supportsStreamOptions;
  if (request.stream) body.stream = true;
  // Usage is always asked for: billing needs it even when the client did not ask (the surface hides it).
  if (streamOptions) body.stream_options = { include_usage: true };

  for (const [field, value] of Object.entries(request.extraBody ?? {})) {
    if (field === 'stream_options') {
      if (streamOptions && typeof value === 'object' && value !== null) {
        body.stream_options = { ...(value as Record<string, unknown>), include_usage: true };
      }
    } else if (request.extraBodyVendor !== undefined || isAnthropicOnlyDroppedField(field)) {
      // An Anthropic or Gemini client's own fields (context_management, safetySettings...): not
      // OpenAI's to read; an OpenAI upstream would refuse them.
      dropped.add(field);
    } else if (!RESERVED_FIELDS.has(field)) {
      body[field] = value;
    }
  }

  for (const field of Object.keys(body)) {
    if (dialect.unsupportedParams.has(field)) {
      delete body[field];
      dropped.add(field);
    }
  }

  return {
    http: {
      method: 'POST',
      url: `${context.target.baseUrl.replace(/\/+$/, '')}/chat/completions`,
      headers: buildHeaders(context),
      body: JSON.stringify(body),
    },
    droppedParams: [...dropped],
  };
}

function buildHeaders(context: ProviderContext): Record<string, string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (context.target.apiKey) headers.authorization = `Bearer ${context.target.apiKey}`;
  for (const [name, value] of Object.entries(context.target.headers ?? {})) headers[name.toLowerCase()] = value;
  return headers;
}
