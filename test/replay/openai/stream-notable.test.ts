/** The notable streams of fixtures-raw/INDEX.md, with the values read from the recordings by hand. */
import { expect, it } from 'vitest';
import type { CompatQuirks } from '../../../src/providers/provider.js';
import { type Collected, decodeEvents } from './collect.js';
import {
  chunkLineEvents,
  compatFor,
  describeReplay,
  loadCassette,
  readFixture,
  replayContext,
  sseEvents,
} from './fixtures.js';

const PY = 'openai-python/inline-snapshot-external/';
const PAI = 'pydantic-ai/tests/models/cassettes/';
const V = 'vercel-ai/';

function decodeSse(file: string, compat?: CompatQuirks): Collected {
  return decodeEvents(sseEvents(readFixture(file)), replayContext(compat));
}
function decodeChunks(file: string, compat?: CompatQuirks): Collected {
  return decodeEvents(chunkLineEvents(readFixture(file)), replayContext(compat));
}
function decodeCassette(file: string, interaction: number): Collected {
  const recorded = loadCassette(file)[interaction];
  return decodeEvents(sseEvents(recorded.response.body?.string ?? ''), replayContext(compatFor(recorded.request.uri)));
}
const choice0 = (collected: Collected) => collected.choices.get(0);

describeReplay('notable recorded streams', () => {
  it('OpenAI gpt-4o: two parallel tool calls keyed by index, then a usage-only chunk', () => {
    const decoded = decodeSse(`${PY}test_parse_multiple_pydantic_tools__f82268f2fefd.sse`);
    expect(choice0(decoded)?.toolCalls).toEqual([
      {
        index: 0,
        id: 'call_JMW1whyEaYG438VE1OIflxA2',
        name: 'GetWeatherArgs',
        arguments: '{"city": "Edinburgh", "country": "GB", "units": "c"}',
        ended: true,
      },
      {
        index: 1,
        id: 'call_DNYTawLBoN8fj3KN6qU9N1Ou',
        name: 'get_stock_price',
        arguments: '{"ticker": "AAPL", "exchange": "NASDAQ"}',
        ended: true,
      },
    ]);
    expect(choice0(decoded)?.finish).toEqual({ unified: 'tool-calls', raw: 'tool_calls' });
    expect(decoded.usage?.inputTokens).toEqual({
      total: 149,
      noCache: 149,
      cacheRead: undefined,
      cacheWrite: undefined,
    });
    expect(decoded.usage?.outputTokens).toEqual({ total: 60, text: 60, reasoning: 0 });
    expect(decoded.metadata[0]).toMatchObject({
      id: 'chatcmpl-ABfwAwrNePHUgBBezonVC6MX3zd63',
      model: 'gpt-4o-2024-08-06',
      systemFingerprint: 'fp_5050236cbd',
    });
  });

  it('OpenAI n=3: interleaved choices stay apart and each finishes', () => {
    const decoded = decodeSse(`${PY}test_parse_pydantic_model_multiple_choices__a491adda08c3.sse`);
    expect([0, 1, 2].map((index) => decoded.choices.get(index)?.text)).toEqual([
      '{"city":"San Francisco","temperature":65,"units":"f"}',
      '{"city":"San Francisco","temperature":61,"units":"f"}',
      '{"city":"San Francisco","temperature":59,"units":"f"}',
    ]);
    expect([0, 1, 2].map((index) => decoded.choices.get(index)?.finish?.unified)).toEqual(['stop', 'stop', 'stop']);
    const order = decoded.parts.flatMap((part) => (part.type === 'text-delta' ? [part.choice] : []));
    expect(order.slice(0, 4)).toEqual([0, 1, 2, 0]);
  });

  it('OpenAI refusal with logprobs: refusal deltas, logprobs passed through', () => {
    const decoded = decodeSse(`${PY}test_refusal_logprobs_events__569c877e6942.sse`);
    expect(choice0(decoded)?.refusal).toBe("I'm very sorry, but I can't assist with that.");
    expect(choice0(decoded)?.text).toBe('');
    expect(choice0(decoded)?.logprobs).toBeGreaterThan(5);
    expect(choice0(decoded)?.finish?.unified).toBe('stop');
  });

  it('OpenAI max tokens reached: finish_reason length', () => {
    const decoded = decodeSse(`${PY}test_parse_max_tokens_reached__4cc50a6135d2.sse`);
    expect(choice0(decoded)?.text).toBe('{"');
    expect(choice0(decoded)?.finish).toEqual({ unified: 'length', raw: 'length' });
    expect(decoded.usage?.outputTokens.total).toBe(1);
  });

  it('pydantic-ai agent loop (gpt-4o-mini): tool call, then the answer after the tool result', () => {
    const first = decodeCassette(`${PAI}test_openai/test_run_stream_sync_streams_real_model.yaml`, 0);
    expect(choice0(first)?.toolCalls).toEqual([
      {
        index: 0,
        id: 'call_ZR5UUuTt3pf61kjwAJIYdVMj',
        name: 'get_capital',
        arguments: '{"country":"UK"}',
        ended: true,
      },
    ]);
    expect(first.metadata[0].serviceTier).toBe('default');
    const second = decodeCassette(`${PAI}test_openai/test_run_stream_sync_streams_real_model.yaml`, 1);
    expect(choice0(second)?.text).toBe('The capital of the UK is London.');
    expect(second.usage?.inputTokens.total).toBe(78);
  });

  it('DeepSeek reasoner: reasoning_content, tool call, cache hit and reasoning tokens', () => {
    const decoded = decodeChunks(
      `${V}deepseek/src/chat/__fixtures__/deepseek-tool-call.chunks.txt`,
      compatFor('deepseek'),
    );
    expect(choice0(decoded)?.reasoning).toMatch(/^The user is asking for the weather in San Francisco\./);
    expect(choice0(decoded)?.toolCalls[0]).toMatchObject({
      id: 'call_00_ioIn7yN9p1ZOMNpDLwd4MgAF',
      name: 'weather',
      arguments: '{"location": "San Francisco"}',
    });
    expect(decoded.usage?.inputTokens).toEqual({ total: 339, noCache: 19, cacheRead: 320, cacheWrite: undefined });
    expect(decoded.usage?.outputTokens).toEqual({ total: 83, text: 44, reasoning: 39 });
  });

  it('xAI grok-3-mini: whole tool call in one delta, reasoning counted outside completion_tokens', () => {
    const decoded = decodeChunks(`${V}xai/src/__fixtures__/xai-tool-call.chunks.txt`, compatFor('xai'));
    expect(choice0(decoded)?.reasoning).toBe('First, the user is');
    expect(choice0(decoded)?.toolCalls).toEqual([
      { index: 0, id: 'call_55117580', name: 'weather', arguments: '{"location":"San Francisco"}', ended: true },
    ]);
    expect(decoded.usage?.inputTokens).toEqual({ total: 291, noCache: 1, cacheRead: 290, cacheWrite: undefined });
    expect(decoded.usage?.outputTokens).toEqual({ total: 222, text: 26, reasoning: 196 });
  });

  it('Mistral magistral: thinking chunks inside content arrays become reasoning', () => {
    const decoded = decodeChunks(`${V}mistral/src/__fixtures__/mistral-reasoning.chunks.txt`, compatFor('mistral'));
    expect(choice0(decoded)?.reasoning).toBe('The user is asking for 2+2. This is basic arithmetic. 2+2=4.');
    expect(choice0(decoded)?.text).toBe('2 + 2 = 4');
    expect(decoded.usage?.outputTokens.total).toBe(46);
  });

  it('Mistral: a tool call without index, finished and billed in the same chunk', () => {
    const decoded = decodeChunks(`${V}mistral/src/__fixtures__/mistral-tool-call.chunks.txt`, compatFor('mistral'));
    expect(choice0(decoded)?.toolCalls).toEqual([
      { index: 0, id: 'gSIMJiOkT', name: 'weather', arguments: '{"location": "San Francisco"}', ended: true },
    ]);
    const types = decoded.parts.map((part) => part.type);
    expect(types.slice(-3)).toEqual(['tool-call-end', 'finish', 'usage']);
  });

  it('Groq qwen3: `reasoning` field and usage from the final x_groq chunk', () => {
    const decoded = decodeChunks(`${V}groq/src/__fixtures__/groq-reasoning.chunks.txt`, compatFor('groq'));
    expect(choice0(decoded)?.reasoning.startsWith('Okay')).toBe(true);
    expect(decoded.usage?.outputTokens).toEqual({ total: 1107, text: 144, reasoning: 963 });
  });

  it('Groq: an `event: error` after HTTP 200 becomes an error part with the vendor code', () => {
    const decoded = decodeCassette(`${PAI}test_groq/test_tool_use_failed_error_streaming.yaml`, 0);
    expect(decoded.errors).toHaveLength(1);
    expect(decoded.errors[0]).toMatchObject({ kind: 'invalid_request', code: 'tool_use_failed', upstreamStatus: 400 });
    expect(choice0(decoded)?.reasoning.length).toBeGreaterThan(10);
  });

  it('OpenRouter (Claude): reasoning once despite reasoning + reasoning_details, signature kept', () => {
    const decoded = decodeCassette(`${PAI}test_openrouter/test_openrouter_streaming_reasoning.yaml`, 0);
    expect(choice0(decoded)?.reasoning).toBe('This is a simple arithmetic question. 2+2 equals 4.');
    expect(choice0(decoded)?.signatures).toHaveLength(1);
    expect(choice0(decoded)?.signatures[0]).toMatch(
      /^Et0BCkgIChACGAIqQA2s7h7tA7IG35fbwVkou9PM2hANVJNUwcEM4q12fTRDK6y3v6YoEvJ.*YAQ==$/,
    );
    expect(choice0(decoded)?.text).toBe('2 + 2 = 4');
    expect(decoded.usage?.outputTokens).toEqual({ total: 36, text: 23, reasoning: 13 });
  });

  it('OpenRouter mid-stream error: one finish, the usage, then the error; [DONE] after it is ignored', () => {
    const decoded = decodeCassette(`${PAI}test_openrouter/test_openrouter_stream_error.yaml`, 0);
    expect(choice0(decoded)?.finish).toEqual({ unified: 'length', raw: 'length' });
    expect(decoded.parts.slice(-2).map((part) => part.type)).toEqual(['usage', 'error']);
    expect(decoded.errors[0]).toMatchObject({
      kind: 'invalid_request',
      message: 'Token limit reached',
      upstreamStatus: 400,
    });
    expect(decoded.usage?.outputTokens).toEqual({ total: 10, text: 0, reasoning: 10 });
  });

  it('Azure: metadata comes from the first chunk that names the response', () => {
    const decoded = decodeChunks(`${V}openai/src/chat/__fixtures__/azure-model-router.1.chunks.txt`);
    expect(decoded.metadata).toEqual([
      {
        type: 'response-metadata',
        id: 'chatcmpl-CYPS1lijGoK8gd9lYzY3r9Sx50nbt',
        model: 'gpt-5-nano-2025-08-07',
        created: 1762317021,
      },
    ]);
  });

  it('Anthropic through a compat layer: vendor tool index 1 is the first call', () => {
    const decoded = decodeSse(`${V}openai-compatible/src/chat/__fixtures__/anthropic-fallback-tool-call.sse`);
    expect(choice0(decoded)?.text).toBe('Reading it.');
    expect(choice0(decoded)?.toolCalls).toEqual([
      { index: 0, id: 'toolu_sanitized', name: 'read_file', arguments: '{"path": "a.txt"}', ended: true },
    ]);
  });

  it('Alibaba qwen: later deltas repeat `id: ""`, still one call', () => {
    const decoded = decodeChunks(`${V}alibaba/src/__fixtures__/alibaba-tool-call.chunks.txt`, compatFor('alibaba'));
    expect(choice0(decoded)?.toolCalls).toEqual([
      {
        index: 0,
        id: 'call_eee11723464a4b9eb8cee71d',
        name: 'weather',
        arguments: '{"location": "San Francisco"}',
        ended: true,
      },
    ]);
  });
});
