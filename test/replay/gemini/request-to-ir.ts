import type {
  AssistantContentPart,
  ChatRequest,
  Message,
  ReasoningConfig,
  ToolChoice,
  ToolDefinition,
  UserContentPart,
} from '../../../src/ir/index.js';
import { canonicalKeys } from './normalize-request.js';
import type { RecordedJson } from './summaries.js';

/**
 * Test-only inverse of the encoder: reads a recorded Gemini request body back into the IR request a
 * client would have sent, so the encoder's output can be compared with what the real SDK sent.
 * Throws `Unrepresentable` for bodies using what the IR cannot express (built-in tools, safety
 * settings, OpenAPI `responseSchema`...); those recordings are skipped with the reason.
 */
export class Unrepresentable extends Error {}

const SUPPORTED_TOP_LEVEL = new Set(['contents', 'systemInstruction', 'tools', 'toolConfig', 'generationConfig']);
const SUPPORTED_GENERATION = new Set([
  'temperature',
  'topP',
  'topK',
  'maxOutputTokens',
  'stopSequences',
  'seed',
  'candidateCount',
  'presencePenalty',
  'frequencyPenalty',
  'responseLogprobs',
  'logprobs',
  'responseMimeType',
  'responseJsonSchema',
  'thinkingConfig',
  'responseModalities',
]);

export function requestToIr(recorded: Record<string, unknown>, model: string, stream: boolean): ChatRequest {
  const body = canonicalKeys(recorded) as Record<string, RecordedJson>;
  for (const key of Object.keys(body)) {
    if (!SUPPORTED_TOP_LEVEL.has(key)) throw new Unrepresentable(`top-level ${key}`);
  }
  const messages: Message[] = [];
  const systemParts = body.systemInstruction?.parts ?? [];
  if (systemParts.length > 0) {
    messages.push({
      role: 'system',
      content: systemParts.map((part: RecordedJson) => ({ type: 'text', text: part.text })),
    });
  }
  let callCount = 0;
  for (const content of body.contents ?? []) {
    if (content.role === 'model') {
      messages.push({
        role: 'assistant',
        content: content.parts.map((part: RecordedJson) => assistantPart(part, () => `call_${++callCount}`)),
      });
    } else {
      appendUserContent(messages, content.parts);
    }
  }
  return {
    model,
    messages,
    stream,
    includeUsage: false,
    ...tools(body),
    ...generation(body.generationConfig ?? {}),
  };
}

/** pydantic-ai's own placeholder signature (base64 of `context_engineering_is_the_way_to_go`). */
export const PYDANTIC_DUMMY_SIGNATURE = 'Y29udGV4dF9lbmdpbmVlcmluZ19pc190aGVfd2F5X3RvX2dv';

function assistantPart(part: RecordedJson, nextId: () => string): AssistantContentPart {
  const signature =
    part.thoughtSignature && part.thoughtSignature !== PYDANTIC_DUMMY_SIGNATURE
      ? { signature: part.thoughtSignature }
      : {};
  if (part.functionCall) {
    const call = part.functionCall;
    return {
      type: 'tool-call',
      id: call.id ?? nextId(),
      name: call.name,
      arguments: JSON.stringify(call.args ?? {}),
      ...signature,
    };
  }
  if (typeof part.text !== 'string') throw new Unrepresentable(`model part ${Object.keys(part).join(',')}`);
  return part.thought
    ? { type: 'reasoning', text: part.text, ...signature }
    : { type: 'text', text: part.text, ...signature };
}

function appendUserContent(messages: Message[], parts: RecordedJson[]): void {
  let pending: UserContentPart[] = [];
  const flush = () => {
    if (pending.length > 0) messages.push({ role: 'user', content: pending });
    pending = [];
  };
  for (const part of parts) {
    if (Object.keys(part).length !== 1) throw new Unrepresentable(`user part ${Object.keys(part).join(',')}`);
    if (part.functionResponse) {
      flush();
      const response = part.functionResponse;
      if (response.parts) throw new Unrepresentable('multimodal functionResponse');
      messages.push({
        role: 'tool',
        toolCallId: response.id ?? `result_${response.name}`,
        toolName: response.name,
        content: [{ type: 'text', text: JSON.stringify(response.response) }],
      });
    } else if (typeof part.text === 'string') {
      pending.push({ type: 'text', text: part.text });
    } else if (part.inlineData) {
      const { mimeType, data } = part.inlineData;
      pending.push(
        String(mimeType).startsWith('image/')
          ? { type: 'image', source: { kind: 'base64', mediaType: mimeType, data } }
          : { type: 'file', source: { kind: 'base64', mediaType: mimeType, data }, mediaType: mimeType },
      );
    } else if (part.fileData) {
      const { fileUri, mimeType } = part.fileData;
      pending.push({
        type: 'file',
        source: { kind: 'url', url: fileUri },
        ...(mimeType ? { mediaType: mimeType } : {}),
      });
    } else {
      throw new Unrepresentable(`user part ${Object.keys(part).join(',')}`);
    }
  }
  flush();
}

