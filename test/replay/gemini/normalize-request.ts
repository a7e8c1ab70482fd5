import { DUMMY_THOUGHT_SIGNATURE } from '../../../src/providers/gemini/index.js';
import type { RecordedJson } from './summaries.js';

/**
 * Puts a Gemini request body in a canonical form so the encoder's output and a recorded body can
 * be compared on what matters. Each rule is a documented equivalence, not a way around a mismatch.
 */

/** Protobuf JSON accepts snake_case field names; the SDKs mix both. Only structural keys are renamed. */
const CAMEL_CASE: Record<string, string> = {
  parameters_json_schema: 'parametersJsonSchema',
  response_json_schema: 'responseJsonSchema',
  response_mime_type: 'responseMimeType',
  thinking_budget: 'thinkingBudget',
  include_thoughts: 'includeThoughts',
  thinking_level: 'thinkingLevel',
  thinking_config: 'thinkingConfig',
  max_output_tokens: 'maxOutputTokens',
  function_call: 'functionCall',
  function_response: 'functionResponse',
  inline_data: 'inlineData',
  file_data: 'fileData',
  file_uri: 'fileUri',
  mime_type: 'mimeType',
  thought_signature: 'thoughtSignature',
  system_instruction: 'systemInstruction',
  generation_config: 'generationConfig',
  tool_config: 'toolConfig',
  function_calling_config: 'functionCallingConfig',
  allowed_function_names: 'allowedFunctionNames',
  function_declarations: 'functionDeclarations',
};

/** Values that are user data (schemas, arguments, results): their keys are never renamed. */
const DATA_KEYS = new Set([
  'args',
  'response',
  'parameters',
  'parametersJsonSchema',
  'responseJsonSchema',
  'responseSchema',
]);

/** Renames snake_case structural keys; the OpenAPI-subset `parameters` is read as the schema field. */
export function canonicalKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    let name = CAMEL_CASE[key] ?? key;
    if (name === 'parameters') name = 'parametersJsonSchema';
    out[name] = DATA_KEYS.has(name) ? child : canonicalKeys(child);
  }
  return out;
}

/** Thought signatures are bytes: the Python SDK sends them base64url, Gemini returns standard base64. */
function standardBase64(signature: string): string {
  return signature.replace(/-/g, '+').replace(/_/g, '/');
}

export function normalizeGeminiBody(
  raw: unknown,
  options: { placeholderSignature?: string } = {},
): Record<string, RecordedJson> {
  const body = structuredClone(canonicalKeys(raw)) as Record<string, RecordedJson>;
  // Roles and call ids the gateway does not send: the system instruction's role is ignored by
  // Gemini, and call/response ids are optional (calls are matched by name and order).
  if (body.systemInstruction) delete body.systemInstruction.role;
  body.contents = (body.contents ?? [])
    .map((content: RecordedJson) => ({
      role: content.role ?? 'user',
      parts: content.parts
        // An unsigned thought summary is not replayed (by design: it carries nothing for the model).
        .filter((part: RecordedJson) => !(part.thought && !part.thoughtSignature))
        // An empty unsigned text part carries nothing either.
        .filter((part: RecordedJson) => !(part.text === '' && !part.thoughtSignature && content.role === 'model'))
        .map((part: RecordedJson) => normalizePart(part, options.placeholderSignature)),
    }))
    .filter((content: RecordedJson) => content.parts.length > 0)
    // Consecutive turns of one role are one turn to Gemini; the encoder merges them.
    .reduce((merged: RecordedJson[], content: RecordedJson) => {
      const last = merged.at(-1);
      if (last?.role === content.role) last.parts.push(...content.parts);
      else merged.push(content);
      return merged;
    }, []);
  // Function declarations split over several `tools` entries are one list to Gemini.
  if (
    Array.isArray(body.tools) &&
    body.tools.every((tool: RecordedJson) => Object.keys(tool).join() === 'functionDeclarations')
  ) {
    body.tools = [{ functionDeclarations: body.tools.flatMap((tool: RecordedJson) => tool.functionDeclarations) }];
  }
  // `ANY` restricted to all declared functions (two or more) is unrestricted `ANY`.
  const calling = body.toolConfig?.functionCallingConfig;
  const declarations = body.tools?.[0]?.functionDeclarations;
  if (calling?.mode === 'ANY' && calling.allowedFunctionNames?.length > 1 && declarations) {
    const declared = new Set(declarations.map((declaration: RecordedJson) => declaration.name));
    const names: string[] = calling.allowedFunctionNames;
    if (names.length === declared.size && names.every((name) => declared.has(name)))
      delete calling.allowedFunctionNames;
  }
  const generation = body.generationConfig;
  if (generation) {
    // `["TEXT"]` is the default for text models; `includeThoughts: false` is the default too.
    if (JSON.stringify(generation.responseModalities) === '["TEXT"]') delete generation.responseModalities;
    if (generation.thinkingConfig?.includeThoughts === false) delete generation.thinkingConfig.includeThoughts;
    if (generation.thinkingConfig && Object.keys(generation.thinkingConfig).length === 0)
      delete generation.thinkingConfig;
    if (Object.keys(generation).length === 0) delete body.generationConfig;
  }
  return body;
}

function normalizePart(
  part: Record<string, RecordedJson>,
  placeholderSignature: string | undefined,
): Record<string, RecordedJson> {
  const out = { ...part };
  if (out.functionCall) out.functionCall = { name: out.functionCall.name, args: out.functionCall.args ?? {} };
  if (out.functionResponse)
    out.functionResponse = { name: out.functionResponse.name, response: out.functionResponse.response };
  if (out.thoughtSignature) {
    const placeholder =
      out.thoughtSignature === DUMMY_THOUGHT_SIGNATURE || out.thoughtSignature === placeholderSignature;
    out.thoughtSignature = placeholder ? DUMMY_THOUGHT_SIGNATURE : standardBase64(out.thoughtSignature);
  }
  return out;
}
