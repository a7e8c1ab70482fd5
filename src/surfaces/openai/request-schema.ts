import { z } from 'zod';

/**
 * Lenient schema of an OpenAI Chat Completions request: known fields are type-checked so a
 * client gets a precise 400, unknown fields pass through (they may be vendor extensions).
 */

/** Prompt-cache breakpoint on a content part (OpenRouter's convention for Anthropic caching). */
const cacheControl = z.looseObject({ type: z.literal('ephemeral'), ttl: z.enum(['5m', '1h']).optional() });

const textPart = z.looseObject({ type: z.literal('text'), text: z.string(), cache_control: cacheControl.nullish() });
const imagePart = z.looseObject({
  type: z.literal('image_url'),
  image_url: z.union([z.string(), z.looseObject({ url: z.string(), detail: z.string().optional() })]),
  cache_control: cacheControl.nullish(),
});
const audioPart = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});
const filePart = z.looseObject({
  type: z.literal('file'),
  file: z.looseObject({
    file_data: z.string().optional(),
    file_id: z.string().optional(),
    filename: z.string().optional(),
  }),
  cache_control: cacheControl.nullish(),
});
const refusalPart = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

const userContentPart = z.discriminatedUnion('type', [textPart, imagePart, audioPart, filePart]);
const assistantContentPart = z.discriminatedUnion('type', [textPart, refusalPart]);
const textOnlyContent = z.union([z.string(), z.array(textPart)]);

const toolCall = z.looseObject({
  id: z.string(),
  type: z.literal('function').optional(),
  function: z.looseObject({ name: z.string(), arguments: z.string().nullish() }),
});

/** OpenRouter-style reasoning details, the carrier for reasoning signatures across turns. */
const reasoningDetail = z.looseObject({
  type: z.string(),
  text: z.string().nullish(),
  signature: z.string().nullish(),
  data: z.string().nullish(),
  summary: z.string().nullish(),
  format: z.string().nullish(),
});

const systemMessage = z.looseObject({
  role: z.enum(['system', 'developer']),
  content: textOnlyContent,
  name: z.string().optional(),
});
const userMessage = z.looseObject({
  role: z.literal('user'),
  content: z.union([z.string(), z.array(userContentPart)]),
  name: z.string().optional(),
});
const assistantMessage = z.looseObject({
  role: z.literal('assistant'),
  content: z.union([z.string(), z.array(assistantContentPart)]).nullish(),
  refusal: z.string().nullish(),
  name: z.string().optional(),
  tool_calls: z.array(toolCall).nullish(),
  function_call: z.looseObject({ name: z.string(), arguments: z.string() }).nullish(),
  reasoning_content: z.string().nullish(),
  reasoning: z.string().nullish(),
  reasoning_details: z.array(reasoningDetail).nullish(),
  /** Images the model generated (OpenRouter's `message.images`), sent back in history. */
  images: z
    .array(
      z.looseObject({
        type: z.literal('image_url').optional(),
        image_url: z.looseObject({ url: z.string() }),
        signature: z.string().nullish(),
      }),
    )
    .nullish(),
});
const toolMessage = z.looseObject({
  role: z.literal('tool'),
  tool_call_id: z.string(),
  content: z.union([z.string(), z.array(userContentPart)]),
  name: z.string().optional(),
});
/** Deprecated `function` role: a result of a legacy `function_call`. */
const functionMessage = z.looseObject({
  role: z.literal('function'),
  name: z.string(),
  content: z.string().nullable(),
});

export const messageSchema = z.discriminatedUnion('role', [
  systemMessage,
  userMessage,
  assistantMessage,
  toolMessage,
  functionMessage,
]);

const functionTool = z.looseObject({
  type: z.literal('function'),
  function: z.looseObject({
    name: z.string().min(1),
    description: z.string().optional(),
    parameters: z.record(z.string(), z.unknown()).optional(),
    strict: z.boolean().nullish(),
  }),
});

const toolChoice = z.union([
  z.enum(['auto', 'none', 'required']),
  z.looseObject({ type: z.literal('function'), function: z.looseObject({ name: z.string() }) }),
]);

