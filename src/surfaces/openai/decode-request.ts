import type {
  AssistantContentPart,
  BinarySource,
  CacheControl,
  ChatRequest,
  FilePart,
  ImageConfig,
  ImagePart,
  Message,
  ReasoningConfig,
  ReasoningPart,
  ResponseFormat,
  TextPart,
  ToolChoice,
  ToolDefinition,
  ToolResultContentPart,
  UserContentPart,
} from '../../ir/index.js';
import { GatewayError } from '../../ir/index.js';
import { routingFields } from '../common/routing-params.js';
import { splitToolCallId } from '../common/tool-call-id.js';
import { decodeGeneratedImages } from './generated-images.js';
import {
  type ChatCompletionMessage,
  type ChatCompletionRequestBody,
  chatCompletionRequestSchema,
  MODELLED_FIELDS,
} from './request-schema.js';
import { validationError } from './validation-error.js';

/** Decodes a parsed OpenAI Chat Completions body into the canonical request. Throws a 400 GatewayError. */
export function decodeChatCompletionRequest(body: unknown): ChatRequest {
  if (body === undefined) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: 'The request body is empty; it must be a JSON object.',
    });
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new GatewayError({ kind: 'invalid_request', message: 'The request body must be a JSON object.' });
  }
  // No model at all: the operator's default for the caller's group will serve (routing/default-model.ts).
  const omitted = !('model' in body) && !('models' in body);
  if (!('messages' in body)) throw missing('messages');
  const parsed = chatCompletionRequestSchema.safeParse(
    omitted ? { ...body, model: UNNAMED_MODEL } : withFirstModel(body),
  );
  if (!parsed.success) throw validationError(parsed.error);
  const input = parsed.data;

  const messages = decodeMessages(input.messages);
  const request: ChatRequest = {
    model: input.model,
    messages,
    stream: input.stream === true,
    includeUsage: input.stream_options?.include_usage === true || input.usage?.include === true,
  };
  if (omitted) request.modelOmitted = true;
  Object.assign(request, routingFields(input, input.model));
  const tools = decodeTools(input);
  if (tools) request.tools = tools;
  const toolChoice = decodeToolChoice(input, tools);
  if (toolChoice) request.toolChoice = toolChoice;
  if (input.parallel_tool_calls != null) request.parallelToolCalls = input.parallel_tool_calls;
  const responseFormat = decodeResponseFormat(input);
  if (responseFormat) request.responseFormat = responseFormat;
  const reasoning = decodeReasoningConfig(input);
  if (reasoning) request.reasoning = reasoning;

  assign(request, 'temperature', input.temperature);
  assign(request, 'topP', input.top_p);
  assign(request, 'topK', input.top_k);
  assign(request, 'maxOutputTokens', input.max_completion_tokens ?? input.max_tokens);
  if (input.stop != null) request.stop = typeof input.stop === 'string' ? [input.stop] : input.stop;
  assign(request, 'seed', input.seed);
  if (input.n != null && input.n !== 1) request.n = input.n;
  assign(request, 'user', input.user);
  assign(request, 'frequencyPenalty', input.frequency_penalty);
  assign(request, 'presencePenalty', input.presence_penalty);
  assign(request, 'logprobs', input.logprobs);
  assign(request, 'topLogprobs', input.top_logprobs);
  assign(request, 'logitBias', input.logit_bias);
  assign(request, 'metadata', input.metadata);
  if (input.prompt_cache_key) request.promptCacheKey = input.prompt_cache_key;
  if (input.modalities && input.modalities.length > 0) request.outputModalities = [...new Set(input.modalities)];
  const imageConfig = decodeImageConfig(input.image_config);
  if (imageConfig) request.imageConfig = imageConfig;

  const extra = collectExtraFields(input);
  if (extra) request.extraBody = extra;
  return request;
}

/** What `model` holds until the default replaces it: not a name any channel or alias can have. */
const UNNAMED_MODEL = '(default)';

/** OpenRouter lets `models` stand alone: its first entry is then the model to try first. */
function withFirstModel(body: object): object {
  if ('model' in body) return body;
  const { models } = body as { models?: unknown };
  return Array.isArray(models) && typeof models[0] === 'string' ? { ...body, model: models[0] } : body;
}

