import type { ChatRequest, Message, SystemMessage, TextPart } from '../../ir/index.js';
import { GatewayError } from '../../ir/index.js';
import { decodeRoutingParams, ROUTING_FIELDS } from '../common/routing-params.js';
import type { SurfaceInput } from '../surface.js';
import { decodeContents } from './decode-contents.js';
import { decodeGenerationConfig } from './decode-generation-config.js';
import { decodePart } from './decode-part.js';
import { decodeToolConfig, decodeTools } from './decode-tools.js';
import {
  asArray,
  asObject,
  fieldOf,
  invalidArgument,
  isObject,
  type JsonObject,
  optionalField,
  requiredField,
  setOwn,
} from './json-reader.js';

export type GeminiAction = 'generateContent' | 'streamGenerateContent' | 'countTokens';

const ACTIONS: ReadonlySet<string> = new Set<GeminiAction>(['generateContent', 'streamGenerateContent', 'countTokens']);

/** Top-level fields the IR models (both spellings); `model` in the body is ignored, the path names it. */
const MODELLED = new Set([
  'model',
  'contents',
  'systemInstruction',
  'system_instruction',
  'tools',
  'toolConfig',
  'tool_config',
  'generationConfig',
  'generation_config',
  // AIHub's routing fields (OpenRouter's `models` and `provider`), decoded into the IR.
  ...ROUTING_FIELDS,
]);

/**
 * Decodes `POST /v1beta/models/{model}:{action}` into the canonical request. `params.model` is the
 * model path segment (`gemini-2.5-flash`, or `models/gemini-2.5-flash` when the route captured the
 * collection too); `params.action` is `generateContent`, `streamGenerateContent` or `countTokens`.
 * countTokens takes `{contents}` or `{generateContentRequest: {...}}`; both decode to the request
 * whose prompt is counted. Gemini-only fields (`safetySettings`, `cachedContent`, `labels`, and
 * `generationConfig` fields with no IR form under `extraBody.generationConfig`) go to `extraBody`
 * verbatim for a Gemini upstream. Throws a 400 GatewayError naming the field, for any JSON value.
 */
export function decodeGeminiRequest(input: SurfaceInput): ChatRequest {
  const action = input.params.action ?? 'generateContent';
  if (!ACTIONS.has(action)) {
    throw new GatewayError({
      kind: 'not_found',
      message: `Method '${action}' is not found for the model; use generateContent, streamGenerateContent or countTokens.`,
    });
  }
  const model = modelFromPath(input.params.model);
  const body = requestBody(input.body, action as GeminiAction);
  return decodeBody(body, model, action === 'streamGenerateContent');
}

/** `models/gemini-2.5-flash` and `gemini-2.5-flash` name the same model. */
export function modelFromPath(segment: string | undefined): string {
  const model = segment?.startsWith('models/') ? segment.slice('models/'.length) : segment;
  if (!model) throw invalidArgument('* GenerateContentRequest.model: model is not specified', 'model');
  return model;
}

function requestBody(body: unknown, action: GeminiAction): JsonObject {
  if (body === undefined || body === null) return {};
  if (!isObject(body)) {
    throw invalidArgument('Invalid JSON payload received. Unknown name "": Root element must be a message.');
  }
  if (action !== 'countTokens') return body;
  const wrapped = optionalField(body, 'generateContentRequest', '', (v, p) => asObject(v, p, 'GenerateContentRequest'));
  if (wrapped && fieldOf(body, 'contents') !== undefined) {
    throw invalidArgument(
      '* CountTokensRequest: contents and generate_content_request are mutually exclusive.',
      'generate_content_request',
    );
  }
  return wrapped ?? body;
}

function decodeBody(body: JsonObject, model: string, stream: boolean): ChatRequest {
  const messages: Message[] = [];
  const system = optionalField(body, 'systemInstruction', '', decodeSystemInstruction);
  if (system) messages.push(system);
  messages.push(...requiredField(body, 'contents', '', decodeContents));
  if (messages.length === 0 || !messages.some((message) => message.role !== 'system')) {
    throw invalidArgument('* GenerateContentRequest.contents: contents is not specified', 'contents');
  }

  const request: ChatRequest = { model, messages, stream, includeUsage: stream };
  const { tools, serverTools } = optionalField(body, 'tools', '', decodeTools) ?? {};
  if (tools) request.tools = tools;
  if (serverTools) request.serverTools = serverTools;
  const toolChoice = optionalField(body, 'toolConfig', '', (v, p) => decodeToolConfig(v, p, tools));
  if (toolChoice) request.toolChoice = toolChoice;

  const generation = optionalField(body, 'generationConfig', '', decodeGenerationConfig);
  if (generation) Object.assign(request, generation.settings);

  // `models` (fallbacks) and `provider` (preferences), as on every API with a JSON body.
  Object.assign(request, decodeRoutingParams(body as Record<string, unknown>, model));

  const extra = geminiOnlyFields(body);
  if (generation?.geminiOnly) {
    setOwn(extra, 'generationConfig', generation.geminiOnly);
  }
  if (Object.keys(extra).length > 0) {
    request.extraBody = extra;
    request.extraBodyVendor = 'gemini';
  }
  return request;
}

/** Everything at the top level the IR does not model, verbatim: `safetySettings`, `cachedContent`, `labels`... */
function geminiOnlyFields(body: JsonObject): JsonObject {
  const extra: JsonObject = {};
  for (const [key, value] of Object.entries(body)) {
    if (MODELLED.has(key) || value === undefined || value === null) continue;
    setOwn(extra, camelCase(key), value);
  }
  return extra;
}

function camelCase(name: string): string {
  return /^[a-z]+(_[a-z]+)+$/.test(name)
    ? name.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase())
    : name;
}

/**
 * `systemInstruction` is a Content (its role ignored); a bare string or a list of parts is accepted
 * too, as Google's SDKs accept them. Only text can be a system message in the IR.
 */
function decodeSystemInstruction(value: unknown, path: string): SystemMessage | undefined {
  let parts: unknown[];
  let partsPath: string;
  if (typeof value === 'string')
    return value === '' ? undefined : { role: 'system', content: [{ type: 'text', text: value }] };
  if (Array.isArray(value)) {
    parts = value;
    partsPath = path;
  } else {
    const content = asObject(value, path, 'Content');
    partsPath = `${path}.parts`;
    parts = optionalField(content, 'parts', path, asArray) ?? [];
  }
  const content: TextPart[] = [];
  parts.forEach((item, index) => {
    const itemPath = `${partsPath}[${index}]`;
    const part = typeof item === 'string' ? { kind: 'text' as const, text: item } : decodePart(item, itemPath);
    if (part.kind === 'text') {
      if (part.text !== '') content.push({ type: 'text', text: part.text });
    } else if (part.kind !== 'other') {
      throw invalidArgument(
        `* GenerateContentRequest.${itemPath}: system_instruction takes text parts only.`,
        itemPath,
      );
    }
  });
  return content.length > 0 ? { role: 'system', content } : undefined;
}
