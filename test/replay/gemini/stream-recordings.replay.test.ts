import { expect, it } from 'vitest';
import type { AssistantContentPart, StreamPart } from '../../../src/ir/index.js';
import { geminiProvider } from '../../../src/providers/gemini/index.js';
import { decodeRecordedStream, replayContext } from './decode-recording.js';
import {
  describeWithFixtures,
  JS_GENAI_DIR,
  loadJsGenaiRecording,
  loadPydanticCassette,
  loadSimonwCassette,
  loadVercelFixture,
  PYDANTIC_GOOGLE_DIR,
  type RecordedInteraction,
  SIMONW_GEMINI_DIR,
  VERCEL_GOOGLE_DIR,
} from './fixtures.js';
import { normalizeGeminiBody } from './normalize-request.js';
import { summarizeStream } from './summaries.js';

/** Named recordings whose details matter: thought signatures, Gemini 3, streamed arguments. */

const streamOf = (interaction: RecordedInteraction | undefined): string[] => {
  if (interaction?.response.kind !== 'stream') throw new Error('expected a recorded stream');
  return interaction.response.chunks;
};
const ofType = <T extends StreamPart['type']>(parts: StreamPart[], type: T) =>
  parts.filter((part): part is Extract<StreamPart, { type: T }> => part.type === type);