function decodeImageConfig(input: ChatCompletionRequestBody['image_config']): ImageConfig | undefined {
  if (!input) return undefined;
  const config: ImageConfig = {};
  if (input.aspect_ratio) config.aspectRatio = input.aspect_ratio;
  if (input.image_size) config.imageSize = input.image_size;
  return Object.keys(config).length > 0 ? config : undefined;
}

function missing(field: string): GatewayError {
  return new GatewayError({
    kind: 'invalid_request',
    message: `Missing required parameter: '${field}'.`,
    param: field,
    code: 'missing_required_parameter',
  });
}

function assign<K extends keyof ChatRequest>(request: ChatRequest, key: K, value: ChatRequest[K] | null | undefined) {
  if (value !== null && value !== undefined) request[key] = value;
}

function decodeMessages(input: ChatCompletionMessage[]): Message[] {
  // Tool results name their tool only through the call id; remember names to fill `toolName`.
  const toolNames = new Map<string, string>();
  return input.map((message, index) => decodeMessage(message, index, toolNames));
}

function decodeMessage(message: ChatCompletionMessage, index: number, toolNames: Map<string, string>): Message {
  switch (message.role) {
    case 'system':
    case 'developer': {
      const content =
        typeof message.content === 'string'
          ? [{ type: 'text' as const, text: message.content }]
          : message.content.map((part) => withCache({ type: 'text' as const, text: part.text }, part.cache_control));
      return withName({ role: message.role, content }, message.name);
    }
    case 'user': {
      const content =
        typeof message.content === 'string'
          ? [{ type: 'text' as const, text: message.content }]
          : message.content.map((part, partIndex) => decodeUserPart(part, `messages[${index}].content[${partIndex}]`));
      return withName({ role: 'user', content }, message.name);
    }
    case 'assistant':
      return withName(
        { role: 'assistant', content: decodeAssistantContent(message, toolNames, `messages[${index}]`) },
        message.name,
      );
    case 'tool': {
      const { id } = splitToolCallId(message.tool_call_id);
      const content: ToolResultContentPart[] =
        typeof message.content === 'string'
          ? [{ type: 'text', text: message.content }]
          : message.content.map((part, partIndex) => {
              const decoded = decodeUserPart(part, `messages[${index}].content[${partIndex}]`);
              if (decoded.type === 'audio') {
                throw new GatewayError({
                  kind: 'invalid_request',
                  message: 'Audio is not supported in tool results.',
                  param: `messages[${index}].content[${partIndex}]`,
                });
              }
              return decoded;
            });
      const toolName = message.name ?? toolNames.get(id);
      return toolName ? { role: 'tool', toolCallId: id, toolName, content } : { role: 'tool', toolCallId: id, content };
    }
    case 'function':
      return {
        role: 'tool',
        toolCallId: message.name,
        toolName: message.name,
        content: [{ type: 'text', text: message.content ?? '' }],
      };
    default:
      return assertNever(message);
  }
}

function withCache<T extends TextPart | ImagePart | FilePart>(part: T, control: CacheControl | null | undefined): T {
  if (control) part.cacheControl = control.ttl ? { type: 'ephemeral', ttl: control.ttl } : { type: 'ephemeral' };
  return part;
}

function withName<T extends Message>(message: T, name: string | undefined): T {
  if (name) (message as { name?: string }).name = name;
  return message;
}

type UserPartInput = Extract<ChatCompletionMessage, { role: 'user' }>['content'] extends infer C
  ? C extends Array<infer P>
    ? P
    : never
  : never;

