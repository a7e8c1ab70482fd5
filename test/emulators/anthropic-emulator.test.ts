import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, signatureFor, startAnthropicEmulator } from './index.js';
import { anthropicHeaders, get, parseSse, post } from './test-helpers.js';
import type { Json } from './types.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startAnthropicEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const messages = (body: Record<string, unknown>, headers: Record<string, string> = anthropicHeaders) =>
  post(`${emu.url}/v1/messages`, { model: 'claude-sonnet-4-5', max_tokens: 1024, ...body }, headers);

const weatherTool = {
  name: 'get_weather',
  description: 'Weather',
  input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
};

function events(text: string) {
  return parseSse(text).map((e) => ({ event: e.event, data: JSON.parse(e.data) }));
}

describe('Anthropic emulator', () => {
  it('uses the host root as base URL', () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('continues a prefill (a last assistant message) and refuses one ending with white space', async () => {
    const asked = [{ role: 'user', content: 'Hi' }];
    const res = await messages({ messages: [...asked, { role: 'assistant', content: 'Hello from Anthropic' }] });
    expect(JSON.parse(res.text).content).toEqual([{ type: 'text', text: ' emulator: Hi' }]);
    const spaced = await messages({ messages: [...asked, { role: 'assistant', content: 'Hello from ' }] });
    expect(spaced.status).toBe(400);
    expect(JSON.parse(spaced.text).error.message).toMatch(/trailing whitespace/);
  });

  it('answers a JSON message', async () => {
    const res = await messages({
      system: 'Be kind.',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'Hi' }] }],
    });
    expect(res.status).toBe(200);
    expect(res.headers['request-id']).toMatch(/^req_011/);
    const body = JSON.parse(res.text);
    expect(body).toEqual({
      model: 'claude-sonnet-4-5',
      id: expect.stringMatching(/^msg_01[A-Za-z0-9]{22}$/),
      type: 'message',
      role: 'assistant',
      content: [{ type: 'text', text: 'Hello from Anthropic emulator: Hi' }],
      stop_reason: 'end_turn',
      stop_sequence: null,
      usage: {
        input_tokens: Math.ceil('Be kind.Hi'.length / 4),
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        output_tokens: Math.ceil('Hello from Anthropic emulator: Hi'.length / 4),
        service_tier: 'standard',
        inference_geo: 'not_available',
      },
    });
  });

  it('scripted web searches: server_tool_use and result blocks, and usage.server_tool_use, whole and streamed', async () => {
    const tools = [{ type: 'web_search_20250305', name: 'web_search', max_uses: 5 }];
    emu.enqueue({ webSearches: 2 }, { webSearches: 2 });
    const whole = JSON.parse((await messages({ tools, messages: [{ role: 'user', content: 'News?' }] })).text);
    expect(whole.content.map((block: Json) => block.type)).toEqual([
      'server_tool_use',
      'web_search_tool_result',
      'server_tool_use',
      'web_search_tool_result',
      'text',
    ]);
    expect(whole.content[0]).toEqual({
      type: 'server_tool_use',
      id: whole.content[1].tool_use_id,
      name: 'web_search',
      input: { query: 'search 1' },
    });
    expect(whole.usage.server_tool_use).toEqual({ web_search_requests: 2, web_fetch_requests: 0 });
    const evs = events((await messages({ stream: true, tools, messages: [{ role: 'user', content: 'News?' }] })).text);
    const starts = evs.filter((e) => e.event === 'content_block_start').map((e) => e.data.content_block.type);
    expect(starts).toEqual([
      'server_tool_use',
      'web_search_tool_result',
      'server_tool_use',
      'web_search_tool_result',
      'text',
    ]);
    const delta = evs.find((e) => e.event === 'message_delta');
    expect(delta?.data.usage.server_tool_use).toEqual({ web_search_requests: 2, web_fetch_requests: 0 });
  });

  it('streams the real event sequence with padding and ping', async () => {
    const res = await messages({ stream: true, messages: [{ role: 'user', content: 'Hello' }] });
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.text).toContain('event: ping\ndata: {"type": "ping"}\n\n');
    expect(res.text).toMatch(/"index":0 +}\n/); // trailing-space padding inside data JSON
    const evs = events(res.text);
    expect(evs.map((e) => e.event)).toEqual([
      'message_start',
      'content_block_start',
      'ping',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_delta',
      'content_block_stop',
      'message_delta',
      'message_stop',
    ]);
    for (const e of evs) expect(e.data.type).toBe(e.event);
    expect(evs[0].data.message).toMatchObject({ content: [], stop_reason: null, usage: { output_tokens: 1 } });
    const text = evs.filter((e) => e.data.delta?.type === 'text_delta').map((e) => e.data.delta.text);
    expect(text.join('')).toBe('Hello from Anthropic emulator: Hello');
    expect(evs.at(-2)?.data).toMatchObject({
      delta: { stop_reason: 'end_turn', stop_sequence: null },
      usage: { output_tokens: Math.ceil(text.join('').length / 4) },
    });
  });

  it('streams thinking with thinking_delta and signature_delta, then tool_use with input_json_delta', async () => {
    const res = await messages({
      stream: true,
      thinking: { type: 'enabled', budget_tokens: 2048 },
      tools: [weatherTool],
      messages: [{ role: 'user', content: 'weather in parallel please' }],
    });
    const evs = events(res.text);
    const starts = evs.filter((e) => e.event === 'content_block_start').map((e) => e.data);
    expect(starts.map((s) => [s.index, s.content_block.type])).toEqual([
      [0, 'thinking'],
      [1, 'tool_use'],
      [2, 'tool_use'],
    ]);
    expect(starts[0].content_block).toEqual({ type: 'thinking', thinking: '', signature: '' });
    expect(starts[1].content_block).toMatchObject({
      name: 'get_weather',
      input: {},
      id: expect.stringMatching(/^toolu_01/),
    });
    const thinking = evs
      .filter((e) => e.data.delta?.type === 'thinking_delta')
      .map((e) => e.data.delta.thinking)
      .join('');
    const sig = evs.find((e) => e.data.delta?.type === 'signature_delta')?.data.delta.signature;
    expect(sig).toBe(signatureFor(thinking));
    const json = (i: number) =>
      evs
        .filter((e) => e.data.index === i && e.data.delta?.type === 'input_json_delta')
        .map((e) => e.data.delta.partial_json)
        .join('');
    expect(JSON.parse(json(1))).toEqual({ location: 'Paris' });
    expect(JSON.parse(json(2))).toEqual({ location: 'London' });
    expect(evs.filter((e) => e.data.index === 1 && e.data.delta?.type === 'input_json_delta').length).toBeGreaterThan(
      2,
    );
    expect(evs.at(-2)?.data.delta.stop_reason).toBe('tool_use');
  });

  it('returns thinking and tool_use blocks in JSON, then text after the tool_result', async () => {
    const first = JSON.parse(
      (
        await messages({
          thinking: { type: 'enabled', budget_tokens: 1024 },
          tools: [weatherTool],
          messages: [{ role: 'user', content: 'weather?' }],
        })
      ).text,
    );
    expect(first.content.map((b: Json) => b.type)).toEqual(['thinking', 'tool_use']);
    expect(first.content[0].signature).toBe(signatureFor(first.content[0].thinking));
    expect(first.content[1].input).toEqual({ location: 'Paris' });
    expect(first.stop_reason).toBe('tool_use');
    const second = JSON.parse(
      (
        await messages({
          tools: [weatherTool],
          messages: [
            { role: 'user', content: 'weather?' },
            {
              role: 'assistant',
              content: [{ type: 'tool_use', id: first.content[1].id, name: 'get_weather', input: {} }],
            },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: first.content[1].id, content: 'rainy' }] },
          ],
        })
      ).text,
    );
    expect(second.content).toEqual([{ type: 'text', text: 'Hello from Anthropic emulator: tool result rainy' }]);
  });

  it('answers JSON for output_config.format and stops at max_tokens', async () => {
    const schema = { type: 'object', properties: { ids: { type: 'array', items: { type: 'integer' } } } };
    const body = JSON.parse(
      (
        await messages({
          output_config: { format: { type: 'json_schema', schema } },
          messages: [{ role: 'user', content: 'x' }],
        })
      ).text,
    );
    expect(JSON.parse(body.content[0].text)).toEqual({ ids: [1] });
    const cut = JSON.parse(
      (await messages({ max_tokens: 2, messages: [{ role: 'user', content: 'long text' }] })).text,
    );
    expect(cut.stop_reason).toBe('max_tokens');
    expect(cut.content[0].text).toBe('Hello fr');
  });

  it('reports scripted cache usage the Anthropic way', async () => {
    emu.enqueue({ usage: { inputTokens: 100, cachedTokens: 60, cacheWriteTokens: 30 } });
    const body = JSON.parse((await messages({ messages: [{ role: 'user', content: 'x' }] })).text);
    expect(body.usage).toMatchObject({
      input_tokens: 10,
      cache_read_input_tokens: 60,
      cache_creation_input_tokens: 30,
    });
  });

  it('checks x-api-key, anthropic-version and max_tokens with Anthropic error bodies', async () => {
    const cases: [Record<string, string>, Record<string, unknown>, number, string, string][] = [
      [{ 'anthropic-version': '2023-06-01' }, {}, 401, 'authentication_error', 'x-api-key header is required'],
      [{ ...anthropicHeaders, 'x-api-key': 'bad' }, {}, 401, 'authentication_error', 'invalid x-api-key'],
      [{ 'x-api-key': 'test-key' }, {}, 400, 'invalid_request_error', 'anthropic-version: header is required'],
      [anthropicHeaders, { max_tokens: undefined }, 400, 'invalid_request_error', 'max_tokens: Field required'],
    ];
    for (const [headers, extra, status, type, message] of cases) {
      const res = await messages({ messages: [{ role: 'user', content: 'x' }], ...extra }, headers);
      expect(res.status).toBe(status);
      expect(res.headers['x-should-retry']).toBe('false');
      expect(JSON.parse(res.text)).toEqual({
        type: 'error',
        error: { type, message },
        request_id: expect.stringMatching(/^req_/),
      });
    }
    const bearer = await messages(
      { messages: [{ role: 'user', content: 'x' }] },
      { authorization: 'Bearer test-key', 'anthropic-version': '2023-06-01' },
    );
    expect(bearer.status).toBe(200);
  });

  it('injects 529 overloaded_error and 429 with retry-after', async () => {
    emu.enqueue(
      { fault: { type: 'http-error', status: 529 } },
      { fault: { type: 'http-error', status: 429, retryAfterSeconds: 7 } },
    );
    const a = await messages({ messages: [{ role: 'user', content: 'x' }] });
    expect(a.status).toBe(529);
    expect(JSON.parse(a.text).error).toEqual({ type: 'overloaded_error', message: 'Overloaded' });
    expect(a.headers['x-should-retry']).toBe('true');
    const b = await messages({ messages: [{ role: 'user', content: 'x' }] });
    expect(b.status).toBe(429);
    expect(b.headers['retry-after']).toBe('7');
    expect(JSON.parse(b.text).error.type).toBe('rate_limit_error');
    expect((await messages({ messages: [{ role: 'user', content: 'x' }] })).status).toBe(200);
  });

  it('sends event: error overloaded_error as the first event after HTTP 200', async () => {
    emu.enqueue({ fault: { type: 'in-band-error' } });
    const res = await messages({ stream: true, messages: [{ role: 'user', content: 'x' }] });
    expect(res.status).toBe(200);
    expect(res.text).toBe(
      'event: error\ndata: {"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}\n\n',
    );
  });

  it('lists models and counts tokens', async () => {
    const list = JSON.parse((await get(`${emu.url}/v1/models`, anthropicHeaders)).text);
    expect(list.data[0]).toMatchObject({ type: 'model', id: 'claude-sonnet-4-5' });
    expect(list.has_more).toBe(false);
    const count = await post(
      `${emu.url}/v1/messages/count_tokens`,
      { model: 'x', messages: [{ role: 'user', content: '12345678' }] },
      anthropicHeaders,
    );
    expect(JSON.parse(count.text)).toEqual({ input_tokens: 2 });
  });

  it('can disable padding', async () => {
    const plain = await startAnthropicEmulator({ padding: false });
    try {
      const res = await post(
        `${plain.url}/v1/messages`,
        { model: 'm', max_tokens: 5, stream: true, messages: [{ role: 'user', content: 'x' }] },
        anthropicHeaders,
      );
      expect(res.text).not.toMatch(/ +}\n/);
    } finally {
      await plain.close();
    }
  });

  it('ends the text before the first stop sequence, naming it', async () => {
    const body = { stop_sequences: ['zzz', 'emulator'], messages: [{ role: 'user', content: 'Hi' }] };
    const json = JSON.parse((await messages(body)).text);
    expect(json.content).toEqual([{ type: 'text', text: 'Hello from Anthropic ' }]);
    expect(json).toMatchObject({ stop_reason: 'stop_sequence', stop_sequence: 'emulator' });
    const streamed = events((await messages({ ...body, stream: true })).text);
    const delta = streamed.find((e) => e.event === 'message_delta');
    expect(delta?.data.delta).toEqual({ stop_reason: 'stop_sequence', stop_sequence: 'emulator' });
    const plain = JSON.parse(
      (await messages({ messages: [{ role: 'user', content: 'Hi' }], stop_sequences: ['zzz'] })).text,
    );
    expect(plain).toMatchObject({ stop_reason: 'end_turn', stop_sequence: null });
  });
});