describeWithFixtures('Gemini replay: named stream recordings', () => {
  it('test_google_streaming_tool_call_thought_signature: the signed call decodes and is replayed in the recorded place', () => {
    const cassette = loadPydanticCassette(
      `${PYDANTIC_GOOGLE_DIR}/test_google_streaming_tool_call_thought_signature.yaml`,
    );
    const [first, second] = cassette.interactions;
    const parts = decodeRecordedStream(streamOf(first), replayContext('gemini-3-pro-preview'));
    const start = ofType(parts, 'tool-call-start');
    expect(parts[0]).toEqual({
      type: 'response-metadata',
      id: 'QUVVadTSNJ6_qtsPvN7J8Q0',
      model: 'gemini-3-pro-preview',
    });
    expect(start).toHaveLength(1);
    expect(start[0]).toMatchObject({ index: 0, id: 'call_gen1', name: 'get_country' });
    expect(start[0]!.signature).toMatch(/^EpwICpkIAXLI2nxlU6gsWZaZ.*yU=$/);
    expect(ofType(parts, 'tool-call-delta').map((part) => part.argumentsDelta)).toEqual(['{}']);
    expect(ofType(parts, 'usage').at(-1)!.usage).toMatchObject({
      inputTokens: { total: 29 },
      outputTokens: { total: 212, text: 10, reasoning: 202 },
    });
    expect(ofType(parts, 'finish')).toEqual([
      { type: 'finish', choice: 0, finishReason: { unified: 'tool-calls', raw: 'STOP' } },
    ]);

    // Next turn: the assistant message rebuilt from the stream plus the tool result.
    const assistant: AssistantContentPart[] = [
      { type: 'tool-call', id: start[0]!.id, name: 'get_country', arguments: '{}', signature: start[0]!.signature },
    ];
    const encoded = geminiProvider.encodeRequest(
      {
        model: 'gemini-3-pro-preview',
        messages: [
          { role: 'user', content: [{ type: 'text', text: 'What is the capital of the user country? Call the tool' }] },
          { role: 'assistant', content: assistant },
          { role: 'tool', toolCallId: start[0]!.id, content: [{ type: 'text', text: '{"return_value":"Mexico"}' }] },
        ],
        tools: [
          {
            name: 'get_country',
            description: '',
            parameters: { additionalProperties: false, properties: {}, type: 'object' },
          },
        ],
        stream: true,
        includeUsage: true,
      },
      replayContext('gemini-3-pro-preview'),
    );
    expect(normalizeGeminiBody(JSON.parse(encoded.http.body))).toEqual(normalizeGeminiBody(second!.requestBody));

    const answer = summarizeStream(decodeRecordedStream(streamOf(second)));
    expect(answer.choices[0]).toMatchObject({ text: 'The capital of Mexico is Mexico City.', finishUnified: 'stop' });
    expect(answer.usage?.inputTokens.total).toBe(257);
  });

  it('test_google_model_thinking_part_iter: thought summaries stream as reasoning, the signature stays on the text', () => {
    const cassette = loadPydanticCassette(`${PYDANTIC_GOOGLE_DIR}/test_google_model_thinking_part_iter.yaml`);
    const parts = decodeRecordedStream(streamOf(cassette.interactions[0]));
    const reasoning = ofType(parts, 'reasoning-delta');
    expect(reasoning).toHaveLength(4);
    expect(reasoning[0]!.delta).toMatch(/^\*\*Clarifying User Goals\*\*/);
    const firstText = parts.findIndex((part) => part.type === 'text-delta');
    expect(parts.findLastIndex((part) => part.type === 'reasoning-delta')).toBeLessThan(firstText);
    expect(ofType(parts, 'reasoning-signature')).toEqual([]);
    expect(ofType(parts, 'text-signature')).toHaveLength(1);
    expect(ofType(parts, 'text-signature')[0]!.signature).toMatch(/^CiIB0e2Kb6Syj1a961Ef/);
    expect(ofType(parts, 'usage').at(-1)!.usage.outputTokens).toEqual({ total: 1256, text: 469, reasoning: 787 });
    expect(ofType(parts, 'finish')).toHaveLength(1);
  });

  it('google-tool-call-gemini3: one signed call, usage reported once, tool-calls finish', () => {
    const parts = decodeRecordedStream(
      streamOf(loadVercelFixture(`${VERCEL_GOOGLE_DIR}/google-tool-call-gemini3.chunks.txt`).interactions[0]),
    );
    expect(parts.map((part) => part.type)).toEqual([
      'response-metadata',
      'tool-call-start',
      'tool-call-delta',
      'tool-call-end',
      'usage',
      'finish',
    ]);
    expect(ofType(parts, 'tool-call-start')[0]!.signature).toHaveLength(5488);
    expect(ofType(parts, 'tool-call-delta')[0]!.argumentsDelta).toBe('{"location":"San Francisco"}');
    expect(ofType(parts, 'finish')[0]!.finishReason).toEqual({ unified: 'tool-calls', raw: 'STOP' });
  });

  it('google-reasoning-gemini3: the closing signature arrives on an empty text part', () => {
    const parts = decodeRecordedStream(
      streamOf(loadVercelFixture(`${VERCEL_GOOGLE_DIR}/google-reasoning-gemini3.chunks.txt`).interactions[0]),
    );
    const summary = summarizeStream(parts);
    expect(summary.choices[0]!.text).toBe('There are **3** "r"s in strawberry.\n\nSt**r**awbe**rr**y');
    expect(summary.choices[0]!.textSignatures).toHaveLength(1);
    expect(summary.choices[0]!.textSignatures[0]).toHaveLength(1392);
    expect(parts.at(-2)!.type).toBe('text-signature');
    expect(summary.usage?.outputTokens).toEqual({ total: 325, text: 23, reasoning: 302 });
  });

  it.each([
    [
      `${VERCEL_GOOGLE_DIR}/google-stream-tool-call-arguments.chunks.txt`,
      [
        ['getWeather', { location: 'Boston' }],
        ['getWeather', { location: 'San Francisco' }],
      ],
    ],
    [
      `${VERCEL_GOOGLE_DIR}/google-stream-no-args-tool-call.chunks.txt`,
      [
        ['read_theme', {}],
        ['read_screen', { id: 'A' }],
        ['read_screen', { id: 'B' }],
        ['read_screen', { id: 'C' }],
      ],
    ],
    [
      `${VERCEL_GOOGLE_DIR}/google-stream-tool-call-array-arguments-missing-terminal-function-call.chunks.txt`,
      [
        [
          'writeItems',
          {
            operations: [
              { action: 'add', description: 'Fresh red apple', itemid: 'apple_001', price: 0.5 },
              { action: 'add', description: 'Ripe yellow banana', itemid: 'banana_001', price: 0.3 },
            ],
          },
        ],
      ],
    ],
  ])('streamed partialArgs are reassembled: %s', (file, expected) => {
    const parts = decodeRecordedStream(streamOf(loadVercelFixture(file).interactions[0]));
    const summary = summarizeStream(parts);
    expect(summary.errors).toEqual([]);
    expect(summary.choices[0]!.toolCalls.map((call) => [call.name, call.args])).toEqual(expected);
    expect(ofType(parts, 'tool-call-start').map((part) => part.index)).toEqual(expected.map((_, index) => index));
    expect(ofType(parts, 'tool-call-start')[0]!.signature).toBeDefined();
    expect(summary.choices[0]!.finishUnified).toBe('tool-calls');
  });

  it('google-vertex-stream-tool-call-arguments-nested: deep paths and string fragments', () => {
    const file = `${VERCEL_GOOGLE_DIR}/google-vertex-stream-tool-call-arguments-nested.1.chunks.txt`;
    const [call] = summarizeStream(decodeRecordedStream(streamOf(loadVercelFixture(file).interactions[0]))).choices[0]!
      .toolCalls;
    const recipe = (call!.args as { recipe: { name: string; ingredients: unknown[]; steps: string[] } }).recipe;
    expect(call!.name).toBe('cookRecipe');
    expect(recipe.name).toBe('Lasagna');
    expect(recipe.ingredients).toHaveLength(10);
    expect(recipe.ingredients[9]).toEqual({ amount: '1/2 tsp', name: 'Pepper' });
    expect(recipe.steps).toHaveLength(10);
    expect(recipe.steps[1]).toBe('Cook lasagna noodles according to package directions, drain and set aside.');
    expect(recipe.steps[4]).toBe('In a 9x13 baking dish, spread a thin layer of meat sauce.');
  });

  it('js-genai partial function calling (Vertex): arguments from partialArgs', () => {
    const file = `${JS_GENAI_DIR}/Client_Tests_generateContentStream_partial_function_calling_Vertex_AI_should_stream_generate_content_enabled_streamFunctionCallArguments.json`;
    const summary = summarizeStream(decodeRecordedStream(streamOf(loadJsGenaiRecording(file).interactions[0])));
    expect(summary.choices[0]!.toolCalls.map((call) => [call.name, call.args])).toEqual([
      [
        'getCurrentWeather',
        { country: 'USA', location: 'NewYorkCity', purpose: 'to know what to wear today', unit: 'C' },
      ],
    ]);
  });

  it('simonw gemini 3: the JSON-array stream framing decodes when pushed as one event', () => {
    const cassette = loadSimonwCassette(`${SIMONW_GEMINI_DIR}/test_tools_with_gemini_3_thought_signatures.yaml`);
    const chunks = streamOf(cassette.interactions[0]);
    const decoder = geminiProvider.createStreamDecoder(replayContext('gemini-3-flash-preview'));
    const parts = [...decoder.push({ data: `[${chunks.join(',\r\n')}]` }), ...decoder.end()];
    const summary = summarizeStream(parts);
    expect(summary.choices[0]!.toolCalls).toMatchObject([{ name: 'multiply', args: { x: 5, y: 3 } }]);
    expect(summary.choices[0]!.toolCalls[0]!.signature).toMatch(/^Et0BCtoBAXLI2nwMB4mo/);
    expect(summary.choices[0]!.finishUnified).toBe('tool-calls');
  });

  it('an empty 200 stream (recorded with Content-Length: 0) ends with an error part', () => {
    const file = `${JS_GENAI_DIR}/Client_Tests_generateContentStream_ML_Dev_should_return_the_headers_in_the_sdkHttpResponse_for_each_chunk.json`;
    const parts = decodeRecordedStream(streamOf(loadJsGenaiRecording(file).interactions[0]));
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({
      type: 'error',
      error: { kind: 'upstream_error', message: 'upstream stream ended prematurely' },
    });
  });

  it('a stream cut after its first recorded chunk ends with an error part, after the content', () => {
    const cassette = loadPydanticCassette(
      `${PYDANTIC_GOOGLE_DIR}/test_google_streaming_tool_call_thought_signature.yaml`,
    );
    const parts = decodeRecordedStream(streamOf(cassette.interactions[1]).slice(0, 1));
    expect(ofType(parts, 'text-delta').map((part) => part.delta)).toEqual(['The capital of Mexico']);
    expect(parts.at(-1)!.type).toBe('error');
    expect(ofType(parts, 'finish')).toEqual([]);
  });
});
