import { z } from 'zod';

/**
 * Lenient schemas of an Anthropic Messages request (`POST /v1/messages`), as the API reference and
 * its OpenAPI spec define it. Known fields are type-checked so a client gets a precise 400; unknown
 * fields pass through (new Anthropic features keep working through the same-vendor pass-through).
 * Content blocks are checked one by one in decode-content.ts, where the path to each is known.
 */

export const cacheControlSchema = z.looseObject({
  type: z.literal('ephemeral'),
  ttl: z.enum(['5m', '1h']).optional(),
});

/** Anthropic's own limit on `max_tokens` is per model; a 32-bit integer keeps holds exact. */
const tokenCount = z.number().int().max(2_147_483_647);

// Blocks are checked one by one (decode-content.ts), so a 400 names the block's own path.
const contentBlock = z.unknown();

export const messageSchema = z.looseObject({
  // `system` inside `messages` is Anthropic's mid-conversation system prompt.
  role: z.enum(['user', 'assistant', 'system']),
  content: z.union([z.string(), z.array(contentBlock)]),
});

export const toolSchema = z.looseObject({
  type: z.string().nullish(),
  name: z.string().min(1).optional(),
});

export const toolChoiceSchema = z.discriminatedUnion('type', [
  z.looseObject({ type: z.literal('auto'), disable_parallel_tool_use: z.boolean().nullish() }),
  z.looseObject({ type: z.literal('any'), disable_parallel_tool_use: z.boolean().nullish() }),
  z.looseObject({ type: z.literal('tool'), name: z.string(), disable_parallel_tool_use: z.boolean().nullish() }),
  z.looseObject({ type: z.literal('none') }),
]);

export const thinkingSchema = z.discriminatedUnion('type', [
  z.looseObject({
    type: z.literal('enabled'),
    budget_tokens: tokenCount.min(0),
    display: z.string().nullish(),
  }),
  z.looseObject({ type: z.literal('adaptive'), display: z.string().nullish() }),
  z.looseObject({ type: z.literal('disabled') }),
]);

export const effortSchema = z.enum(['low', 'medium', 'high', 'xhigh', 'max']);

const jsonOutputFormat = z.looseObject({
  type: z.literal('json_schema'),
  schema: z.record(z.string(), z.unknown()),
});

export const anthropicRequestSchema = z.looseObject({
  model: z.string().min(1, 'String should have at least 1 character'),
  messages: z.array(messageSchema),
  max_tokens: tokenCount.min(1).optional(),
  system: z.union([z.string(), z.array(contentBlock)]).nullish(),
  tools: z.array(toolSchema).nullish(),
  tool_choice: toolChoiceSchema.nullish(),
  thinking: thinkingSchema.nullish(),
  output_config: z.looseObject({ effort: effortSchema.nullish(), format: jsonOutputFormat.nullish() }).nullish(),
  /** The structured-outputs beta's spelling, before `output_config.format`. */
  output_format: jsonOutputFormat.nullish(),
  stop_sequences: z.array(z.string()).nullish(),
  temperature: z.number().min(0).max(1).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_k: z.number().int().min(0).nullish(),
  metadata: z.looseObject({ user_id: z.string().nullish() }).nullish(),
  stream: z.boolean().nullish(),
});

export type AnthropicRequestBody = z.infer<typeof anthropicRequestSchema>;
export type AnthropicMessageInput = z.infer<typeof messageSchema>;
export type AnthropicContentBlockInput = z.infer<typeof contentBlock>;

/** Top-level fields the IR models; every other field travels in `extraBody` for the Anthropic provider. */
export const MODELLED_FIELDS: ReadonlySet<string> = new Set([
  'model',
  'messages',
  'max_tokens',
  'system',
  'tools',
  'tool_choice',
  'thinking',
  'output_config',
  'output_format',
  'stop_sequences',
  'temperature',
  'top_p',
  'top_k',
  'metadata',
  'stream',
]);
