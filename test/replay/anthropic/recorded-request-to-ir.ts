/**
 * Test helper: maps a recorded Anthropic request body back to the IR request a client would have
 * sent, and normalises the recorded body for comparison with what our encoder produces. Requests
 * using features the IR cannot express (server tools, adaptive thinking, cache_control,
 * mid-conversation system turns, ...) are reported as skipped with the reason.
 */
import type {
  AssistantContentPart,
  ChatRequest,
  Message,
  ToolResultContentPart,
  UserContentPart,
} from '../../../src/ir/index.js';

// biome-ignore lint/suspicious/noExplicitAny: recorded vendor JSON, read structurally in tests only
type Json = Record<string, any>;

const SUPPORTED_FIELDS = new Set([
  'model',
  'max_tokens',
  'messages',
  'system',
  'tools',
  'tool_choice',
  'thinking',
  'output_config',
  'temperature',
  'top_p',
  'top_k',
  'stop_sequences',
  'metadata',
  'stream',
]);
const USER_BLOCKS = new Set(['text', 'image', 'document', 'tool_result']);
const ASSISTANT_BLOCKS = new Set(['text', 'thinking', 'redacted_thinking', 'tool_use']);

export type Conversion = { request: ChatRequest } | { skip: string };

export function recordedRequestToIr(body: Json): Conversion {
  const unsupported = Object.keys(body).filter((key) => !SUPPORTED_FIELDS.has(key));
  if (unsupported.length > 0) return { skip: `fields ${unsupported.join(', ')}` };
  const adaptive = body.thinking?.type === 'adaptive';
  if (
    body.thinking &&
    !adaptive &&
    (body.thinking.type !== 'enabled' || typeof body.thinking.budget_tokens !== 'number')
  ) {
    return { skip: `thinking ${body.thinking.type}` };
  }
  if (body.output_config && (Object.keys(body.output_config).some((key) => key !== 'effort') || !adaptive)) {
    return { skip: 'output_config beyond effort with adaptive thinking' };
  }
  if (adaptive && !body.output_config?.effort) return { skip: 'adaptive thinking without effort' };
  const tools: Json[] = body.tools ?? [];
  if (
    tools.some(
      (tool) =>
        (tool.type ?? 'custom') !== 'custom' ||
        Object.keys(tool).some((key) => !['type', 'name', 'description', 'input_schema', 'strict'].includes(key)),
    )
  ) {
    return { skip: 'server or extended tools' };
  }
  if (body.metadata && Object.keys(body.metadata).some((key) => key !== 'user_id')) return { skip: 'metadata' };
  const messages: Message[] = [];
  if (body.system !== undefined)
    messages.push({ role: 'system', content: textBlocks(body.system).map((text) => ({ type: 'text', text })) });
  for (const message of body.messages as Json[]) {
    const blocks: Json[] =
      typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
    if (message.role === 'assistant') {
      if (blocks.some((block) => !ASSISTANT_BLOCKS.has(block.type))) return { skip: 'assistant server-tool blocks' };
      messages.push({ role: 'assistant', content: blocks.map(assistantPart) });
    } else if (message.role === 'user') {
      if (!blocks.every((block) => USER_BLOCKS.has(block.type) && isRepresentable(block)))
        return { skip: 'user blocks' };
      messages.push(...userMessages(blocks));
    } else {
      return { skip: `role ${message.role}` };
    }
  }
  const request: ChatRequest = {
    model: body.model,
    messages,
    maxOutputTokens: body.max_tokens,
    stream: body.stream ?? false,
    includeUsage: false,
  };
  if (tools.length > 0) {
    request.tools = tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      parameters: tool.input_schema,
    }));
  }
  const choice = body.tool_choice;
  if (choice) {
    request.toolChoice =
      choice.type === 'any'
        ? { type: 'required' }
        : choice.type === 'tool'
          ? { type: 'tool', name: choice.name }
          : { type: choice.type };
    if (choice.disable_parallel_tool_use) request.parallelToolCalls = false;
  }
  if (adaptive)
    request.reasoning = { effort: body.output_config.effort === 'max' ? 'xhigh' : body.output_config.effort };
  else if (body.thinking) request.reasoning = { budgetTokens: body.thinking.budget_tokens };
  if (body.temperature !== undefined) request.temperature = body.temperature;
  if (body.top_p !== undefined) request.topP = body.top_p;
  if (body.top_k !== undefined) request.topK = body.top_k;
  if (body.stop_sequences !== undefined) request.stop = body.stop_sequences;
  if (body.metadata?.user_id !== undefined) request.user = body.metadata.user_id;
  return { request };
}

function textBlocks(system: string | Json[]): string[] {
  return typeof system === 'string' ? [system] : system.map((block) => block.text);
}

function isRepresentable(block: Json): boolean {
  if (block.type === 'tool_result') {
    if (block.is_error) return false; // the IR has no error flag on tool results
    const content = block.content;
    return (
      content === undefined ||
      typeof content === 'string' ||
      content.every((inner: Json) => ['text', 'image', 'document'].includes(inner.type) && isRepresentable(inner))
    );
  }
  if (block.type === 'document')
    return Object.keys(block).every((key) => ['type', 'source', 'cache_control'].includes(key));
  return true;
}

