import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isGatewayError } from '../../ir/index.js';
import type { SurfaceInput } from '../surface.js';
import { countGeminiTokens } from './count-tokens.js';
import { decodeGeminiRequest } from './decode-request.js';

/**
 * The decoder against generated bodies: valid generateContent shapes with any node replaced by
 * any JSON value, odd keys (`__proto__`, snake_case twins) and nesting. Every body must either
 * decode to a JSON-serialisable request or be refused with a 4xx GatewayError, never anything else.
 */
const anyJson = fc.jsonValue({ maxDepth: 2 });
const maybe = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: anyJson });
const oddKey = fc.constantFrom('__proto__', 'constructor', 'toString', 'function_call', 'inline_data', '', 'x');

const schemaFields = {
  type: maybe(
    fc.constantFrom('OBJECT', 'STRING', 'NUMBER', 'INTEGER', 'ARRAY', 'BOOLEAN', 'object', 'TYPE_UNSPECIFIED'),
  ),
  nullable: maybe(fc.boolean()),
  maxItems: maybe(fc.constantFrom('3', 3, '-1', 'x')),
};
const leafSchema = maybe(fc.record(schemaFields, { requiredKeys: [] }));
/** Two levels deep: enough to reach every branch of the conversion without unbounded generation. */
const schema = maybe(
  fc.record(
    {
      ...schemaFields,
      properties: maybe(fc.dictionary(fc.oneof(fc.string(), oddKey), leafSchema, { maxKeys: 3 })),
      items: leafSchema,
      anyOf: maybe(fc.array(leafSchema, { maxLength: 2 })),
    },
    { requiredKeys: [] },
  ),
);

const part = maybe(
  fc.oneof(
    fc.record(
      { text: maybe(fc.string()), thought: maybe(fc.boolean()), thoughtSignature: maybe(fc.string()) },
      { requiredKeys: [] },
    ),
    fc.record({
      inlineData: maybe(
        fc.record(
          {
            mimeType: maybe(fc.constantFrom('image/png', 'application/pdf', 'audio/wav')),
            data: maybe(fc.base64String()),
          },
          { requiredKeys: [] },
        ),
      ),
    }),
    fc.record({
      fileData: maybe(fc.record({ fileUri: maybe(fc.webUrl()), mimeType: maybe(fc.string()) }, { requiredKeys: [] })),
    }),
    fc.record(
      {
        functionCall: maybe(
          fc.record(
            {
              name: maybe(fc.constantFrom('f', 'g')),
              args: maybe(fc.dictionary(fc.oneof(fc.string(), oddKey), anyJson)),
              id: maybe(fc.string()),
              partialArgs: maybe(
                fc.array(
                  fc.record({
                    jsonPath: fc.constantFrom('$.a', '$.__proto__.x', '$[0]', 'bad'),
                    stringValue: fc.string(),
                  }),
                  { maxLength: 3 },
                ),
              ),
            },
            { requiredKeys: [] },
          ),
        ),
        thoughtSignature: maybe(fc.string()),
      },
      { requiredKeys: [] },
    ),
    fc.record({
      functionResponse: maybe(
        fc.record(
          {
            name: maybe(fc.constantFrom('f', 'g')),
            response: maybe(fc.dictionary(fc.string(), anyJson)),
            id: maybe(fc.string()),
          },
          { requiredKeys: [] },
        ),
      ),
    }),
    fc.record({ executableCode: maybe(fc.record({ language: fc.constant('PYTHON'), code: fc.string() })) }),
    fc.dictionary(oddKey, anyJson, { maxKeys: 2 }),
  ),
);

const content = maybe(
  fc.record(
    {
      role: maybe(fc.constantFrom('user', 'user', 'model', 'function', 'system')),
      parts: maybe(fc.array(part, { minLength: 1, maxLength: 4 })),
    },
    { requiredKeys: [] },
  ),
);

