/// <reference types="node" />
/**
 * streamChatCompletion against the OpenAI emulator (text, reasoning in both field names, parallel
 * tool calls, usage, in-band errors, HTTP errors, aborts), and against raw SSE split in awkward
 * places. Through a real AIHub with the playground credential: test/e2e/playground-client.e2e.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_API_KEY, startOpenAIEmulator } from '../../../../test/emulators/index.js';
import type { Emulator } from '../../../../test/emulators/types.js';
import {
  ChatCompletionAccumulator,
  ChatStreamError,
  type ChatStreamEvent,
  type ChatStreamOptions,
  type ChatStreamResult,
  isCredentialRejected,
  streamChatCompletion,
  toAssistantMessage,
} from './chat-stream';

async function collect(options: ChatStreamOptions): Promise<{ events: ChatStreamEvent[]; result: ChatStreamResult }> {
  const events: ChatStreamEvent[] = [];
  for await (const event of streamChatCompletion(options)) events.push(event);
  const last = events[events.length - 1];
  if (last?.type !== 'done') throw new Error('the stream did not end with done');
  return { events, result: last.result };
}

const ask = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4.1-mini',
  messages: [{ role: 'user', content }],
  ...extra,
});

const WEATHER_TOOL = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

describe('streamChatCompletion against the emulator', () => {
  let openai: Emulator;
  let deepseek: Emulator;
  let groq: Emulator;

  beforeAll(async () => {
    [openai, deepseek, groq] = await Promise.all([
      startOpenAIEmulator(),
      startOpenAIEmulator({ label: 'DeepSeek', reasoningField: 'reasoning_content' }),
      startOpenAIEmulator({ label: 'Groq', reasoningField: 'reasoning' }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([openai?.close(), deepseek?.close(), groq?.close()]);
  });

  const options = (emulator: Emulator, body: Record<string, unknown>): ChatStreamOptions => ({
    baseUrl: emulator.url,
    apiKey: DEFAULT_API_KEY,
    body,
  });

  it('yields the response headers, text deltas, finish, usage and timings', async () => {
    openai.enqueue({
      chunkCount: 5,
      headersDelayMs: 30,
      chunkDelayMs: 5,
      headers: {
        'x-aihub-model': 'gpt-4.1-mini-2025-04-14',
        'x-aihub-provider': 'openai',
        'x-aihub-attempts': '2',
        'x-aihub-dropped-params': 'seed,user',
        'x-aihub-cache': 'miss',
      },
    });
    const { events, result } = await collect(options(openai, ask('Hi there')));
    expect(events[0]).toEqual({ type: 'response', response: expect.objectContaining({ status: 200 }) });
    expect(result.response).toMatchObject({
      model: 'gpt-4.1-mini-2025-04-14',
      provider: 'openai',
      attempts: 2,
      droppedParams: ['seed', 'user'],
      cache: 'miss',
      requestId: expect.any(String),
    });
    const text = events.flatMap((event) => (event.type === 'content-delta' ? [event.delta] : [])).join('');
    expect(text).toBe('Hello from OpenAI emulator: Hi there');
    expect(events.filter((event) => event.type === 'content-delta').length).toBeGreaterThan(1);
    expect(result.choices[0]).toMatchObject({ content: text, finishReason: 'stop' });
    expect(result.usage).toMatchObject({ promptTokens: expect.any(Number), completionTokens: expect.any(Number) });
    expect(result.usage!.totalTokens).toBe(result.usage!.promptTokens + result.usage!.completionTokens);
    // It asked for usage in the stream.
    expect(openai.requests.at(-1)!.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(result.timing.firstByteMs).toBeGreaterThanOrEqual(25);
    expect(result.timing.firstTokenMs).toBeGreaterThanOrEqual(result.timing.firstByteMs!);
    expect(result.timing.totalMs).toBeGreaterThanOrEqual(result.timing.firstTokenMs!);
    expect(result.stopped).toBe(false);
    expect(result.id).toMatch(/^chatcmpl-/);
  });

  it.each([
    ['reasoning_content', () => deepseek, 'DeepSeek'],
    ['reasoning', () => groq, 'Groq'],
  ])('yields reasoning deltas sent as %s', async (_field, emulator, label) => {
    const { events, result } = await collect(options(emulator(), ask('Think', { reasoning_effort: 'low' })));
    const reasoning = events.flatMap((event) => (event.type === 'reasoning-delta' ? [event.delta] : [])).join('');
    expect(reasoning.length).toBeGreaterThan(0);
    expect(result.choices[0]!.reasoning).toBe(reasoning);
    expect(result.choices[0]!.content).toBe(`Hello from ${label} emulator: Think`);
    const firstReasoning = events.findIndex((event) => event.type === 'reasoning-delta');
    const firstText = events.findIndex((event) => event.type === 'content-delta');
    expect(firstReasoning).toBeLessThan(firstText);
    expect(toAssistantMessage(result.choices[0]!)).toEqual({
      role: 'assistant',
      content: `Hello from ${label} emulator: Think`,
      reasoning_content: reasoning,
    });
  });

  it('accumulates parallel tool calls by index', async () => {
    const { events, result } = await collect(
      options(openai, ask('What is the weather in two places, in parallel?', { tools: [WEATHER_TOOL] })),
    );
    const deltas = events.filter((event) => event.type === 'tool-call-delta');
    expect(deltas.length).toBeGreaterThanOrEqual(2);
    const calls = result.choices[0]!.toolCalls;
    expect(calls.map((call) => call.index)).toEqual([0, 1]);
    for (const call of calls) {
      expect(call).toMatchObject({ id: expect.stringMatching(/^call_/), name: 'get_weather' });
      expect(JSON.parse(call.arguments)).toEqual({ city: expect.any(String) });
    }
    expect(result.choices[0]!.finishReason).toBe('tool_calls');
    expect(toAssistantMessage(result.choices[0]!)).toMatchObject({
      role: 'assistant',
      content: null,
      tool_calls: calls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
      })),
    });
  });

  it('gives the same events for a non-streamed request', async () => {
    const { events, result } = await collect(
      options(openai, ask('What is the weather in Paris?', { stream: false, tools: [WEATHER_TOOL] })),
    );
    expect(openai.requests.at(-1)!.body.stream).toBe(false);
    expect(openai.requests.at(-1)!.body.stream_options).toBeUndefined();
    expect(events.map((event) => event.type)).toEqual(['response', 'tool-call-delta', 'finish', 'usage', 'done']);
    expect(JSON.parse(result.choices[0]!.toolCalls[0]!.arguments)).toEqual({ city: 'Paris' });
  });

  it('reports an in-band error after HTTP 200, and ends', async () => {
    openai.enqueue({ chunkCount: 4, fault: { type: 'in-band-error', afterChunks: 2, message: 'Upstream went away' } });
    const { events, result } = await collect(options(openai, ask('Hello')));
    const error = events.find((event) => event.type === 'error');
    expect(error).toMatchObject({ type: 'error', error: { message: 'Upstream went away' } });
    expect(result.error).toMatchObject({ message: 'Upstream went away' });
    expect(result.choices[0]!.content.length).toBeGreaterThan(0);
  });

  it('throws the OpenAI envelope of a non-2xx answer as a ChatStreamError', async () => {
    openai.enqueue({ fault: { type: 'http-error', status: 429, retryAfterSeconds: 3 } });
    const error = await collect(options(openai, ask('Hello'))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChatStreamError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', retryAfterSeconds: 3 });
    expect((error as ChatStreamError).message.length).toBeGreaterThan(0);
    expect(isCredentialRejected(error)).toBe(false);

    const badKey = await collect({ ...options(openai, ask('Hello')), apiKey: 'sk-wrong' }).catch((caught) => caught);
    expect(badKey).toMatchObject({ status: 401, code: 'invalid_api_key' });
    expect(isCredentialRejected(badKey)).toBe(true);

    const nobody = await collect({ ...options(openai, ask('Hello')), baseUrl: 'http://127.0.0.1:9/v1' }).catch(
      (caught) => caught,
    );
    expect(nobody).toMatchObject({ status: 0, code: 'network_error' });
  });

  it('stops on abort, keeping what arrived, and the upstream request is cancelled', async () => {
    openai.reset();
    openai.enqueue({ chunkCount: 6, fault: { type: 'hang-mid-stream', afterChunks: 3 } });
    const controller = new AbortController();
    const events: ChatStreamEvent[] = [];
    for await (const event of streamChatCompletion({ ...options(openai, ask('Stop me')), signal: controller.signal })) {
      events.push(event);
      if (event.type === 'content-delta') controller.abort();
    }
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    const result = (done as { result: ChatStreamResult }).result;
    expect(result.stopped).toBe(true);
    expect(result.choices[0]!.content.length).toBeGreaterThan(0);
    await openai.waitForAborted(1);
  });

  it('stops when aborted before the answer starts', async () => {
    openai.reset();
    openai.enqueue({ fault: { type: 'hang-before-headers' } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const { result } = await collect({ ...options(openai, ask('Slow')), signal: controller.signal });
    expect(result).toMatchObject({ stopped: true, response: null, choices: [] });
    await openai.waitForAborted(1);
  });

  it('cancels the request when the consumer leaves the loop early', async () => {
    openai.reset();
    openai.enqueue({ chunkCount: 6, fault: { type: 'hang-mid-stream', afterChunks: 3 } });
    for await (const event of streamChatCompletion(options(openai, ask('Leave')))) {
      if (event.type === 'content-delta') break;
    }
    await openai.waitForAborted(1);
  });

  it('parses SSE split inside lines and UTF-8 characters, with CRLF, reasoning_details and comments', async () => {
    const frame = (delta: Record<string, unknown>, finish: string | null = null) =>
      `data: ${JSON.stringify({ id: 'c1', object: 'chat.completion.chunk', model: 'm', choices: [{ index: 0, delta, finish_reason: finish }] })}\r\n\r\n`;
    const body = Buffer.from(
      [
        ': keep-alive\r\n\r\n',
        frame({ role: 'assistant', reasoning_content: 'Let me think' }),
        frame({ reasoning_details: [{ type: 'reasoning.text', index: 0, text: 'Let me ' }] }),
        frame({
          reasoning_details: [{ type: 'reasoning.text', index: 0, text: 'think', signature: 'sig==', format: 'f' }],
        }),
        frame({ content: '你好' }),
        frame({ content: ' 🚀 world' }),
        frame({}, 'stop'),
        'data: {"id":"c1","choices":[],"usage":{"prompt_tokens":7,"completion_tokens":5,"total_tokens":12,"prompt_tokens_details":{"cached_tokens":2},"completion_tokens_details":{"reasoning_tokens":3}}}\r\n\r\n',
        'data: [DONE]\r\n\r\n',
      ].join(''),
    );
    // Cut every 7 bytes: lines, JSON and multi-byte characters all break somewhere.
    const chunks: Buffer[] = [];
    for (let at = 0; at < body.length; at += 7) chunks.push(body.subarray(at, at + 7));
    openai.enqueue({ fault: { type: 'raw', headers: { 'content-type': 'text/event-stream' }, chunks } });
    const { result } = await collect(options(openai, ask('raw')));
    expect(result.choices[0]).toMatchObject({
      content: '你好 🚀 world',
      reasoning: 'Let me think',
      reasoningDetails: [{ type: 'reasoning.text', index: 0, text: 'Let me think', signature: 'sig==', format: 'f' }],
      finishReason: 'stop',
    });
    expect(result.usage).toEqual({
      promptTokens: 7,
      completionTokens: 5,
      totalTokens: 12,
      cachedTokens: 2,
      cacheWriteTokens: 0,
      cacheWrite1hTokens: 0,
      reasoningTokens: 3,
    });
    expect(result.error).toBeNull();
  });

  it('reads the cache writes AIHub reports for Anthropic models, split by lifetime', () => {
    // The usage chunk of /v1/chat/completions for a Claude model (src/surfaces/openai/encode-usage.ts).
    const accumulator = new ChatCompletionAccumulator();
    const usageChunk = {
      id: 'c1',
      choices: [],
      usage: {
        prompt_tokens: 8_157,
        completion_tokens: 33,
        total_tokens: 8_190,
        prompt_tokens_details: { cached_tokens: 50, cache_write_tokens: 8_000, cache_write_1h_tokens: 6_001 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    };
    const events = [...accumulator.chunk(JSON.stringify(usageChunk))];
    expect(events).toEqual([
      {
        type: 'usage',
        usage: {
          promptTokens: 8_157,
          completionTokens: 33,
          totalTokens: 8_190,
          cachedTokens: 50,
          cacheWriteTokens: 8_000,
          cacheWrite1hTokens: 6_001,
          reasoningTokens: 0,
        },
      },
    ]);
  });

  it('turns a malformed chunk into an error event without echoing it', () => {
    const accumulator = new ChatCompletionAccumulator();
    const events = [...accumulator.chunk('{"secret prompt text')];
    expect(events).toEqual([
      {
        type: 'error',
        error: { message: 'The stream sent a malformed chunk.', type: null, code: 'malformed_chunk', param: null },
      },
    ]);
  });
});
