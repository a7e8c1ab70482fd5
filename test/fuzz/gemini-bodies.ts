/**
 * Valid Gemini generateContent and countTokens bodies, as Google's SDK and Gemini CLI send them,
 * mirroring src/surfaces/gemini/decode-*.ts and the API reference: systemInstruction, contents
 * with text, inlineData, fileData, functionCall/functionResponse and thought parts with their
 * signatures, functionDeclarations (`parameters` in Gemini's Schema or `parametersJsonSchema`),
 * toolConfig, generationConfig with thinkingConfig and a response schema, safetySettings; snake_case
 * spellings now and then, as proto JSON allows. The URL path (model and action) comes from here too.
 */
import fc from 'fast-check';
import { TINY_PNG_BASE64 } from './anthropic-bodies.js';

const text = fc.constantFrom('What is the weather in Paris?', 'Say hi', 'weather in parallel please', '', '备注 🙂');

const userPart = fc.oneof(
  { weight: 5, arbitrary: text.map((value) => ({ text: value })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { inlineData: { mimeType: 'image/png', data: TINY_PNG_BASE64 } },
      { inline_data: { mime_type: 'image/png', data: TINY_PNG_BASE64 } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0xLjQK' } },
      { fileData: { mimeType: 'image/png', fileUri: 'http://127.0.0.1:1/picture.png' } },
    ),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      functionResponse: fc.record({
        name: fc.constantFrom('get_weather', 'fuzz'),
        response: fc.oneof(fc.constant({ temperature: 21 }), fc.constant({ output: 'sunny' }), fc.constant({})),
      }),
    }),
  },
);

const modelPart = fc.oneof(
  text.map((value) => ({ text: value })),
  fc.record(
    {
      functionCall: fc.record({ name: fc.constantFrom('get_weather', 'fuzz'), args: fc.constant({ city: 'Paris' }) }),
      thoughtSignature: fc.constantFrom('c2lnbmF0dXJl', 'not base64 at all', ''),
    },
    { requiredKeys: ['functionCall'] },
  ),
  fc.record(
    { text, thought: fc.constant(true), thoughtSignature: fc.constantFrom('c2lnbmF0dXJl', '') },
    { requiredKeys: ['text', 'thought'] },
  ),
);

const contents = fc
  .array(
    fc.tuple(fc.array(userPart, { minLength: 1, maxLength: 3 }), fc.array(modelPart, { minLength: 1, maxLength: 2 })),
    { maxLength: 2 },
  )
  .chain((turns) =>
    fc.array(userPart, { minLength: 1, maxLength: 3 }).map((last) => [
      ...turns.flatMap(([user, model]) => [
        { role: 'user', parts: user },
        { role: 'model', parts: model },
      ]),
      { role: 'user', parts: last },
    ]),
  );

const declaration = fc.record(
  {
    name: fc.constantFrom('get_weather', 'fuzz'),
    description: text,
    parameters: fc.constantFrom(
      { type: 'OBJECT', properties: { city: { type: 'STRING' } }, required: ['city'] },
      { type: 'object', properties: { n: { type: 'INTEGER', nullable: true, minimum: 0 } } },
      { type: 'OBJECT', properties: { tags: { type: 'ARRAY', items: { type: 'STRING' }, maxItems: '3' } } },
    ),
  },
  { requiredKeys: ['name'] },
);
const jsonSchemaDeclaration = fc.constantFrom({
  name: 'get_weather',
  parametersJsonSchema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
});

const tools = fc.array(
  fc.oneof(
    {
      weight: 4,
      arbitrary: fc
        .array(fc.oneof(declaration, jsonSchemaDeclaration), { minLength: 1, maxLength: 2 })
        .map((functionDeclarations) => ({ functionDeclarations })),
    },
    // Google's own tools: a 400 naming them where the upstream is not Gemini.
    { weight: 1, arbitrary: fc.constantFrom({ googleSearch: {} }, { codeExecution: {} }, { urlContext: {} }) },
  ),
  { maxLength: 2 },
);

// allowedFunctionNames must name a declared function: rarely, so most bodies stay valid.
const toolConfig = fc.record({
  functionCallingConfig: fc.oneof(
    {
      weight: 6,
      arbitrary: fc.record({ mode: fc.constantFrom('AUTO', 'ANY', 'NONE', 'VALIDATED', 'MODE_UNSPECIFIED') }),
    },
    { weight: 1, arbitrary: fc.constant({ mode: 'ANY', allowedFunctionNames: ['get_weather'] }) },
  ),
});

