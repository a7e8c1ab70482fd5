import type { ChatRequest } from '../../ir/index.js';
import { GEMINI_ONLY_FIELDS } from './gemini-only-fields.js';
import { HONOURED_OPENAI_FIELDS, imageOutputConfig } from './image-output.js';
import { toThinkingConfig } from './thinking-config.js';
import type { GeminiGenerationConfig } from './wire-types.js';

export interface PreparedGenerationConfig {
  /** Undefined when the request sets nothing (Gemini's defaults apply). */
  generationConfig?: GeminiGenerationConfig;
  /** Client parameters Gemini has no field for, named as in the OpenAI API. */
  droppedParams: string[];
}

/**
 * Sampling, output format, reasoning and image settings to `generationConfig`. `outputsImages`:
 * the catalog lists the model as an image model (image-output.ts).
 */
export function prepareGenerationConfig(
  request: ChatRequest,
  model: string,
  outputsImages = false,
): PreparedGenerationConfig {
  const config: GeminiGenerationConfig = {};
  if (request.temperature !== undefined) config.temperature = request.temperature;
  if (request.topP !== undefined) config.topP = request.topP;
  if (request.topK !== undefined) config.topK = request.topK;
  if (request.maxOutputTokens !== undefined) config.maxOutputTokens = request.maxOutputTokens;
  if (request.stop !== undefined && request.stop.length > 0) config.stopSequences = request.stop;
  if (request.seed !== undefined) config.seed = request.seed;
  if (request.n !== undefined) config.candidateCount = request.n;
  if (request.presencePenalty !== undefined) config.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) config.frequencyPenalty = request.frequencyPenalty;
  if (request.logprobs || request.topLogprobs !== undefined) config.responseLogprobs = true;
  if (request.topLogprobs !== undefined) config.logprobs = request.topLogprobs;

  const format = request.responseFormat;
  if (format?.type === 'json_object') config.responseMimeType = 'application/json';
  if (format?.type === 'json_schema') {
    config.responseMimeType = 'application/json';
    config.responseJsonSchema = format.schema;
  }

  const thinkingConfig = toThinkingConfig(request.reasoning, model);
  if (thinkingConfig) config.thinkingConfig = thinkingConfig;
  Object.assign(config, imageOutputConfig(request, outputsImages));

  return {
    ...(Object.keys(config).length > 0 ? { generationConfig: config } : {}),
    droppedParams: droppedParams(request),
  };
}

function droppedParams(request: ChatRequest): string[] {
  const dropped: string[] = [];
  if (request.user !== undefined) dropped.push('user');
  if (request.logitBias !== undefined) dropped.push('logit_bias');
  // Gemini may always call tools in parallel: only a request to turn that off goes unhonoured.
  if (request.parallelToolCalls === false) dropped.push('parallel_tool_calls');
  if (request.metadata !== undefined) dropped.push('metadata');
  dropped.push(
    ...Object.keys(request.extraBody ?? {}).filter(
      (key) => !GEMINI_ONLY_FIELDS.has(key) && !HONOURED_OPENAI_FIELDS.has(key),
    ),
  );
  return dropped;
}
