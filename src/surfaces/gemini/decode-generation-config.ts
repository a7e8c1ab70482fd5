import type { ChatRequest, ReasoningConfig, ReasoningEffort, ResponseFormat } from '../../ir/index.js';
import {
  asArray,
  asBoolean,
  asInteger,
  asNumber,
  asObject,
  asString,
  childPath,
  invalidArgument,
  invalidValue,
  type JsonObject,
  optionalField,
  setOwn,
} from './json-reader.js';
import { openApiToJsonSchema } from './openapi-schema.js';

export type GenerationSettings = Pick<
  ChatRequest,
  | 'temperature'
  | 'topP'
  | 'topK'
  | 'n'
  | 'maxOutputTokens'
  | 'stop'
  | 'seed'
  | 'presencePenalty'
  | 'frequencyPenalty'
  | 'logprobs'
  | 'topLogprobs'
  | 'responseFormat'
  | 'reasoning'
>;

export interface DecodedGenerationConfig {
  settings: GenerationSettings;
  /**
   * Fields only Gemini understands (`responseModalities`, `speechConfig`, `mediaResolution`,
   * `imageConfig`...), verbatim, for a Gemini upstream's `generationConfig`.
   */
  geminiOnly?: JsonObject;
}

/** Fields this decoder maps into the IR, in both spellings Google accepts. */
const MODELLED = new Set(
  [
    'temperature',
    'topP',
    'topK',
    'candidateCount',
    'maxOutputTokens',
    'stopSequences',
    'seed',
    'presencePenalty',
    'frequencyPenalty',
    'responseLogprobs',
    'logprobs',
    'responseMimeType',
    'responseSchema',
    'responseJsonSchema',
    '_responseJsonSchema',
    'thinkingConfig',
  ].flatMap((name) => [name, name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)]),
);

export function decodeGenerationConfig(value: unknown, path: string): DecodedGenerationConfig {
  const config = asObject(value, path, 'GenerationConfig');
  const settings: GenerationSettings = {};
  const set = <K extends keyof GenerationSettings>(key: K, field: GenerationSettings[K] | undefined) => {
    if (field !== undefined) settings[key] = field;
  };
  set(
    'temperature',
    bounded(optionalField(config, 'temperature', path, asNumber), 0, 2, childPath(path, 'temperature')),
  );
  set('topP', bounded(optionalField(config, 'topP', path, asNumber), 0, 1, childPath(path, 'topP')));
  set(
    'topK',
    bounded(optionalField(config, 'topK', path, asInteger), 0, Number.MAX_SAFE_INTEGER, childPath(path, 'topK')),
  );
  const candidates = bounded(
    optionalField(config, 'candidateCount', path, asInteger),
    1,
    8,
    childPath(path, 'candidateCount'),
  );
  if (candidates !== undefined && candidates !== 1) settings.n = candidates;
  set(
    'maxOutputTokens',
    bounded(
      optionalField(config, 'maxOutputTokens', path, asInteger),
      1,
      2_147_483_647,
      childPath(path, 'maxOutputTokens'),
    ),
  );
  const stop = optionalField(config, 'stopSequences', path, (v, p) =>
    asArray(v, p).map((s, i) => asString(s, `${p}[${i}]`)),
  );
  if (stop && stop.length > 0) settings.stop = stop;
  set('seed', optionalField(config, 'seed', path, asInteger));
  set('presencePenalty', optionalField(config, 'presencePenalty', path, asNumber));
  set('frequencyPenalty', optionalField(config, 'frequencyPenalty', path, asNumber));
  if (optionalField(config, 'responseLogprobs', path, asBoolean) === true) settings.logprobs = true;
  const topLogprobs = bounded(optionalField(config, 'logprobs', path, asInteger), 0, 20, childPath(path, 'logprobs'));
  if (topLogprobs !== undefined) settings.topLogprobs = topLogprobs;
  set('responseFormat', decodeResponseFormat(config, path));
  set('reasoning', optionalField(config, 'thinkingConfig', path, decodeThinkingConfig));

  let geminiOnly: JsonObject | undefined;
  for (const [key, field] of Object.entries(config)) {
    if (MODELLED.has(key) || field === null || field === undefined) continue;
    geminiOnly ??= {};
    setOwn(geminiOnly, key, field);
  }
  return { settings, ...(geminiOnly ? { geminiOnly } : {}) };
}

