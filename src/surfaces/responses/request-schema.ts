import { z } from 'zod';

/**
 * Lenient schemas of a Responses request (POST /v1/responses): the fields AIHub reads are
 * type-checked so a client gets a precise 400; unknown fields pass (the API grows every month).
 * Input items are parsed one at a time, by type, so an error names `input[3].content[0].type`.
 */

const nullableString = z.string().nullish();

export const inputTextPart = z.looseObject({ type: z.literal('input_text'), text: z.string() });
export const inputImagePart = z.looseObject({
  type: z.literal('input_image'),
  image_url: nullableString,
  file_id: nullableString,
  detail: nullableString,
});
export const inputFilePart = z.looseObject({
  type: z.literal('input_file'),
  file_data: nullableString,
  file_url: nullableString,
  file_id: nullableString,
  filename: nullableString,
});
export const inputAudioPart = z.looseObject({
  type: z.literal('input_audio'),
  input_audio: z.looseObject({ data: z.string(), format: z.string() }),
});
export const outputTextPart = z.looseObject({ type: z.literal('output_text'), text: z.string() });
export const refusalPart = z.looseObject({ type: z.literal('refusal'), refusal: z.string() });

const userContentPart = z.discriminatedUnion('type', [inputTextPart, inputImagePart, inputFilePart, inputAudioPart]);
/** Assistant turns sent back: `output_text`/`refusal`; some clients write their own turns as `input_text`. */
const assistantContentPart = z.discriminatedUnion('type', [outputTextPart, refusalPart, inputTextPart]);

export const userMessageItem = z.looseObject({
  type: z.literal('message').optional(),
  role: z.enum(['user', 'system', 'developer']),
  content: z.union([z.string(), z.array(userContentPart)]),
});
export const assistantMessageItem = z.looseObject({
  type: z.literal('message').optional(),
  role: z.literal('assistant'),
  content: z.union([z.string(), z.array(assistantContentPart)]),
});

export const functionCallItem = z.looseObject({
  type: z.literal('function_call'),
  call_id: z.string(),
  name: z.string(),
  arguments: z.string(),
  id: nullableString,
});
export const toolOutputContent = z.union([
  z.string(),
  z.array(z.discriminatedUnion('type', [inputTextPart, inputImagePart, inputFilePart])),
]);
export const functionCallOutputItem = z.looseObject({
  type: z.literal('function_call_output'),
  call_id: z.string(),
  output: toolOutputContent,
});
export const customToolCallItem = z.looseObject({
  type: z.literal('custom_tool_call'),
  call_id: z.string(),
  name: z.string(),
  input: z.string(),
});
export const customToolCallOutputItem = z.looseObject({
  type: z.literal('custom_tool_call_output'),
  call_id: z.string(),
  output: toolOutputContent,
});
export const localShellCallItem = z.looseObject({
  type: z.literal('local_shell_call'),
  call_id: z.string(),
  action: z.looseObject({ command: z.array(z.string()).nullish() }),
});
/** OpenAI's schema names the call by `id`; Codex answers a shell call with its `call_id`: either works. */
export const localShellCallOutputItem = z.looseObject({
  type: z.literal('local_shell_call_output'),
  id: z.string().nullish(),
  call_id: z.string().nullish(),
  output: toolOutputContent,
});
export const reasoningItem = z.looseObject({
  type: z.literal('reasoning'),
  id: nullableString,
  summary: z.array(z.looseObject({ type: z.string(), text: z.string() })).nullish(),
  content: z.array(z.looseObject({ type: z.string(), text: z.string() })).nullish(),
  encrypted_content: nullableString,
});
export const itemReference = z.looseObject({ type: z.literal('item_reference').optional(), id: z.string() });

export const functionTool = z.looseObject({
  type: z.literal('function'),
  name: z.string().min(1),
  description: nullableString,
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});
/** Every other tool type (`custom`, `web_search`, `mcp`...) is kept verbatim for OpenAI to run. */
export const anyTool = z.looseObject({ type: z.string() });

export const toolChoice = z.union([
  z.enum(['auto', 'none', 'required']),
  z.looseObject({ type: z.literal('function'), name: z.string() }),
  z.looseObject({ type: z.string() }),
]);

export const textConfig = z.looseObject({
  format: z
    .discriminatedUnion('type', [
      z.looseObject({ type: z.literal('text') }),
      z.looseObject({ type: z.literal('json_object') }),
      z.looseObject({
        type: z.literal('json_schema'),
        name: z.string(),
        schema: z.record(z.string(), z.unknown()),
        strict: z.boolean().nullish(),
        description: nullableString,
      }),
    ])
    .nullish(),
  verbosity: z.enum(['low', 'medium', 'high']).nullish(),
});

export const reasoningConfig = z.looseObject({
  effort: z.enum(['none', 'minimal', 'low', 'medium', 'high', 'xhigh']).nullish(),
  summary: z.enum(['auto', 'concise', 'detailed']).nullish(),
  /** Deprecated spelling of `summary`. */
  generate_summary: z.enum(['auto', 'concise', 'detailed']).nullish(),
});

/** The top level; `input`, `tools` and their items are parsed item by item afterwards. */
export const responsesRequestSchema = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(z.unknown())]).nullish(),
  instructions: nullableString,
  tools: z.array(z.unknown()).nullish(),
  tool_choice: z.unknown().optional(),
  parallel_tool_calls: z.boolean().nullish(),
  reasoning: reasoningConfig.nullish(),
  text: textConfig.nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  store: z.boolean().nullish(),
  include: z.array(z.string()).nullish(),
  prompt_cache_key: nullableString,
  safety_identifier: nullableString,
  user: nullableString,
  metadata: z.record(z.string(), z.string()).nullish(),
  service_tier: nullableString,
  truncation: z.enum(['auto', 'disabled']).nullish(),
  stream: z.boolean().nullish(),
  previous_response_id: nullableString,
  background: z.boolean().nullish(),
});

export type ResponsesRequestBody = z.infer<typeof responsesRequestSchema>;