const responseFormat = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('text') }),
  z.looseObject({ type: z.literal('json_object') }),
  z.looseObject({
    type: z.literal('json_schema'),
    json_schema: z.looseObject({
      name: z.string(),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

const nonNegativeInt = z.number().int().nonnegative();
/**
 * Token counts the hold is computed from: a 32-bit integer, as the vendors take them. Beyond, a
 * worst case is no longer an exact integer of money (found by the fuzz suite: a 500).
 */
const tokenCount = nonNegativeInt.max(2_147_483_647);

const vendorList = z.array(z.string().min(1).max(100)).max(64).nullish();

/** OpenRouter's provider routing over AIHub's vendors (routing/provider-preferences.ts). */
export const providerPreferencesSchema = z.looseObject({
  order: vendorList,
  only: vendorList,
  ignore: vendorList,
  allow_fallbacks: z.boolean().nullish(),
  sort: z.enum(['price', 'latency', 'throughput']).nullish(),
  max_price: z
    .looseObject({ prompt: z.number().nonnegative().nullish(), completion: z.number().nonnegative().nullish() })
    .nullish(),
  require_parameters: z.boolean().nullish(),
});

/** OpenRouter's `models`: at most this many (each can mean a round of channel attempts). */
export const MAX_MODELS = 8;

/** OpenRouter's `models`, on every API that takes them (common/routing-params.ts) and in presets. */
export const fallbackModelsSchema = z
  .array(z.string().min(1, 'models must not hold an empty name').max(300))
  .min(1)
  .max(MAX_MODELS);

export const chatCompletionRequestSchema = z.looseObject({
  model: z.string().min(1, 'model must not be empty'),
  /**
   * OpenRouter's model fallbacks: tried in order after `model` (or, without `model`, from the first)
   * when a model cannot serve the request. AIHub's own: never sent upstream.
   */
  models: fallbackModelsSchema.nullish(),
  messages: z.array(messageSchema).min(1, 'messages must contain at least one message'),
  stream: z.boolean().nullish(),
  stream_options: z.looseObject({ include_usage: z.boolean().nullish() }).nullish(),
  /**
   * OpenRouter's usage accounting: `{include: true}` asks a stream for its usage chunk (with the cost),
   * as `stream_options.include_usage` does. AIHub's own: never sent upstream.
   */
  usage: z.looseObject({ include: z.boolean().nullish() }).nullish(),
  /** OpenRouter's provider routing over AIHub's vendors (routing/provider-preferences.ts). AIHub's own. */
  provider: providerPreferencesSchema.nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_k: nonNegativeInt.nullish(),
  max_tokens: tokenCount.nullish(),
  max_completion_tokens: tokenCount.nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(16)]).nullish(),
  seed: z.number().int().nullish(),
  n: z.number().int().min(1).max(128).nullish(),
  user: z.string().nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  /**
   * Routes the conversation to one upstream key (sticky routing) and keys OpenAI's prompt cache.
   * Not in MODELLED_FIELDS: it still reaches an OpenAI-compatible upstream verbatim in extraBody.
   */
  prompt_cache_key: z.string().nullish(),
  /**
   * OpenAI's and OpenRouter's output modalities and OpenRouter's `image_config` (image models).
   * Not in MODELLED_FIELDS either: an OpenAI-compatible upstream still receives them verbatim.
   */
  modalities: z.array(z.enum(['text', 'image', 'audio'])).nullish(),
  image_config: z.looseObject({ aspect_ratio: z.string().optional(), image_size: z.string().optional() }).nullish(),
  tools: z.array(functionTool).nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  functions: z
    .array(
      z.looseObject({
        name: z.string(),
        description: z.string().optional(),
        parameters: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .nullish(),
  function_call: z.union([z.enum(['auto', 'none']), z.looseObject({ name: z.string() })]).nullish(),
  response_format: responseFormat.nullish(),
  reasoning_effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
  /** Anthropic-style explicit thinking budget, accepted as an extension. */
  thinking: z
    .looseObject({ type: z.enum(['enabled', 'disabled', 'adaptive']), budget_tokens: nonNegativeInt.optional() })
    .nullish(),
  /** OpenRouter-style reasoning object, accepted as an extension. */
  reasoning: z
    .looseObject({
      effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).optional(),
      max_tokens: nonNegativeInt.optional(),
      enabled: z.boolean().optional(),
      exclude: z.boolean().optional(),
    })
    .nullish(),
});

export type ChatCompletionRequestBody = z.infer<typeof chatCompletionRequestSchema>;
export type ChatCompletionMessage = z.infer<typeof messageSchema>;

/** Top-level fields the IR models; every other field travels in `extraBody`. */
export const MODELLED_FIELDS: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'stream',
  'stream_options',
  'usage',
  'models',
  'provider',
  'temperature',
  'top_p',
  'top_k',
  'max_tokens',
  'max_completion_tokens',
  'stop',
  'seed',
  'n',
  'user',
  'frequency_penalty',
  'presence_penalty',
  'logprobs',
  'top_logprobs',
  'logit_bias',
  'metadata',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'functions',
  'function_call',
  'response_format',
  'reasoning_effort',
  'thinking',
  'reasoning',
]);