function tools(body: Record<string, RecordedJson>): Pick<ChatRequest, 'tools' | 'toolChoice'> {
  const definitions: ToolDefinition[] = [];
  for (const tool of body.tools ?? []) {
    const keys = Object.keys(tool);
    if (keys.length !== 1 || keys[0] !== 'functionDeclarations') throw new Unrepresentable(`tool ${keys.join(',')}`);
    for (const declaration of tool.functionDeclarations) {
      if (declaration.response || declaration.responseJsonSchema) throw new Unrepresentable('function response schema');
      definitions.push({
        name: declaration.name,
        ...(declaration.description !== undefined ? { description: declaration.description } : {}),
        parameters: declaration.parametersJsonSchema ?? {},
      });
    }
  }
  const config = body.toolConfig;
  if (!config) return definitions.length > 0 ? { tools: definitions } : {};
  const calling = config.functionCallingConfig;
  if (Object.keys(config).length !== 1 || !calling)
    throw new Unrepresentable(`toolConfig ${Object.keys(config).join(',')}`);
  const names: string[] | undefined = calling.allowedFunctionNames;
  let toolChoice: ToolChoice;
  if (calling.mode === 'AUTO') toolChoice = { type: 'auto' };
  else if (calling.mode === 'NONE') toolChoice = { type: 'none' };
  else if (calling.mode === 'ANY' && !names) toolChoice = { type: 'required' };
  else if (calling.mode === 'ANY' && names?.length === 1) toolChoice = { type: 'tool', name: names[0]! };
  else if (calling.mode === 'ANY' && names && sameNames(names, definitions)) toolChoice = { type: 'required' };
  else throw new Unrepresentable(`functionCallingConfig ${JSON.stringify(calling)}`);
  return { tools: definitions, toolChoice };
}

/** `ANY` restricted to every declared function is plain `ANY` (what pydantic-ai sends for output tools). */
export function sameNames(names: string[], definitions: Array<{ name: string }>): boolean {
  const declared = new Set(definitions.map((definition) => definition.name));
  return names.length === declared.size && names.every((name) => declared.has(name));
}

function generation(config: Record<string, RecordedJson>): Partial<ChatRequest> {
  for (const key of Object.keys(config)) {
    if (!SUPPORTED_GENERATION.has(key)) throw new Unrepresentable(`generationConfig.${key}`);
  }
  const modalities = config.responseModalities;
  if (modalities && JSON.stringify(modalities) !== '["TEXT"]') throw new Unrepresentable('responseModalities');
  const request: Partial<ChatRequest> = {};
  if (config.temperature !== undefined) request.temperature = config.temperature;
  if (config.topP !== undefined) request.topP = config.topP;
  if (config.topK !== undefined) request.topK = config.topK;
  if (config.maxOutputTokens !== undefined) request.maxOutputTokens = config.maxOutputTokens;
  if (config.stopSequences !== undefined) request.stop = config.stopSequences;
  if (config.seed !== undefined) request.seed = config.seed;
  if (config.candidateCount !== undefined) request.n = config.candidateCount;
  if (config.presencePenalty !== undefined) request.presencePenalty = config.presencePenalty;
  if (config.frequencyPenalty !== undefined) request.frequencyPenalty = config.frequencyPenalty;
  if (config.responseLogprobs) request.logprobs = true;
  if (config.logprobs !== undefined) request.topLogprobs = config.logprobs;
  if (config.responseJsonSchema) {
    request.responseFormat = { type: 'json_schema', name: 'response', schema: config.responseJsonSchema };
  } else if (config.responseMimeType === 'application/json') {
    request.responseFormat = { type: 'json_object' };
  } else if (config.responseMimeType !== undefined) {
    throw new Unrepresentable(`responseMimeType ${config.responseMimeType}`);
  }
  const reasoning = reasoningFrom(config.thinkingConfig);
  if (reasoning) request.reasoning = reasoning;
  return request;
}

function reasoningFrom(thinking: Record<string, RecordedJson> | undefined): ReasoningConfig | undefined {
  if (!thinking) return undefined;
  const { includeThoughts, thinkingBudget, thinkingLevel } = thinking;
  if (thinkingBudget === 0) return { disabled: true };
  if (thinkingLevel !== undefined) throw new Unrepresentable('thinkingLevel');
  if (!includeThoughts) {
    // `includeThoughts: false` alone is Gemini's default; a budget without thoughts has no IR form.
    if (thinkingBudget !== undefined) throw new Unrepresentable('thinkingBudget without includeThoughts');
    return undefined;
  }
  return thinkingBudget !== undefined ? { budgetTokens: thinkingBudget } : {};
}
