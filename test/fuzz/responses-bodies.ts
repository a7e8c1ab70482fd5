/**
 * Valid OpenAI Responses bodies, as the SDK's `client.responses.create` and Codex CLI send them,
 * mirroring src/surfaces/responses/request-schema.ts and its item decoders: `input` as a string or
 * items (messages with input_text/input_image/input_file, function calls and their outputs,
 * custom tool calls, reasoning items with encrypted_content), instructions, function and custom
 * tools, tool_choice, reasoning, text.format, store, include, prompt_cache_key, and
 * previous_response_id (mostly unknown: a 4xx, never a 5xx).
 */
import fc from 'fast-check';
import { TINY_PNG_BASE64, UNREACHABLE_MEDIA_URL } from './anthropic-bodies.js';

const text = fc.constantFrom('What is the weather in Paris?', 'Say hi', 'weather in parallel please', '', '备注 🙂');
const callId = fc.constantFrom('call_1', 'call_2', 'fc_x', '');

const inputPart = fc.oneof(
  { weight: 4, arbitrary: text.map((value) => ({ type: 'input_text', text: value })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { type: 'input_image', image_url: `data:image/png;base64,${TINY_PNG_BASE64}`, detail: 'auto' },
      { type: 'input_image', image_url: UNREACHABLE_MEDIA_URL },
      { type: 'input_image', file_id: 'file-abc' },
      { type: 'input_file', filename: 'a.pdf', file_data: 'data:application/pdf;base64,JVBERi0xLjQK' },
      { type: 'input_file', file_url: 'http://127.0.0.1:1/a.pdf' },
    ),
  },
);

const userMessage = fc.record(
  {
    type: fc.constant('message'),
    role: fc.constantFrom('user', 'system', 'developer'),
    content: fc.oneof(text, fc.array(inputPart, { minLength: 1, maxLength: 3 })),
  },
  { requiredKeys: ['role', 'content'] },
);
const assistantMessage = fc.record(
  {
    type: fc.constant('message'),
    role: fc.constant('assistant'),
    id: fc.constantFrom('msg_1', 'msg_x'),
    status: fc.constant('completed'),
    content: fc.oneof(
      text,
      fc.array(
        fc.oneof(
          text.map((value) => ({ type: 'output_text', text: value, annotations: [] })),
          fc.constant({ type: 'refusal', refusal: 'No.' }),
        ),
        { minLength: 1, maxLength: 2 },
      ),
    ),
  },
  { requiredKeys: ['role', 'content'] },
);
const functionCall = fc.record({
  type: fc.constant('function_call'),
  call_id: callId,
  name: fc.constantFrom('get_weather', 'fuzz'),
  arguments: fc.constantFrom('{"city":"Paris"}', '{}', '', 'not json', '[]'),
});
const functionCallOutput = fc.record({
  type: fc.constant('function_call_output'),
  call_id: callId,
  output: fc.oneof(text, fc.array(inputPart, { maxLength: 2 })),
});
const customCalls = fc.constantFrom(
  { type: 'custom_tool_call', call_id: 'call_c', name: 'apply_patch', input: '*** Begin Patch' },
  { type: 'custom_tool_call_output', call_id: 'call_c', output: 'done' },
);
const reasoning = fc.record(
  {
    type: fc.constant('reasoning'),
    id: fc.constantFrom('rs_1', 'rs_x'),
    summary: fc.array(
      text.map((value) => ({ type: 'summary_text', text: value })),
      { maxLength: 2 },
    ),
    // Not ours: a reasoning envelope AIHub did not seal must be refused or ignored, never crash.
    encrypted_content: fc.constantFrom('gAAAAABo-not-ours', 'aihub:v1:forged', '', 'x'.repeat(2_000)),
  },
  { requiredKeys: ['type', 'summary'] },
);

const items = fc.array(
  fc.oneof(
    { weight: 4, arbitrary: userMessage },
    { weight: 2, arbitrary: assistantMessage },
    { weight: 2, arbitrary: functionCall },
    { weight: 2, arbitrary: functionCallOutput },
    { weight: 1, arbitrary: customCalls },
    { weight: 1, arbitrary: reasoning },
    { weight: 1, arbitrary: fc.constant({ type: 'item_reference', id: 'msg_unknown' }) },
  ),
  { minLength: 1, maxLength: 5 },
);

const tool = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        type: fc.constant('function'),
        name: fc.constantFrom('get_weather', 'fuzz'),
        description: text,
        parameters: fc.constantFrom(
          { type: 'object', properties: { city: { type: 'string' } }, required: ['city'], additionalProperties: false },
          { type: 'object', properties: {} },
          null,
        ),
        strict: fc.boolean(),
      },
      { requiredKeys: ['type', 'name'] },
    ),
  },
  // Custom and hosted tools: only some upstreams have them, elsewhere a 400 naming them.
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { type: 'custom', name: 'apply_patch', description: 'Apply a patch', format: { type: 'text' } },
      { type: 'web_search' },
      { type: 'local_shell' },
      { type: 'file_search', vector_store_ids: ['vs_1'] },
    ),
  },
);

const toolChoice = fc.constantFrom(
  'auto',
  'auto',
  'none',
  'required',
  { type: 'function', name: 'get_weather' },
  { type: 'custom', name: 'apply_patch' },
  { type: 'allowed_tools', mode: 'auto', tools: [{ type: 'function', name: 'get_weather' }] },
);

const textConfig = fc.record(
  {
    format: fc.constantFrom(
      { type: 'text' },
      { type: 'json_object' },
      {
        type: 'json_schema',
        name: 'answer',
        strict: true,
        schema: { type: 'object', properties: { a: { type: 'string' } }, required: ['a'], additionalProperties: false },
      },
    ),
    verbosity: fc.constantFrom('low', 'medium', 'high'),
  },
  { requiredKeys: [] },
);

/** A valid Responses body (the model from the server's routed models). */
export function responsesBody(model: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  // An unknown previous_response_id is a 404 before anything else is read: only now and then.
  const previous = fc.oneof(
    { weight: 12, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom('resp_unknown', 'resp_', '') },
  );
  const body = fc.record(
    {
      model,
      input: fc.oneof(text, items),
      instructions: text,
      tools: fc.array(tool, { maxLength: 3 }),
      tool_choice: toolChoice,
      parallel_tool_calls: fc.boolean(),
      reasoning: fc.record(
        {
          effort: fc.constantFrom('none', 'minimal', 'low', 'medium', 'high', 'xhigh'),
          summary: fc.constantFrom('auto', 'concise', 'detailed'),
        },
        { requiredKeys: [] },
      ),
      text: textConfig,
      max_output_tokens: fc.oneof(fc.constantFrom(1, 16, 4096), fc.integer({ min: 1, max: 2_147_483_647 })),
      temperature: fc.double({ min: 0, max: 2, noNaN: true }),
      top_p: fc.double({ min: 0, max: 1, noNaN: true }),
      store: fc.boolean(),
      include: fc.subarray(['reasoning.encrypted_content', 'message.output_text.logprobs', 'unknown.include']),
      prompt_cache_key: fc.constantFrom('conversation-1', ''),
      metadata: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
      stream: fc.boolean(),
      truncation: fc.constantFrom('auto', 'disabled'),
      service_tier: fc.constantFrom('auto', 'default', 'flex'),
    },
    { requiredKeys: ['model', 'input'] },
  );
  return fc
    .tuple(body, previous)
    .map(([value, id]) => (id === undefined ? value : { ...(value as object), previous_response_id: id }));
}