function decodeUserPart(part: UserPartInput, param: string): UserContentPart {
  switch (part.type) {
    case 'text':
      return withCache({ type: 'text', text: part.text }, part.cache_control);
    case 'image_url': {
      const image = typeof part.image_url === 'string' ? { url: part.image_url } : part.image_url;
      const decoded: UserContentPart = { type: 'image', source: decodeSource(image.url, param) };
      if (image.detail) decoded.detail = image.detail;
      return withCache(decoded, part.cache_control);
    }
    case 'input_audio':
      return { type: 'audio', data: part.input_audio.data, format: part.input_audio.format };
    case 'file': {
      if (!part.file.file_data) {
        throw new GatewayError({
          kind: 'invalid_request',
          message: 'Only inline files (file.file_data as a data URL) are supported; file_id needs the Files API.',
          param: `${param}.file`,
        });
      }
      const source = decodeSource(part.file.file_data, param);
      const file: UserContentPart = { type: 'file', source };
      if (source.kind === 'base64') file.mediaType = source.mediaType;
      if (part.file.filename) file.filename = part.file.filename;
      return withCache(file, part.cache_control);
    }
    default:
      return assertNever(part);
  }
}

const DATA_URL = /^data:([^;,]+)?((?:;[^;,]*)*?);base64,/i;

/** A data URL becomes inline base64; http(s) URLs stay URLs (inlined later where the vendor needs bytes). */
export function decodeSource(url: string, param: string): BinarySource {
  if (url.startsWith('data:')) {
    const match = DATA_URL.exec(url);
    if (!match) {
      throw new GatewayError({
        kind: 'invalid_request',
        message: 'Data URLs must be base64 encoded (data:<media type>;base64,<data>).',
        param,
      });
    }
    return { kind: 'base64', mediaType: match[1] ?? 'application/octet-stream', data: url.slice(match[0].length) };
  }
  if (!/^https?:\/\//i.test(url)) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: 'Image and file URLs must be http(s) URLs or base64 data URLs.',
      param,
    });
  }
  return { kind: 'url', url };
}

type AssistantInput = Extract<ChatCompletionMessage, { role: 'assistant' }>;

function decodeAssistantContent(
  message: AssistantInput,
  toolNames: Map<string, string>,
  param: string,
): AssistantContentPart[] {
  const parts: AssistantContentPart[] = [...decodeReasoningParts(message)];
  if (typeof message.content === 'string') {
    if (message.content) parts.push({ type: 'text', text: message.content });
  } else if (message.content) {
    for (const part of message.content) {
      parts.push(part.type === 'text' ? { type: 'text', text: part.text } : { type: 'refusal', text: part.refusal });
    }
  }
  if (message.refusal) parts.push({ type: 'refusal', text: message.refusal });
  if (message.images) parts.push(...decodeGeneratedImages(message.images, param));
  for (const call of message.tool_calls ?? []) {
    const { id, signature } = splitToolCallId(call.id);
    toolNames.set(id, call.function.name);
    const part: AssistantContentPart = {
      type: 'tool-call',
      id,
      name: call.function.name,
      arguments: call.function.arguments || '{}',
    };
    if (signature) part.signature = signature;
    parts.push(part);
  }
  if (message.function_call) {
    toolNames.set(message.function_call.name, message.function_call.name);
    parts.push({
      type: 'tool-call',
      id: message.function_call.name,
      name: message.function_call.name,
      arguments: message.function_call.arguments || '{}',
    });
  }
  return parts;
}

/**
 * Reasoning from an earlier assistant turn. `reasoning_details` (OpenRouter's convention) carries
 * signatures and redacted blocks; `reasoning_content` / `reasoning` carry plain text. A detail
 * entry without text takes the plain text (our stream sends the text once, the signature once).
 */
function decodeReasoningParts(message: AssistantInput): ReasoningPart[] {
  const plainText = message.reasoning_content ?? message.reasoning ?? '';
  const details = message.reasoning_details ?? [];
  const parts: ReasoningPart[] = [];
  let plainTextUsed = false;
  for (const detail of details) {
    const issuer = signatureProviderFromFormat(detail.format);
    if (detail.type === 'reasoning.encrypted' && detail.data) {
      const part: ReasoningPart = { type: 'reasoning', text: '', redactedData: detail.data };
      if (issuer) part.signatureProvider = issuer;
      parts.push(part);
    } else if (detail.type === 'reasoning.text' || detail.type === 'reasoning.summary') {
      let text = detail.text ?? detail.summary ?? '';
      if (!text && !plainTextUsed) {
        text = plainText;
        plainTextUsed = true;
      }
      const part: ReasoningPart = { type: 'reasoning', text };
      if (detail.signature) part.signature = detail.signature;
      if (detail.signature && issuer) part.signatureProvider = issuer;
      parts.push(part);
    }
  }
  if (parts.length === 0 && plainText) parts.push({ type: 'reasoning', text: plainText });
  return parts;
}

