/**
 * Recorded non-streaming Chat Completions bodies (OpenAI, Azure, DeepSeek, Groq, Mistral, xAI,
 * Moonshot, Alibaba, Cerebras, Perplexity, OpenRouter, Gemini's compat layer) through decodeResponse,
 * then the recorded error answers through decodeError.
 */
import { expect, it } from 'vitest';
import type { ChatResult, ReasoningPart, ToolCallPart } from '../../../src/ir/index.js';
import { openaiProvider } from '../../../src/providers/openai/index.js';
import type { CompatQuirks } from '../../../src/providers/provider.js';
import {
  cassetteHeaders,
  catalogRows,
  compatFor,
  describeReplay,
  fixturesAvailable,
  isChatCompletions,
  listFixtures,
  loadCassette,
  readFixture,
  replayContext,
} from './fixtures.js';
import { expectFromBody } from './reference.js';
import { PYDANTIC_CHAT_CASSETTE_DIRS } from './stream-sources.js';

interface BodyRecording {
  name: string;
  body: Record<string, any>;
  compat?: CompatQuirks;
}

function bodyRecordings(): BodyRecording[] {
  // Loaded when the file loads, so without ../shared there is nothing to read: the suite skips.
  if (!fixturesAvailable) return [];
  const files = [
    ...catalogRows()
      .filter(
        (row) =>
          row.file.startsWith('vercel-ai/') &&
          row.api === 'chat' &&
          row.mode === 'json' &&
          !row.file.includes('/completion/'),
      )
      .map((row) => ({ file: row.file, vendor: row.provider })),
    ...listFixtures('openai-node/tests/lib/__snapshots__/extracted', '.json').map((file) => ({
      file,
      vendor: 'openai',
    })),
    {
      file: 'litellm/tests/integration/translation/chat_completions/bases/openrouter_claude_reasoning_response.json',
      vendor: 'openrouter',
    },
    {
      file: 'litellm/tests/test_litellm/integrations/rubrik_test_sample_data/openai_multiple_tool_call_response.json',
      vendor: 'azure',
    },
  ];
  const recordings: BodyRecording[] = files.map(({ file, vendor }) => ({
    name: file,
    body: JSON.parse(readFixture(file)),
    compat: compatFor(vendor),
  }));
  for (const directory of [
    ...PYDANTIC_CHAT_CASSETTE_DIRS,
    'pydantic-ai/tests/models/cassettes/test_tool_choice_matrix',
  ]) {
    for (const file of listFixtures(directory, '.yaml')) {
      loadCassette(file).forEach((interaction, position) => {
        const body = interaction.response.parsed_body as Record<string, any> | undefined;
        if (
          !isChatCompletions(interaction) ||
          interaction.response.status.code !== 200 ||
          !Array.isArray(body?.choices)
        )
          return;
        recordings.push({ name: `${file} [${position}]`, body, compat: compatFor(interaction.request.uri) });
      });
    }
  }
  return recordings;
}

const texts = (result: ChatResult, kind: 'text' | 'refusal') =>
  result.choices[0].content.flatMap((part) => (part.type === kind ? [part.text] : [])).join('');
const reasoningOf = (result: ChatResult) =>
  result.choices[0].content.filter((part): part is ReasoningPart => part.type === 'reasoning');
const callsOf = (result: ChatResult) =>
  result.choices[0].content.filter((part): part is ToolCallPart => part.type === 'tool-call');
const decode = (recording: BodyRecording) =>
  openaiProvider.decodeResponse(recording.body, replayContext(recording.compat));

const recordings = bodyRecordings();
const byName = (suffix: string): BodyRecording => {
  const found = recordings.find((recording) => recording.name.endsWith(suffix));
  if (!found) throw new Error(`recording ${suffix} not found`);
  return found;
};

