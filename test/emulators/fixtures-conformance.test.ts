/**
 * Checks the emulators' wire formats against real recorded traffic in ../shared/fixtures-raw
 * (read in place, never copied): framing, event grammar and the set of fields.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { describeWithFixtures, FIXTURES_ROOT } from '../shared-fixtures.js';
import { type Emulator, startAnthropicEmulator, startGeminiEmulator, startOpenAIEmulator } from './index.js';
import { anthropicHeaders, geminiHeaders, openaiHeaders, parseSse, post, weatherToolOpenAI } from './test-helpers.js';
import type { Json } from './types.js';

const fixture = (relative: string) => readFileSync(path.join(FIXTURES_ROOT, relative), 'utf8');

/** Every key path in a value (`choices[].delta.content`), objects included as paths themselves. */
function paths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const v of value) paths(v, `${prefix}[]`, out);
  } else if (value && typeof value === 'object') {
    if (prefix) out.add(prefix);
    for (const [k, v] of Object.entries(value)) paths(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) out.add(prefix);
  return out;
}

function union(values: unknown[]): Set<string> {
  const out = new Set<string>();
  for (const v of values) paths(v, '', out);
  return out;
}

function missing(real: Set<string>, ours: Set<string>, ignore: RegExp = /^$/): string[] {
  return [...real].filter((p) => !ours.has(p) && !ignore.test(p));
}

/** Event names with runs of content_block_delta collapsed. */
function grammar(names: string[]): string[] {
  return names.filter((n, i) => !(n === 'content_block_delta' && names[i - 1] === 'content_block_delta'));
}