const body = maybe(
  fc.record(
    {
      contents: maybe(fc.array(content, { minLength: 1, maxLength: 4 })),
      systemInstruction: maybe(fc.oneof(fc.string(), fc.record({ parts: fc.array(part, { maxLength: 2 }) }))),
      tools: maybe(
        fc.array(
          maybe(
            fc.oneof(
              fc.record({
                functionDeclarations: maybe(
                  fc.array(
                    maybe(
                      fc.record(
                        {
                          name: maybe(fc.constantFrom('f', 'g', 'bad name')),
                          description: maybe(fc.string()),
                          parameters: schema,
                          parametersJsonSchema: maybe(fc.object()),
                        },
                        { requiredKeys: [] },
                      ),
                    ),
                    { maxLength: 2 },
                  ),
                ),
              }),
              fc.record({ googleSearch: fc.constant({}) }),
              fc.dictionary(oddKey, anyJson, { maxKeys: 1 }),
            ),
          ),
          { maxLength: 3 },
        ),
      ),
      toolConfig: maybe(
        fc.record(
          {
            functionCallingConfig: maybe(
              fc.record(
                {
                  mode: maybe(fc.constantFrom('AUTO', 'ANY', 'NONE', 'VALIDATED', 'other')),
                  allowedFunctionNames: maybe(fc.array(fc.constantFrom('f', 'g', 'h'), { maxLength: 2 })),
                },
                { requiredKeys: [] },
              ),
            ),
          },
          { requiredKeys: [] },
        ),
      ),
      generationConfig: maybe(
        fc.record(
          {
            temperature: maybe(
              fc.oneof(fc.double({ min: 0, max: 2, noNaN: true }), fc.constant('0.5'), fc.constant(3)),
            ),
            topK: maybe(fc.oneof(fc.integer({ min: 0, max: 100 }), fc.constant(2 ** 40))),
            candidateCount: maybe(fc.integer({ min: 1, max: 9 })),
            maxOutputTokens: maybe(fc.oneof(fc.integer({ min: 1, max: 100_000 }), fc.constant(-1))),
            stopSequences: maybe(fc.array(fc.string(), { maxLength: 2 })),
            responseMimeType: maybe(fc.constantFrom('application/json', 'text/plain')),
            responseSchema: schema,
            thinkingConfig: maybe(
              fc.record(
                {
                  includeThoughts: maybe(fc.boolean()),
                  thinkingBudget: maybe(fc.integer({ min: -5, max: 40_000 })),
                  thinkingLevel: maybe(fc.constantFrom('low', 'HIGH', 'max')),
                },
                { requiredKeys: [] },
              ),
            ),
          },
          { requiredKeys: [] },
        ),
      ),
      safetySettings: anyJson,
      ['__proto__']: anyJson,
    },
    { requiredKeys: [] },
  ),
);

function input(value: unknown, action: string): SurfaceInput {
  return { body: value, headers: {}, query: {}, params: { model: 'gemini-2.5-flash', action } };
}

describe('decodeGeminiRequest under generated bodies', () => {
  it('decodes or refuses with a 4xx, for 10,000 bodies', () => {
    let decoded = 0;
    fc.assert(
      fc.property(body, fc.constantFrom('generateContent', 'streamGenerateContent', 'countTokens'), (value, action) => {
        try {
          const request = decodeGeminiRequest(input(value, action));
          expect(() => JSON.stringify(request)).not.toThrow();
          if (action === 'countTokens') expect(countGeminiTokens(input(value, action)).totalTokens).toBeGreaterThan(0);
          decoded++;
        } catch (error) {
          if (!isGatewayError(error) || error.status < 400 || error.status >= 500) throw error;
        }
        expect(({} as Record<string, unknown>).x).toBeUndefined();
      }),
      { numRuns: 10_000, seed: 20261205 },
    );
    // The generator must reach the decoder's happy path too, not only its refusals. With this seed
    // 33 of 10,000 bodies decode: most carry at least one refused value (a follow-up is to weight
    // the generator towards valid bodies).
    expect(decoded).toBeGreaterThan(20);
  });
});