describeReplay('OpenAI response decoder replays recorded bodies', () => {
  it('covers the recorded bodies', () => {
    expect(recordings.length).toBeGreaterThanOrEqual(100);
  });

  it.each(recordings.map((recording) => [recording.name, recording] as const))('%s', (_name, recording) => {
    const expected = expectFromBody(recording.body);
    const result = decode(recording);
    expect(result.id).toBe(recording.body.id || undefined);
    expect(result.choices).toHaveLength(expected.choices.length);
    result.choices.forEach((choice, position) => {
      const want = expected.choices[position];
      const of = (type: string) =>
        choice.content.flatMap((part) => (part.type === type && 'text' in part ? [part.text] : [])).join('');
      expect(of('text')).toBe(want.text);
      expect(of('reasoning')).toBe(want.reasoning);
      expect(of('refusal')).toBe(want.refusal);
      const calls = choice.content.filter((part): part is ToolCallPart => part.type === 'tool-call');
      expect(calls.map((call) => [call.name, call.arguments])).toEqual(
        want.toolCalls.map((call) => [call.name, call.arguments]),
      );
      calls.forEach((call, index) => {
        expect(call.id).toBe(want.toolCalls[index].id ?? call.id);
      });
      expect(choice.finishReason.raw).toBe(want.finishRaw);
      // Reasoning comes first in an assistant message.
      const kinds = choice.content.map((part) => part.type);
      const firstOther = kinds.findIndex((kind) => kind !== 'reasoning');
      if (firstOther >= 0) expect(kinds.slice(firstOther)).not.toContain('reasoning');
    });
    if (expected.usage) {
      expect(result.usage?.raw).toEqual(expected.usage);
      expect(result.usage?.inputTokens.total).toBe(expected.usage.prompt_tokens);
      expect(result.usage?.outputTokens.total).toBeGreaterThanOrEqual(expected.usage.completion_tokens);
    }
  });

  it('OpenRouter (Claude via Bedrock): reasoning_details text and signature become one reasoning part', () => {
    const result = decode(byName('openrouter_claude_reasoning_response.json'));
    const [reasoning] = reasoningOf(result);
    expect(reasoningOf(result)).toHaveLength(1);
    expect(reasoning.text).toMatch(/^The user has just said "Hello world"/);
    expect(reasoning.signature).toMatch(/^EpQDCkgIEhABGAIqQAVfsNK\+/);
    expect(texts(result, 'text')).toBe(
      'Hello! Nice to meet you. How are you doing today? Is there anything I can help you with?',
    );
    expect(result.usage?.outputTokens).toEqual({ total: 81, text: 22, reasoning: 59 });
    expect(result.usage?.inputTokens).toEqual({ total: 38, noCache: 38, cacheRead: 0, cacheWrite: 0 });
  });

  it('Azure gpt-4.1: two parallel tool calls in order', () => {
    const result = decode(byName('openai_multiple_tool_call_response.json'));
    expect(callsOf(result).map((call) => [call.id, call.name, call.arguments])).toEqual([
      ['call_2r8NvJXa0g24B7Ah2joKbQXP', 'delete_table', '{"table": "foo"}'],
      ['call_V4O5zj8z4KgPdFdEhGpOtCC5', 'delete_table', '{"table": "bar"}'],
    ]);
    expect(result.choices[0].finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    expect(result.systemFingerprint).toBe('fp_b9041e10b4');
  });

  it('Gemini compat: tool calls with an empty id get a generated one', () => {
    const result = decode(byName('test_compatible_api_with_tool_calls_without_id.yaml [0]'));
    expect(callsOf(result)).toEqual([
      { type: 'tool-call', id: 'call_generated1', name: 'get_current_time', arguments: '{}' },
    ]);
    // total_tokens 109 = 35 prompt + 12 completion + 62 thinking tokens the compat layer does not name.
    expect(result.usage?.outputTokens).toEqual({ total: 74, text: 12, reasoning: 62 });
  });

  it('DeepSeek reasoner: reasoning_content before the tool call, cache hits', () => {
    const result = decode(byName('deepseek-tool-call.json'));
    expect(result.choices[0].content.map((part) => part.type)).toEqual(['reasoning', 'tool-call']);
    expect(result.usage?.inputTokens).toEqual({ total: 339, noCache: 19, cacheRead: 320, cacheWrite: undefined });
    expect(result.usage?.outputTokens).toEqual({ total: 92, text: 44, reasoning: 48 });
  });

  it('Mistral magistral: content array with thinking and text parts', () => {
    const result = decode(byName('mistral/src/__fixtures__/mistral-reasoning.json'));
    expect(result.choices[0].content).toEqual([
      { type: 'reasoning', text: 'The user is asking for 2+2. This is basic arithmetic. 2+2=4.' },
      { type: 'text', text: '2 + 2 = 4' },
    ]);
  });
});

describeReplay('OpenAI error decoder replays recorded errors', () => {
  const errorOf = (file: string, position = 0) => {
    const interaction = loadCassette(`pydantic-ai/tests/models/cassettes/${file}`)[position];
    return openaiProvider.decodeError(
      interaction.response.status.code,
      cassetteHeaders(interaction),
      JSON.stringify(interaction.response.parsed_body),
    );
  };

  it('OpenAI 400 unsupported developer role keeps param and code', () => {
    expect(errorOf('test_openai/test_openai_o1_mini_system_role[developer].yaml')).toMatchObject({
      kind: 'invalid_request',
      status: 400,
      param: 'messages[0].role',
      code: 'unsupported_value',
      upstreamStatus: 400,
      upstreamType: 'invalid_request_error',
      message: "Unsupported value: 'messages[0].role' does not support 'developer' with this model.",
    });
  });

  it('OpenAI 400 with code null', () => {
    expect(errorOf('test_openai/test_openai_web_search_tool_model_not_supported.yaml')).toMatchObject({
      kind: 'invalid_request',
      code: null,
      param: 'web_search_options',
    });
  });

  it('Groq 404 model_not_found', () => {
    expect(errorOf('test_groq/test_tool_regular_error.yaml')).toMatchObject({
      kind: 'not_found',
      status: 404,
      code: 'model_not_found',
      retryable: false,
    });
  });

  it('Groq 400 tool_use_failed', () => {
    expect(errorOf('test_groq/test_tool_use_failed_error.yaml')).toMatchObject({
      kind: 'invalid_request',
      code: 'tool_use_failed',
    });
  });

  it("OpenRouter 429 with a numeric code and the provider's text in metadata.raw", () => {
    const error = errorOf('test_openrouter/test_openrouter_errors_raised.yaml');
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryable: true, code: null });
    expect(error.message).toMatch(
      /^Provider returned error: google\/gemini-2.0-flash-exp:free is temporarily rate-limited upstream/,
    );
  });
});
