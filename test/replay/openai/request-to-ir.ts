/**
 * Test helper: a recorded OpenAI Chat Completions request body as the IR request a client surface
 * would produce, so encodeRequest can be checked against what real clients sent. Shapes the IR cannot
 * hold are reported as unsupported rather than guessed.
 */
import type {
  AssistantContentPart,
  BinarySource,
  ChatRequest,
  Message,
  ReasoningEffort,
  TextPart,
  ToolChoice,
  UserContentPart,
} from '../../../src/ir/index.js';

type Json = Record<string, any>;

export class UnsupportedShape extends Error {}

const MODELED = new Set([
  'model',
  'messages',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'reasoning_effort',
  'temperature',
  'top_p',
  'top_k',
  'max_completion_tokens',
  'max_tokens',
  'stop',
  'seed',
  'random_seed',
  'n',
  'user',
  'frequency_penalty',
  'presence_penalty',
  'logprobs',
  'top_logprobs',
  'logit_bias',
  'metadata',
  'stream',
  'stream_options',
]);
const EFFORTS: readonly string[] = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'];

export function openaiRequestToIR(body: Json): ChatRequest {
  const value = (field: string) => (body[field] === null ? undefined : body[field]);
  const request: ChatRequest = {
    model: body.model,
    messages: (body.messages as Json[]).map(convertMessage),
    stream: body.stream === true,
    includeUsage: body.stream_options?.include_usage === true,
  };
  if (body.tools) request.tools = (body.tools as Json[]).map(convertTool);
  if (body.tool_choice != null) request.toolChoice = convertToolChoice(body.tool_choice);
  request.parallelToolCalls = value('parallel_tool_calls');
  if (body.response_format) request.responseFormat = convertResponseFormat(body.response_format);
  request.temperature = value('temperature');
  request.topP = value('top_p');
  request.topK = value('top_k');
  request.maxOutputTokens = value('max_completion_tokens') ?? value('max_tokens');
  if (body.stop != null) request.stop = typeof body.stop === 'string' ? [body.stop] : body.stop;
  request.seed = value('seed') ?? value('random_seed');
  request.n = value('n');
  request.user = value('user');
  request.frequencyPenalty = value('frequency_penalty');
  request.presencePenalty = value('presence_penalty');
  request.logprobs = value('logprobs');
  request.topLogprobs = value('top_logprobs');
  request.logitBias = value('logit_bias');
  request.metadata = value('metadata');
  const extraBody: Json = {};
  for (const [field, fieldValue] of Object.entries(body)) {
    if (!MODELED.has(field) && fieldValue !== null) extraBody[field] = fieldValue;
  }
  const effort = value('reasoning_effort');
  if (effort !== undefined) {
    if (EFFORTS.includes(effort)) request.reasoning = { effort: effort as ReasoningEffort };
    else extraBody.reasoning_effort = effort;
  }
  if (Object.keys(extraBody).length > 0) request.extraBody = extraBody;
  for (const key of Object.keys(request) as Array<keyof ChatRequest>)
    if (request[key] === undefined) delete request[key];
  return request;
}

function convertMessage(message: Json): Message {
  const name = message.name == null ? {} : { name: message.name as string };
  switch (message.role) {
    case 'system':
    case 'developer':
      return { role: message.role, content: textParts(message.content), ...name };
    case 'user':
      return { role: 'user', content: userParts(message.content), ...name };
    case 'assistant':
      if (message.prefix === true) throw new UnsupportedShape('assistant prefix');
      return { role: 'assistant', content: assistantParts(message), ...name };
    case 'tool':
      return { role: 'tool', toolCallId: message.tool_call_id, content: textParts(message.content) };
    default:
      throw new UnsupportedShape(`role ${message.role}`);
  }
}

function textParts(content: unknown): TextPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return (content as Json[]).map((part) => {
    if (part.type !== 'text') throw new UnsupportedShape(`${part.type} in a text-only message`);
    return { type: 'text', text: part.text };
  });
}

function userParts(content: unknown): UserContentPart[] {
  if (typeof content === 'string') return [{ type: 'text', text: content }];
  return (content as Json[]).map((part): UserContentPart => {
    switch (part.type) {
      case 'text':
        return { type: 'text', text: part.text };
      case 'image_url':
        return {
          type: 'image',
          source: source(part.image_url.url),
          ...(part.image_url.detail ? { detail: part.image_url.detail } : {}),
        };
      case 'input_audio':
        return { type: 'audio', data: part.input_audio.data, format: part.input_audio.format };
      case 'file': {
        const file = source(part.file.file_data);
        const mediaType = file.kind === 'base64' ? { mediaType: file.mediaType } : {};
        return {
          type: 'file',
          source: file,
          ...mediaType,
          ...(part.file.filename ? { filename: part.file.filename } : {}),
        };
      }
      default:
        throw new UnsupportedShape(`user part ${part.type}`);
    }
  });
}

function source(url: string): BinarySource {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  return match ? { kind: 'base64', mediaType: match[1], data: match[2] } : { kind: 'url', url };
}

function assistantParts(message: Json): AssistantContentPart[] {
  const parts: AssistantContentPart[] = [];
  if (typeof message.content === 'string' && message.content !== '')
    parts.push({ type: 'text', text: message.content });
  for (const chunk of Array.isArray(message.content) ? (message.content as Json[]) : []) {
    if (chunk.type === 'text') parts.push({ type: 'text', text: chunk.text });
    else if (chunk.type === 'thinking')
      for (const piece of chunk.thinking as Json[]) parts.push({ type: 'reasoning', text: piece.text });
    else throw new UnsupportedShape(`assistant part ${chunk.type}`);
  }
  if (typeof message.refusal === 'string') parts.push({ type: 'refusal', text: message.refusal });
  for (const call of (message.tool_calls ?? []) as Json[]) {
    parts.push({ type: 'tool-call', id: call.id, name: call.function.name, arguments: call.function.arguments });
  }
  // Reasoning first, as the IR orders assistant content.
  return [...parts.filter((part) => part.type === 'reasoning'), ...parts.filter((part) => part.type !== 'reasoning')];
}

function convertTool(tool: Json) {
  // Mistral's client omits `type`, which defaults to function there.
  if (tool.type !== undefined && tool.type !== 'function') throw new UnsupportedShape(`tool type ${tool.type}`);
  for (const field of Object.keys(tool)) {
    if (field !== 'type' && field !== 'function') throw new UnsupportedShape(`tool field ${field}`);
  }
  const fn = tool.function as Json;
  return {
    name: fn.name as string,
    ...(fn.description !== undefined ? { description: fn.description as string } : {}),
    parameters: (fn.parameters ?? {}) as Record<string, unknown>,
    ...(fn.strict !== undefined ? { strict: fn.strict as boolean } : {}),
  };
}

function convertToolChoice(choice: unknown): ToolChoice {
  if (choice === 'auto' || choice === 'none' || choice === 'required') return { type: choice };
  if (choice === 'any') return { type: 'required' };
  const named = choice as Json;
  if (named.type === 'function') return { type: 'tool', name: named.function.name };
  throw new UnsupportedShape('tool_choice');
}

function convertResponseFormat(format: Json): NonNullable<ChatRequest['responseFormat']> {
  if (format.type === 'json_schema') {
    const schema = format.json_schema as Json;
    return {
      type: 'json_schema',
      name: schema.name,
      schema: schema.schema,
      ...(schema.strict !== undefined ? { strict: schema.strict } : {}),
      ...(schema.description !== undefined ? { description: schema.description } : {}),
    };
  }
  return { type: format.type };
}
