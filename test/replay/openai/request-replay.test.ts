/**
 * Request side: each recorded pydantic-ai Chat Completions request (OpenAI, Groq, Mistral, OpenRouter,
 * Cerebras, Gemini compat) is mapped to the IR and encoded again; the encoded body must equal the
 * recorded one after normalising what carries no meaning (null fields, `content: null` beside tool
 * calls, a lone text part as a string, max_tokens vs max_completion_tokens, stream: false).
 */
import { expect, it } from 'vitest';
import { openaiProvider } from '../../../src/providers/openai/index.js';
import type { CompatQuirks } from '../../../src/providers/provider.js';
import { compatFor, describeReplay, isChatCompletions, listFixtures, loadCassette, replayContext } from './fixtures.js';
import { openaiRequestToIR, UnsupportedShape } from './request-to-ir.js';
import { PYDANTIC_CHAT_CASSETTE_DIRS } from './stream-sources.js';

type Json = Record<string, any>;

interface RequestRecording {
  name: string;
  body: Json;
  compat?: CompatQuirks;
}

const DIRECTORIES = [
  ...PYDANTIC_CHAT_CASSETTE_DIRS,
  'pydantic-ai/tests/models/cassettes/test_tool_choice_matrix',
  'pydantic-ai/tests/models/cassettes/test_tool_availability_portability',
  'pydantic-ai/tests/cassettes/test_thinking_wire_contract',
];

function requestRecordings(): RequestRecording[] {
  const recordings: RequestRecording[] = [];
  for (const directory of DIRECTORIES) {
    for (const file of listFixtures(directory, '.yaml')) {
      loadCassette(file).forEach((interaction, position) => {
        const body = interaction.request.parsed_body as Json | undefined;
        if (!isChatCompletions(interaction) || !Array.isArray(body?.messages)) return;
        recordings.push({ name: `${file} [${position}]`, body, compat: compatFor(interaction.request.uri) });
      });
    }
  }
  return recordings;
}

/** Shapes the IR deliberately does not hold; anything else failing to map is a test failure. */
const KNOWN_UNSUPPORTED = [
  /assistant prefix/,
  /user part video_url/,
  /tool type openrouter:/,
  /tool field eager_input_streaming/,
];

function normalizeMessage(message: Json): Json {
  const result: Json = {};
  for (const [key, value] of Object.entries(message)) {
    if (value === null || (key === 'prefix' && value === false)) continue;
    if (key === 'tool_calls' && Array.isArray(value) && value.length === 0) continue;
    result[key] = value;
  }
  const content = result.content;
  if (Array.isArray(content) && content.length === 1 && content[0].type === 'text' && result.role !== 'assistant') {
    result.content = content[0].text;
  }
  // Mistral's client sends assistant text as an array of text chunks, and `[]` beside tool calls.
  if (result.role === 'assistant' && Array.isArray(content) && content.every((part: Json) => part.type === 'text')) {
    result.content = content.map((part: Json) => part.text).join('');
    if (result.content === '' && result.tool_calls) delete result.content;
  }
  if (Array.isArray(result.tool_calls)) {
    result.tool_calls = result.tool_calls.map(({ index: _index, ...call }: Json) => call);
  }
  return result;
}

function normalizeBody(body: Json): Json {
  const result: Json = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === null || (key === 'stream' && value === false)) continue;
    if (key === 'max_completion_tokens' || key === 'max_tokens') result.max_tokens = value;
    else if (key === 'messages') result.messages = (value as Json[]).map(normalizeMessage);
    else if (key === 'tools') result.tools = (value as Json[]).map((tool) => ({ type: 'function', ...tool }));
    else result[key] = value;
  }
  return result;
}

const recordings = requestRecordings();

describeReplay('OpenAI request encoder reproduces recorded requests', () => {
  it('covers the recorded requests', () => {
    expect(recordings.length).toBeGreaterThanOrEqual(120);
  });

  it.each(recordings.map((recording) => [recording.name, recording] as const))('%s', (_name, recording) => {
    let request: ReturnType<typeof openaiRequestToIR>;
    try {
      request = openaiRequestToIR(recording.body);
    } catch (error) {
      if (!(error instanceof UnsupportedShape)) throw error;
      expect(
        KNOWN_UNSUPPORTED.some((pattern) => pattern.test(error.message)),
        error.message,
      ).toBe(true);
      return;
    }
    const context = replayContext(recording.compat);
    context.target.model = recording.body.model;
    const encoded = openaiProvider.encodeRequest(request, context);
    const sent = JSON.parse(encoded.http.body) as Json;
    // The gateway always asks a streaming upstream for usage (billing), whether or not the client did.
    if (sent.stream && recording.body.stream_options === undefined && sent.stream_options !== undefined) {
      expect(sent.stream_options).toEqual({ include_usage: true });
      delete sent.stream_options;
    }

    expect(encoded.droppedParams).toEqual([]);
    expect(encoded.http.url).toBe('https://upstream.test/v1/chat/completions');
    expect(encoded.http.headers.authorization).toBe('Bearer sk-test');
    expect(normalizeBody(sent).messages).toEqual(normalizeBody(recording.body).messages);
    expect(normalizeBody(sent)).toEqual(normalizeBody(recording.body));
  });

  it('maps nearly every recording (unsupported shapes stay rare)', () => {
    const unsupported = recordings.filter((recording) => {
      try {
        openaiRequestToIR(recording.body);
        return false;
      } catch {
        return true;
      }
    });
    // 8 OpenRouter server tools or tool-level extensions and 1 video part (IR gaps, see the report).
    expect(unsupported.length).toBeLessThanOrEqual(9);
  });
});