/** `reasoning_details[].format` (OpenRouter's names) → the vendor that issued the signature. */
function signatureProviderFromFormat(format: unknown): string | undefined {
  if (typeof format !== 'string' || !format) return undefined;
  if (format.startsWith('anthropic-')) return 'anthropic';
  if (format.startsWith('google-')) return 'gemini';
  if (format.startsWith('openai-')) return 'openai';
  return format;
}

function decodeTools(input: ChatCompletionRequestBody): ToolDefinition[] | undefined {
  const definitions: ToolDefinition[] = [];
  for (const tool of input.tools ?? []) {
    const fn = tool.function;
    const definition: ToolDefinition = {
      name: fn.name,
      parameters: fn.parameters ?? { type: 'object', properties: {} },
    };
    if (fn.description) definition.description = fn.description;
    if (fn.strict != null) definition.strict = fn.strict;
    definitions.push(definition);
  }
  for (const fn of input.functions ?? []) {
    const definition: ToolDefinition = {
      name: fn.name,
      parameters: fn.parameters ?? { type: 'object', properties: {} },
    };
    if (fn.description) definition.description = fn.description;
    definitions.push(definition);
  }
  return definitions.length > 0 ? definitions : undefined;
}

function decodeToolChoice(
  input: ChatCompletionRequestBody,
  tools: ToolDefinition[] | undefined,
): ToolChoice | undefined {
  const choice = input.tool_choice ?? input.function_call;
  if (choice == null) return undefined;
  if (typeof choice === 'string') return { type: choice };
  const name = 'function' in choice && choice.function ? (choice.function as { name: string }).name : choice.name;
  if (typeof name !== 'string') return undefined;
  if (!tools?.some((tool) => tool.name === name)) {
    throw new GatewayError({
      kind: 'invalid_request',
      message: `tool_choice names the function '${name}', which is not in 'tools'.`,
      param: 'tool_choice',
    });
  }
  return { type: 'tool', name };
}

function decodeResponseFormat(input: ChatCompletionRequestBody): ResponseFormat | undefined {
  const format = input.response_format;
  if (!format) return undefined;
  if (format.type !== 'json_schema') return { type: format.type };
  const spec = format.json_schema;
  const decoded: ResponseFormat = {
    type: 'json_schema',
    name: spec.name,
    schema: spec.schema ?? { type: 'object' },
  };
  if (spec.strict != null) decoded.strict = spec.strict;
  if (spec.description) decoded.description = spec.description;
  return decoded;
}

/** `reasoning_effort`, Anthropic-style `thinking` and OpenRouter-style `reasoning` all land here. */
function decodeReasoningConfig(input: ChatCompletionRequestBody): ReasoningConfig | undefined {
  const config: ReasoningConfig = {};
  const effort = input.reasoning_effort ?? input.reasoning?.effort;
  if (effort) config.effort = effort;
  const budget = input.thinking?.budget_tokens ?? input.reasoning?.max_tokens;
  if (budget !== undefined) config.budgetTokens = budget;
  if (effort === 'none' || input.thinking?.type === 'disabled' || input.reasoning?.enabled === false || budget === 0) {
    return { disabled: true };
  }
  if (input.thinking?.type === 'enabled' && config.effort === undefined && config.budgetTokens === undefined) {
    config.effort = 'medium';
  }
  if (input.reasoning?.enabled === true && config.effort === undefined && config.budgetTokens === undefined) {
    config.effort = 'medium';
  }
  return Object.keys(config).length > 0 ? config : undefined;
}

function collectExtraFields(input: Record<string, unknown>): Record<string, unknown> | undefined {
  let extra: Record<string, unknown> | undefined;
  for (const key of Object.keys(input)) {
    if (MODELLED_FIELDS.has(key) || input[key] === undefined) continue;
    extra ??= {};
    extra[key] = input[key];
  }
  return extra;
}

function assertNever(value: never): never {
  throw new Error(`Unhandled variant: ${JSON.stringify(value)}`);
}