function bounded(value: number | undefined, min: number, max: number, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (value < min || value > max) {
    throw invalidArgument(
      `* GenerateContentRequest.${path}: must be between ${min} and ${max === Number.MAX_SAFE_INTEGER ? 'infinity' : max}, got ${value}.`,
      path,
    );
  }
  return value;
}

/**
 * `responseMimeType: application/json` with a schema (`responseJsonSchema` in JSON Schema, or
 * `responseSchema` in the OpenAPI subset) is structured output; without one, JSON mode. Other
 * types (`text/plain`, `text/x.enum`) leave the format unset.
 */
function decodeResponseFormat(config: JsonObject, path: string): ResponseFormat | undefined {
  const mimeType = optionalField(config, 'responseMimeType', path, asString);
  const jsonSchema =
    optionalField(config, 'responseJsonSchema', path, (v, p) => asObject(v, p, 'Value')) ??
    optionalField(config, '_responseJsonSchema', path, (v, p) => asObject(v, p, 'Value'));
  const openApi = optionalField(config, 'responseSchema', path, openApiToJsonSchema);
  const schema = jsonSchema ?? openApi;
  if (schema && mimeType !== 'application/json') {
    throw invalidArgument(
      `* GenerateContentRequest.${childPath(path, 'responseMimeType')}: response_mime_type must be application/json when a response schema is set.`,
      childPath(path, 'responseMimeType'),
    );
  }
  if (mimeType !== 'application/json') return undefined;
  return schema ? { type: 'json_schema', name: 'response', schema } : { type: 'json_object' };
}

/**
 * `thinkingConfig` to the IR's reasoning request:
 * - `thinkingBudget: 0` is off, `-1` is dynamic (the model decides: adaptive), a positive budget is
 *   a budget;
 * - `thinkingLevel` (Gemini 3: MINIMAL, LOW, MEDIUM, HIGH) is an effort;
 * - `includeThoughts: true` alone asks for thinking at the model's own depth (adaptive);
 * - `includeThoughts: false` alone expresses no preference.
 */
export function decodeThinkingConfig(value: unknown, path: string): ReasoningConfig | undefined {
  const config = asObject(value, path, 'ThinkingConfig');
  const includeThoughts = optionalField(config, 'includeThoughts', path, asBoolean);
  const budget = optionalField(config, 'thinkingBudget', path, asInteger);
  const level = optionalField(config, 'thinkingLevel', path, asString);
  if (budget === 0) return { disabled: true };
  if (budget !== undefined && budget < -1) {
    throw invalidArgument(
      `* GenerateContentRequest.${childPath(path, 'thinkingBudget')}: thinking_budget must be -1 (dynamic), 0 (off) or positive.`,
      childPath(path, 'thinkingBudget'),
    );
  }
  const reasoning: ReasoningConfig = {};
  if (budget !== undefined && budget > 0) reasoning.budgetTokens = budget;
  if (budget === -1) reasoning.adaptive = true;
  if (level !== undefined) {
    const effort = effortForLevel(level);
    if (effort === null) throw invalidValue(childPath(path, 'thinkingLevel'), 'ThinkingLevel', level);
    if (effort) reasoning.effort = effort;
  }
  if (includeThoughts === true && Object.keys(reasoning).length === 0) reasoning.adaptive = true;
  return Object.keys(reasoning).length > 0 ? reasoning : undefined;
}

/** undefined: unspecified; null: not a level. */
function effortForLevel(level: string): ReasoningEffort | undefined | null {
  switch (level.toUpperCase()) {
    case 'THINKING_LEVEL_UNSPECIFIED':
      return undefined;
    case 'MINIMAL':
      return 'minimal';
    case 'LOW':
      return 'low';
    case 'MEDIUM':
      return 'medium';
    case 'HIGH':
      return 'high';
    default:
      return null;
  }
}