function userMessages(blocks: Json[]): Message[] {
  const messages: Message[] = [];
  let pending: UserContentPart[] = [];
  const flush = () => {
    if (pending.length > 0) messages.push({ role: 'user', content: pending });
    pending = [];
  };
  for (const block of blocks) {
    if (block.type !== 'tool_result') {
      pending.push(userPart(block));
      continue;
    }
    flush();
    const content: ToolResultContentPart[] =
      block.content === undefined
        ? []
        : typeof block.content === 'string'
          ? [{ type: 'text', text: block.content }]
          : block.content.map(userPart);
    messages.push({ role: 'tool', toolCallId: block.tool_use_id, content });
  }
  flush();
  return messages;
}

function userPart(block: Json): UserContentPart & ToolResultContentPart {
  if (block.type === 'text') return { type: 'text', text: block.text };
  const source = block.source;
  if (block.type === 'image') {
    return source.type === 'url'
      ? { type: 'image', source: { kind: 'url', url: source.url } }
      : { type: 'image', source: { kind: 'base64', mediaType: source.media_type, data: source.data } };
  }
  if (source.type === 'url') return { type: 'file', source: { kind: 'url', url: source.url } };
  if (source.type === 'text') {
    const data = Buffer.from(source.data, 'utf8').toString('base64');
    return { type: 'file', mediaType: 'text/plain', source: { kind: 'base64', mediaType: 'text/plain', data } };
  }
  return {
    type: 'file',
    mediaType: source.media_type,
    source: { kind: 'base64', mediaType: source.media_type, data: source.data },
  };
}

function assistantPart(block: Json): AssistantContentPart {
  if (block.type === 'thinking') return { type: 'reasoning', text: block.thinking, signature: block.signature };
  if (block.type === 'redacted_thinking') return { type: 'reasoning', text: '', redactedData: block.data };
  if (block.type === 'tool_use')
    return { type: 'tool-call', id: block.id, name: block.name, arguments: JSON.stringify(block.input) };
  return { type: 'text', text: block.text };
}

/**
 * The recorded body in the form our encoder is expected to produce: string content as text
 * blocks, no cache_control, no `is_error: false`, single-text tool results as strings, empty text
 * dropped, consecutive same-role turns merged with tool results first, thinking without `display`.
 */
export function normaliseRecordedBody(body: Json): Json {
  const result: Json = { model: body.model, max_tokens: body.max_tokens, stream: body.stream ?? false };
  const system = body.system === undefined ? [] : textBlocks(body.system).filter((text) => text !== '');
  if (system.length > 0) result.system = system.map((text) => ({ type: 'text', text }));
  const messages: Json[] = [];
  for (const message of body.messages as Json[]) {
    const blocks = (typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content)
      .map(normaliseBlock)
      .filter((block: Json) => !(block.type === 'text' && block.text === ''));
    if (blocks.length === 0) continue;
    const last = messages.at(-1);
    if (last && last.role === message.role) last.content.push(...blocks);
    else messages.push({ role: message.role, content: blocks });
  }
  for (const message of messages) {
    if (message.role !== 'user') continue;
    message.content = [
      ...message.content.filter((b: Json) => b.type === 'tool_result'),
      ...message.content.filter((b: Json) => b.type !== 'tool_result'),
    ];
  }
  result.messages = messages;
  if (body.tools) {
    result.tools = body.tools.map((tool: Json) =>
      tool.description === undefined
        ? { name: tool.name, input_schema: tool.input_schema }
        : { name: tool.name, description: tool.description, input_schema: tool.input_schema },
    );
  }
  for (const key of ['tool_choice', 'temperature', 'top_p', 'top_k', 'stop_sequences', 'metadata']) {
    if (body[key] !== undefined) result[key] = body[key];
  }
  if (body.thinking?.type === 'adaptive') {
    // We always ask adaptive models for summarized thinking text (Opus 4.7+ omit it otherwise).
    result.thinking = { type: 'adaptive', display: 'summarized' };
    result.output_config = body.output_config;
  } else if (body.thinking) {
    result.thinking = { type: 'enabled', budget_tokens: body.thinking.budget_tokens };
  }
  return result;
}

function normaliseBlock(block: Json): Json {
  const { cache_control: _cacheControl, ...rest } = block;
  if (rest.type === 'tool_use') return { type: 'tool_use', id: rest.id, name: rest.name, input: rest.input };
  if (rest.type !== 'tool_result') return rest;
  const { is_error: _isError, content, ...result } = rest;
  if (content === undefined || (Array.isArray(content) && content.length === 0)) return result;
  if (typeof content === 'string') return content === '' ? result : { ...result, content };
  const inner = content.map(normaliseBlock);
  return inner.length === 1 && inner[0].type === 'text'
    ? { ...result, content: inner[0].text }
    : { ...result, content: inner };
}