const generationConfig = fc
  .record(
    {
      temperature: fc.double({ min: 0, max: 2, noNaN: true }),
      topP: fc.double({ min: 0, max: 1, noNaN: true }),
      topK: fc.integer({ min: 1, max: 100 }),
      candidateCount: fc.constant(1),
      maxOutputTokens: fc.oneof(fc.constantFrom(1, 16, 8192), fc.integer({ min: 1, max: 2_147_483_647 })),
      stopSequences: fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
      responseMimeType: fc.constantFrom('text/plain', 'application/json'),
      thinkingConfig: fc.record(
        {
          includeThoughts: fc.boolean(),
          thinkingBudget: fc.constantFrom(-1, 0, 128, 1024, 24_576),
          thinkingLevel: fc.constantFrom('LOW', 'HIGH', 'low'),
        },
        { requiredKeys: [] },
      ),
      seed: fc.integer(),
      presencePenalty: fc.double({ min: -2, max: 2, noNaN: true }),
    },
    { requiredKeys: [] },
  )
  .chain((config) =>
    // A response schema asks for JSON out: it comes with responseMimeType application/json.
    fc
      .constantFrom<Record<string, unknown>>(
        {},
        {},
        {
          responseMimeType: 'application/json',
          responseSchema: { type: 'OBJECT', properties: { a: { type: 'STRING' } } },
        },
        {
          responseMimeType: 'application/json',
          responseJsonSchema: { type: 'object', properties: { a: { type: 'string' } } },
        },
      )
      .map((json) => ({ ...config, ...json })),
  );

const safetySettings = fc.array(
  fc.record({
    category: fc.constantFrom(
      'HARM_CATEGORY_HARASSMENT',
      'HARM_CATEGORY_DANGEROUS_CONTENT',
      'HARM_CATEGORY_CIVIC_INTEGRITY',
    ),
    threshold: fc.constantFrom('BLOCK_NONE', 'OFF', 'BLOCK_ONLY_HIGH'),
  }),
  { maxLength: 2 },
);

/** A valid generateContent body. */
export const geminiGenerateBody: fc.Arbitrary<unknown> = fc
  .record(
    {
      contents,
      systemInstruction: fc.oneof(
        text.map((value) => ({ parts: [{ text: value }] })),
        text.map((value) => ({ role: 'system', parts: [{ text: value }] })),
      ),
      tools,
      toolConfig,
      generationConfig,
      safetySettings,
      cachedContent: fc.constant('cachedContents/unknown'),
      labels: fc.constant({ team: 'fuzz' }),
    },
    { requiredKeys: ['contents'] },
  )
  .chain((body) =>
    // Proto JSON takes snake_case too: Gemini CLI's older builds send system_instruction.
    fc.boolean().map((snake) => {
      if (!snake || !('systemInstruction' in body)) return body;
      const { systemInstruction, ...rest } = body;
      return { ...rest, system_instruction: systemInstruction };
    }),
  );

/** A valid countTokens body: `{contents}` or `{generateContentRequest}` (with its model). */
export function geminiCountTokensBody(model: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof(
    contents.map((value) => ({ contents: value })),
    fc
      .tuple(model, geminiGenerateBody)
      .map(([name, body]) => ({ generateContentRequest: { model: `models/${String(name)}`, ...(body as object) } })),
  );
}

export type GeminiAction = 'generateContent' | 'streamGenerateContent' | 'countTokens';

/** `/v1beta/models/{model}:{action}`: a routed model mostly, else an odd segment; `models/` now and then. */
export function geminiActionPath(model: fc.Arbitrary<unknown>, action: GeminiAction): fc.Arbitrary<string> {
  const segment = fc.oneof(
    { weight: 12, arbitrary: model.map((name) => encodeURIComponent(String(name))) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '',
        'no-such-model',
        'models%2Fgemini-2.5-flash',
        '%F0%9F%99%82',
        'a:b',
        'x'.repeat(300),
      ),
    },
  );
  const suffix = fc.oneof(
    { weight: 20, arbitrary: fc.constant(`:${action}`) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('', ':', ':unknownAction', `:${action.toLowerCase()}`, `:${action}:${action}`),
    },
  );
  return fc.tuple(segment, suffix).map(([name, tail]) => `/v1beta/models/${name}${tail}`);
}