describeWithFixtures('wire formats match the real recordings', () => {
  let openai: Emulator;
  let anthropic: Emulator;
  let gemini: Emulator;
  beforeAll(async () => {
    [openai, anthropic, gemini] = await Promise.all([
      startOpenAIEmulator(),
      startAnthropicEmulator(),
      startGeminiEmulator(),
    ]);
  });
  afterAll(() => Promise.all([openai.close(), anthropic.close(), gemini.close()]));

  it('OpenAI tool-call stream: framing and fields of the recorded parallel tool_calls stream', async () => {
    const realText = fixture(
      'openai-python/inline-snapshot-external/test_parse_multiple_pydantic_tools__f82268f2fefd.sse',
    );
    const body = {
      model: 'gpt-4o',
      stream: true,
      stream_options: { include_usage: true },
      tools: [weatherToolOpenAI],
      messages: [{ role: 'user', content: 'weather, parallel' }],
    };
    const ours = (await post(`${openai.url}/chat/completions`, body, openaiHeaders)).text;
    for (const text of [realText, ours]) {
      expect(text.endsWith('data: [DONE]\n\n')).toBe(true);
      expect(text.split('\n\n').every((f) => f === '' || f.startsWith('data: '))).toBe(true);
    }
    const parse = (t: string) =>
      parseSse(t)
        .filter((e) => e.data !== '[DONE]')
        .map((e) => JSON.parse(e.data));
    expect(missing(union(parse(realText)), union(parse(ours)))).toEqual([]);
    const realCalls = parse(realText).filter((c) => c.choices[0]?.delta.tool_calls);
    const ourCalls = parse(ours).filter((c) => c.choices[0]?.delta.tool_calls);
    expect(Object.keys(ourCalls[0].choices[0].delta.tool_calls[0]).sort()).toEqual(
      Object.keys(realCalls[0].choices[0].delta.tool_calls[0]).sort(),
    );
    expect(Object.keys(ourCalls[1].choices[0].delta.tool_calls[0]).sort()).toEqual(
      Object.keys(realCalls[1].choices[0].delta.tool_calls[0]).sort(),
    );
  });

  it('OpenAI text stream and JSON body: fields of the 2026 gpt-4.1-nano recordings', async () => {
    const realChunks = fixture('vercel-ai/openai/src/chat/__fixtures__/openai-text.chunks.txt')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const body = {
      model: 'gpt-4.1-nano',
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'x' }],
    };
    const ours = parseSse((await post(`${openai.url}/chat/completions`, body, openaiHeaders)).text)
      .filter((e) => e.data !== '[DONE]')
      .map((e) => JSON.parse(e.data));
    expect(missing(union(realChunks), union(ours))).toEqual([]);
    const realJson = JSON.parse(fixture('vercel-ai/openai/src/chat/__fixtures__/openai-text.json'));
    const ourJson = JSON.parse(
      (await post(`${openai.url}/chat/completions`, { ...body, stream: false }, openaiHeaders)).text,
    );
    expect(missing(paths(realJson), paths(ourJson))).toEqual([]);
  });

  it('Anthropic tool_use stream: raw framing, event grammar and fields', async () => {
    // the stored file lacks the final blank line that terminates the last event
    const realText = `${fixture('anthropic-sdk-python/tests/lib/streaming/fixtures/tool_use_response.txt').trimEnd()}\n\n`;
    const real = parseSse(realText);
    const tools = [
      { name: 'get_weather', input_schema: { type: 'object', properties: { location: { type: 'string' } } } },
    ];
    anthropic.enqueue({ text: "I'll check the current weather in Paris for you.", toolCalls: true });
    const body = {
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      stream: true,
      tools,
      messages: [{ role: 'user', content: 'Paris' }],
    };
    const ourText = (await post(`${anthropic.url}/v1/messages`, body, anthropicHeaders)).text;
    const ours = parseSse(ourText);
    expect(grammar(ours.map((e) => e.event ?? ''))).toEqual(grammar(real.map((e) => e.event ?? '')));
    for (const e of ours) expect(JSON.parse(e.data).type).toBe(e.event);
    expect(ourText.split('\n\n').every((f) => f === '' || /^event: \w+\ndata: \{.*\}$/.test(f))).toBe(true);
    const fields = (events: typeof ours) => union(events.map((e) => JSON.parse(e.data)));
    expect(missing(fields(real), fields(ours))).toEqual([]);
  });

  it('Anthropic thinking stream: grammar and fields of the recorded thinking + text stream', async () => {
    const cassette = parseYaml(
      fixture('pydantic-ai/tests/models/cassettes/test_anthropic/test_anthropic_model_thinking_part_stream.yaml'),
    );
    const interaction = cassette.interactions[0];
    const real = parseSse(interaction.response.body.string);
    const ourText = (await post(`${anthropic.url}/v1/messages`, interaction.request.parsed_body, anthropicHeaders))
      .text;
    const ours = parseSse(ourText);
    expect(grammar(ours.map((e) => e.event ?? ''))).toEqual(grammar(real.map((e) => e.event ?? '')));
    const fields = (events: typeof ours) => union(events.map((e) => JSON.parse(e.data)));
    expect(missing(fields(real), fields(ours))).toEqual([]);
    // the recording ends thinking with an empty thinking_delta, then signature_delta
    const deltas = ours.map((e) => JSON.parse(e.data).delta).filter((d) => d && d.type !== 'text_delta');
    expect(deltas.slice(-3).map((d) => d.type ?? 'message_delta')).toEqual([
      'thinking_delta',
      'signature_delta',
      'message_delta',
    ]);
    expect(deltas.at(-3).thinking).toBe('');
  });

  it('Anthropic JSON message: fields of recorded messages', async () => {
    const realText = JSON.parse(fixture('vercel-ai/anthropic/src/__fixtures__/anthropic-text.json'));
    const realTools = JSON.parse(
      fixture(
        'litellm/tests/test_litellm/integrations/rubrik_test_sample_data/anthropic_multiple_tool_call_response.json',
      ),
    );
    const text = JSON.parse(
      (
        await post(
          `${anthropic.url}/v1/messages`,
          { model: 'm', max_tokens: 99, messages: [{ role: 'user', content: 'x' }] },
          anthropicHeaders,
        )
      ).text,
    );
    expect(missing(paths(realText), paths(text))).toEqual([]);
    anthropic.enqueue({ text: 'Both cities.', parallel: true, toolCalls: true });
    const tools = [
      { name: 'get_weather', input_schema: { type: 'object', properties: { location: { type: 'string' } } } },
    ];
    const calls = JSON.parse(
      (
        await post(
          `${anthropic.url}/v1/messages`,
          { model: 'm', max_tokens: 99, tools, messages: [{ role: 'user', content: 'x' }] },
          anthropicHeaders,
        )
      ).text,
    );
    expect(missing(paths(realTools), paths(calls))).toEqual([]);
    expect(calls.content.map((b: Json) => b.type)).toEqual(realTools.content.map((b: Json) => b.type));
  });

  it('Gemini 3 function-call stream: CRLF framing, Google JSON spacing and fields', async () => {
    const cassette = parseYaml(
      fixture('pydantic-ai/tests/models/cassettes/test_google/test_google_streaming_tool_call_thought_signature.yaml'),
    );
    const interaction = cassette.interactions[0];
    const realText: string = interaction.response.body.string;
    const model = /models\/([^:]+):/.exec(interaction.request.uri)?.[1] ?? '';
    gemini.enqueue({ toolCalls: [{ name: 'get_country', arguments: {} }] });
    const url = `${gemini.url}/v1beta/models/${model}:streamGenerateContent?alt=sse`;
    const ourText = (await post(url, interaction.request.parsed_body, geminiHeaders)).text;
    for (const text of [realText, ourText]) {
      expect(text.endsWith('\r\n\r\n')).toBe(true);
      expect(
        text.split('\r\n\r\n').every((f) => f === '' || f.startsWith('data: {"candidates": [{"content": {"parts": [{')),
      ).toBe(true);
    }
    const parse = (t: string) => parseSse(t).map((e) => JSON.parse(e.data));
    const real = parse(realText);
    const ours = parse(ourText);
    expect(ours).toHaveLength(real.length);
    expect(missing(union(real), union(ours))).toEqual([]);
    expect(ours[0].candidates[0].content.parts[0]).toEqual({
      functionCall: { name: 'get_country', args: {} },
      thoughtSignature: expect.any(String),
    });
    expect(ours[1].candidates[0]).toMatchObject({
      content: { parts: [{ text: '' }], role: 'model' },
      finishReason: 'STOP',
    });
  });

  it('Gemini 2.5 thought stream: fields of the recorded includeThoughts stream', async () => {
    const cassette = parseYaml(
      fixture('pydantic-ai/tests/models/cassettes/test_google/test_google_model_thinking_part_iter.yaml'),
    );
    const interaction = cassette.interactions[0];
    const real = parseSse(interaction.response.body.string).map((e) => JSON.parse(e.data));
    const url = `${gemini.url}/v1beta/models/gemini-2.5-pro:streamGenerateContent?alt=sse`;
    const ours = parseSse((await post(url, interaction.request.parsed_body, geminiHeaders)).text).map((e) =>
      JSON.parse(e.data),
    );
    expect(missing(union(real), union(ours))).toEqual([]);
    const firstAnswer = (chunks: Json[]) => chunks.map((c) => c.candidates[0].content.parts[0]).find((p) => !p.thought);
    expect(Object.keys(firstAnswer(ours)).sort()).toEqual(Object.keys(firstAnswer(real)).sort());
  });

  it('Gemini 429 body has the recorded RESOURCE_EXHAUSTED + RetryInfo shape', async () => {
    const real = JSON.parse(fixture('vercel-ai/google/src/__fixtures__/google-429-retry-info.json'));
    gemini.enqueue({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 34.4 } });
    const res = await post(
      `${gemini.url}/v1beta/models/gemini-2.0-flash:generateContent`,
      { contents: [{ parts: [{ text: 'x' }] }] },
      geminiHeaders,
    );
    const ours = JSON.parse(res.text);
    expect(missing(paths(real), paths(ours))).toEqual([]);
    expect(ours.error.details.at(-1)).toEqual(real.error.details.at(-1));
  });
});
