/**
 * Valid Anthropic Messages bodies, as Claude Code and the Anthropic SDKs send them, mirroring
 * src/surfaces/anthropic/request-schema.ts and the blocks decode-content.ts reads: system as text
 * or blocks, text, image, document, tool_use/tool_result pairs, thinking with signatures and
 * redacted_thinking, cache_control with both TTLs, tools and tool_choice, thinking on, stop
 * sequences, metadata. The request schema's own JSON Schema adds breadth (v1-request-schemas.ts).
 */
import fc from 'fast-check';

/** A 1×1 PNG: an image any decoder accepts. */
export const TINY_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';
/** "%PDF-1.4" and little else: a document a translator must carry, not read. */
const TINY_PDF_BASE64 = 'JVBERi0xLjQKJcOkw7zDtsOfCjEgMCBvYmoKPDw+PgplbmRvYmoKdHJhaWxlcgo8PD4+CiUlRU9G';
/** A port nobody listens on: a URL source must fail in time, as a 4xx, never leave the machine. */
export const UNREACHABLE_MEDIA_URL = 'http://127.0.0.1:1/picture.png';

const text = fc.constantFrom(
  'What is the weather in Paris?',
  'Say hi',
  'weather in parallel please',
  '',
  ' ',
  '备注 🙂',
);
const cacheControl = fc.option(
  fc.constantFrom({ type: 'ephemeral' }, { type: 'ephemeral', ttl: '5m' }, { type: 'ephemeral', ttl: '1h' }),
  { nil: undefined, freq: 3 },
);
const withCache = <T extends object>(block: fc.Arbitrary<T>) =>
  fc.tuple(block, cacheControl).map(([value, cache]) => (cache ? { ...value, cache_control: cache } : value));

const textBlock = withCache(text.map((value) => ({ type: 'text', text: value })));
const imageBlock = withCache(
  fc.constantFrom(
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: TINY_PNG_BASE64 } },
    { type: 'image', source: { type: 'base64', media_type: 'image/png', data: TINY_PNG_BASE64 } },
    { type: 'image', source: { type: 'base64', media_type: 'image/webp', data: 'AAAA' } },
    { type: 'image', source: { type: 'url', url: UNREACHABLE_MEDIA_URL } },
  ),
);
const documentBlock = withCache(
  fc.constantFrom(
    { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: TINY_PDF_BASE64 } },
    { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'A plain text document.' } },
    { type: 'document', source: { type: 'text', media_type: 'text/plain', data: 'Another one.' }, title: 't' },
    { type: 'document', source: { type: 'url', url: 'http://127.0.0.1:1/paper.pdf' }, title: 'paper' },
  ),
);
const toolId = fc.constantFrom('toolu_01', 'toolu_02', 'call_abc', 'x');
const toolUse = fc.record({
  type: fc.constant('tool_use'),
  id: toolId,
  name: fc.constantFrom('get_weather', 'fuzz'),
  input: fc.oneof(
    fc.constant({ city: 'Paris' }),
    fc.constant({}),
    fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  ),
});
const toolResult = withCache(
  fc.record(
    {
      type: fc.constant('tool_result'),
      tool_use_id: toolId,
      content: fc.oneof(text, fc.array(textBlock, { maxLength: 2 }), fc.array(imageBlock, { maxLength: 1 })),
      is_error: fc.boolean(),
    },
    { requiredKeys: ['type', 'tool_use_id'] },
  ),
);
const thinking = fc.oneof(
  fc.record({
    type: fc.constant('thinking'),
    thinking: text,
    signature: fc.constantFrom('sig', 'EqQBCkYIBxgCKkD', ''),
  }),
  fc.record({ type: fc.constant('redacted_thinking'), data: fc.constantFrom('EmwKAhgBEgy3', '') }),
);

const userContent = fc.oneof(
  { weight: 3, arbitrary: text },
  {
    weight: 3,
    arbitrary: fc.array(fc.oneof(textBlock, imageBlock, documentBlock, toolResult), { minLength: 1, maxLength: 3 }),
  },
);
const assistantContent = fc.oneof(
  text,
  fc.array(fc.oneof(textBlock, thinking, toolUse), { minLength: 1, maxLength: 3 }),
);

/** A conversation: alternating turns, ending on the user's. */
const messages = fc.array(fc.tuple(userContent, assistantContent), { maxLength: 2 }).chain((pairs) =>
  userContent.map((last) => [
    ...pairs.flatMap(([user, assistant]) => [
      { role: 'user', content: user },
      { role: 'assistant', content: assistant },
    ]),
    { role: 'user', content: last },
  ]),
);

const tool = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        name: fc.constantFrom('get_weather', 'fuzz', 'a'.repeat(64)),
        description: text,
        input_schema: fc.constantFrom(
          { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          { type: 'object' },
          {
            type: 'object',
            properties: { n: { type: 'integer', minimum: 0 }, tags: { type: 'array', items: { type: 'string' } } },
          },
        ),
        cache_control: fc.constant({ type: 'ephemeral', ttl: '1h' }),
      },
      { requiredKeys: ['name', 'input_schema'] },
    ),
  },
  // Server tools: a translator must refuse them by name (issue 12), pass-through carries them.
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { type: 'web_search_20250305', name: 'web_search', max_uses: 3 },
      { type: 'bash_20250124', name: 'bash' },
      { type: 'text_editor_20250728', name: 'str_replace_based_edit_tool' },
    ),
  },
);

const toolChoice = fc.constantFrom(
  { type: 'auto' },
  { type: 'auto' },
  { type: 'any', disable_parallel_tool_use: true },
  { type: 'tool', name: 'get_weather' },
  { type: 'none' },
);

const thinkingConfig = fc.oneof(
  fc.integer({ min: 1024, max: 4096 }).map((budget) => ({ type: 'enabled', budget_tokens: budget })),
  fc.constantFrom({ type: 'adaptive' }, { type: 'disabled' }, { type: 'enabled', budget_tokens: 0 }),
);

const system = fc.oneof(text, fc.array(textBlock, { minLength: 1, maxLength: 2 }));

/** A valid Messages body (the model from the server's routed models). */
export function anthropicMessagesBody(model: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.record(
    {
      model,
      max_tokens: fc.oneof(fc.constantFrom(1, 16, 1024, 8192, 32_000), fc.integer({ min: 1, max: 2_147_483_647 })),
      messages,
      system,
      tools: fc.array(tool, { maxLength: 3 }),
      tool_choice: toolChoice,
      thinking: thinkingConfig,
      stop_sequences: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
      temperature: fc.double({ min: 0, max: 1, noNaN: true }),
      top_p: fc.double({ min: 0, max: 1, noNaN: true }),
      top_k: fc.nat(500),
      metadata: fc.record({ user_id: fc.constantFrom('user-1', 'session_abc', '') }),
      stream: fc.boolean(),
      output_config: fc.constantFrom(
        { effort: 'low' },
        { format: { type: 'json_schema', schema: { type: 'object', properties: { a: { type: 'string' } } } } },
      ),
      service_tier: fc.constantFrom('auto', 'standard_only'),
    },
    { requiredKeys: ['model', 'messages', 'max_tokens'] },
  );
}

/** A valid count_tokens body: a Messages body without the answer's settings. */
export function anthropicCountTokensBody(model: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.record(
    {
      model,
      messages,
      system,
      tools: fc.array(tool, { maxLength: 3 }),
      tool_choice: toolChoice,
      thinking: thinkingConfig,
    },
    { requiredKeys: ['model', 'messages'] },
  );
}
