import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startOpenAIEmulator } from './index.js';
import { get, openaiHeaders, parseSse, post, weatherToolOpenAI } from './test-helpers.js';
import type { Json } from './types.js';

let emu: Emulator;
beforeAll(async () => {
  emu = await startOpenAIEmulator();
});
afterAll(() => emu.close());
beforeEach(() => emu.reset());

const chat = (body: Record<string, unknown>, headers: Record<string, string> = openaiHeaders) =>
  post(`${emu.url}/chat/completions`, { model: 'gpt-4o-mini', ...body }, headers);

function chunksOf(text: string): Json[] {
  const events = parseSse(text);
  expect(events.at(-1)?.data).toBe('[DONE]');
  return events.slice(0, -1).map((e) => JSON.parse(e.data));
}

describe('OpenAI emulator', () => {
  it('serves the base URL the SDK expects and records requests', async () => {
    expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v1$/);
    const res = await chat({ messages: [{ role: 'user', content: 'Hi' }], temperature: 0.5 });
    expect(res.status).toBe(200);
    expect(emu.requests).toHaveLength(1);
    const rec = emu.requests[0];
    expect(rec).toMatchObject({ method: 'POST', path: '/v1/chat/completions', query: {} });
    expect(rec.headers.authorization).toBe('Bearer test-key');
    expect(rec.body.temperature).toBe(0.5);
  });

  it('answers JSON with the echo text and chars/4 usage', async () => {
    const res = await chat({
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello there' },
      ],
    });
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.headers['x-request-id']).toMatch(/^req_/);
    const body = JSON.parse(res.text);
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'gpt-4o-mini',
      system_fingerprint: expect.any(String),
    });
    expect(body.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
    expect(body.choices).toEqual([
      {
        index: 0,
        message: {
          role: 'assistant',
          content: 'Hello from OpenAI emulator: Hello there',
          refusal: null,
          annotations: [],
        },
        logprobs: null,
        finish_reason: 'stop',
      },
    ]);
    const text = 'Hello from OpenAI emulator: Hello there';
    expect(body.usage).toMatchObject({
      prompt_tokens: Math.ceil('Be brief.Hello there'.length / 4),
      completion_tokens: Math.ceil(text.length / 4),
      total_tokens: Math.ceil(20 / 4) + Math.ceil(text.length / 4),
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it('streams data: chunks, a choices:[] usage chunk with include_usage, then [DONE]', async () => {
    const res = await chat({
      stream: true,
      stream_options: { include_usage: true },
      messages: [{ role: 'user', content: 'Stream please' }],
    });
    expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(res.text.endsWith('data: [DONE]\n\n')).toBe(true);
    expect(res.text.split('\n\n').every((f) => f === '' || f.startsWith('data: '))).toBe(true);
    const chunks = chunksOf(res.text);
    expect(chunks[0].choices[0].delta).toMatchObject({ role: 'assistant', content: '' });
    const content = chunks.flatMap((c) => c.choices.map((ch: Json) => ch.delta.content ?? '')).join('');
    expect(content).toBe('Hello from OpenAI emulator: Stream please');
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBe(4);
    const finish = chunks.at(-2);
    expect(finish.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(finish.usage).toBeNull();
    const last = chunks.at(-1);
    expect(last.choices).toEqual([]);
    expect(last.usage.total_tokens).toBe(last.usage.prompt_tokens + last.usage.completion_tokens);
    for (const c of chunks) expect(c).toMatchObject({ object: 'chat.completion.chunk', id: chunks[0].id });
  });

  it('omits the usage chunk without include_usage and honours chunkCount per step', async () => {
    emu.enqueue({ chunkCount: 2 });
    const res = await chat({ stream: true, messages: [{ role: 'user', content: 'x' }] });
    const chunks = chunksOf(res.text);
    expect(chunks.every((c) => !('usage' in c))).toBe(true);
    expect(chunks.filter((c) => c.choices[0].delta.content).length).toBe(2);
  });

  it('interleaves n choices', async () => {
    const res = await chat({ n: 2, stream: true, messages: [{ role: 'user', content: 'two' }] });
    const chunks = chunksOf(res.text);
    const texts = ['', ''];
    for (const c of chunks) for (const ch of c.choices) texts[ch.index] += ch.delta.content ?? '';
    expect(texts).toEqual(['Hello from OpenAI emulator: two', 'Hello from OpenAI emulator: two (choice 1)']);
    expect(chunks[0].choices[0].index).toBe(0);
    expect(chunks[1].choices[0].index).toBe(1);
    const json = JSON.parse((await chat({ n: 3, messages: [{ role: 'user', content: 'x' }] })).text);
    expect(json.choices.map((c: Json) => c.index)).toEqual([0, 1, 2]);
  });

  it('calls the first tool for "weather", streaming arguments by index', async () => {
    const res = await chat({
      stream: true,
      tools: [weatherToolOpenAI, { type: 'function', function: { name: 'other', parameters: { type: 'object' } } }],
      messages: [{ role: 'user', content: 'What is the weather in parallel?' }],
    });
    const chunks = chunksOf(res.text);
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: null, refusal: null });
    const calls: { id?: string; name?: string; args: string }[] = [];
    for (const c of chunks) {
      for (const tc of c.choices[0].delta.tool_calls ?? []) {
        calls[tc.index] ??= { args: '' };
        if (tc.id) Object.assign(calls[tc.index], { id: tc.id, name: tc.function.name });
        calls[tc.index].args += tc.function.arguments;
      }
    }
    expect(calls).toHaveLength(2);
    expect(calls[0].id).toMatch(/^call_[A-Za-z0-9]{24}$/);
    expect(calls[0].id).not.toBe(calls[1].id);
    expect(calls.map((c) => [c.name, JSON.parse(c.args)])).toEqual([
      ['get_weather', { location: 'Paris' }],
      ['get_weather', { location: 'London' }],
    ]);
    expect(chunks.filter((c) => c.choices[0].delta.tool_calls?.[0]?.index === 0).length).toBeGreaterThan(2);
    expect(chunks.at(-1).choices[0].finish_reason).toBe('tool_calls');
  });

  it('answers the tool result turn with text', async () => {
    const res = await chat({
      tools: [weatherToolOpenAI],
      messages: [
        { role: 'user', content: 'weather in Paris?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'sunny, 21C' },
      ],
    });
    const body = JSON.parse(res.text);
    expect(body.choices[0].message.content).toBe('Hello from OpenAI emulator: tool result sunny, 21C');
    expect(body.choices[0].finish_reason).toBe('stop');
  });

  it('scripted tool calls and text override', async () => {
    emu.enqueue({ toolCalls: [{ name: 'lookup', arguments: { q: 'x' }, id: 'call_fixed' }], text: 'Let me look.' });
    const body = JSON.parse((await chat({ messages: [{ role: 'user', content: 'hi' }] })).text);
    expect(body.choices[0].message).toMatchObject({
      content: 'Let me look.',
      tool_calls: [{ id: 'call_fixed', type: 'function', function: { name: 'lookup', arguments: '{"q":"x"}' } }],
    });
  });

  it('counts hidden reasoning tokens for reasoning_effort like OpenAI', async () => {
    const body = JSON.parse(
      (await chat({ reasoning_effort: 'low', messages: [{ role: 'user', content: 'think' }] })).text,
    );
    expect(body.choices[0].message.reasoning_content).toBeUndefined();
    expect(body.usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it('emits JSON output for response_format', async () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string' }, n: { type: 'integer' } },
      required: ['city', 'n'],
    };
    const body = JSON.parse(
      (
        await chat({
          response_format: { type: 'json_schema', json_schema: { name: 'x', schema } },
          messages: [{ role: 'user', content: 'j' }],
        })
      ).text,
    );
    expect(JSON.parse(body.choices[0].message.content)).toEqual({ city: 'Paris', n: 1 });
    const obj = JSON.parse(
      (await chat({ response_format: { type: 'json_object' }, messages: [{ role: 'user', content: 'j' }] })).text,
    );
    expect(JSON.parse(obj.choices[0].message.content)).toEqual({ message: 'Hello from OpenAI emulator: j' });
  });

  it('truncates at max_tokens with finish_reason length', async () => {
    const body = JSON.parse(
      (await chat({ max_tokens: 3, messages: [{ role: 'user', content: 'a long question here' }] })).text,
    );
    expect(body.choices[0].finish_reason).toBe('length');
    expect(body.choices[0].message.content).toBe('Hello from O');
  });

  it('rejects missing and wrong keys with OpenAI 401 bodies', async () => {
    const missing = await chat({ messages: [] }, {});
    expect(missing.status).toBe(401);
    expect(JSON.parse(missing.text).error).toMatchObject({ type: 'invalid_request_error', code: null, param: null });
    const wrong = await chat({ messages: [] }, { authorization: 'Bearer sk-wrong-key-123456' });
    expect(wrong.status).toBe(401);
    const err = JSON.parse(wrong.text).error;
    expect(err.code).toBe('invalid_api_key');
    expect(err.message).toMatch(/^Incorrect API key provided: sk-\*+3456\./);
    expect(wrong.headers['x-request-id']).toBeDefined();
  });

  it('validates the body and the model list', async () => {
    const bad = await post(`${emu.url}/chat/completions`, '{not json', openaiHeaders);
    expect(bad.status).toBe(400);
    const noMessages = await chat({});
    expect(JSON.parse(noMessages.text).error).toMatchObject({ param: 'messages', code: 'missing_required_parameter' });
    const strict = await startOpenAIEmulator({ models: ['gpt-4o'] });
    try {
      const res = await post(`${strict.url}/chat/completions`, { model: 'nope', messages: [] }, openaiHeaders);
      expect(res.status).toBe(404);
      expect(JSON.parse(res.text).error.code).toBe('model_not_found');
      const list = JSON.parse((await get(`${strict.url}/models`, openaiHeaders)).text);
      expect(list).toEqual({
        object: 'list',
        data: [{ id: 'gpt-4o', object: 'model', created: expect.any(Number), owned_by: 'system' }],
      });
    } finally {
      await strict.close();
    }
  });

  it('mimics DeepSeek reasoning_content and Groq reasoning', async () => {
    const deepseek = await startOpenAIEmulator({
      reasoningField: 'reasoning_content',
      alwaysReason: true,
      label: 'DeepSeek',
    });
    const groq = await startOpenAIEmulator({ reasoningField: 'reasoning', apiKey: 'gsk' });
    try {
      const ds = await post(
        `${deepseek.url}/chat/completions`,
        { model: 'deepseek-reasoner', stream: true, messages: [{ role: 'user', content: 'q' }] },
        openaiHeaders,
      );
      const dsChunks = chunksOf(ds.text);
      expect(dsChunks[0].choices[0].delta).toEqual({ role: 'assistant', content: null, reasoning_content: '' });
      const reasoning = dsChunks.map((c) => c.choices[0]?.delta.reasoning_content ?? '').join('');
      expect(reasoning).toContain('The user sent "q"');
      expect(dsChunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe('Hello from DeepSeek emulator: q');
      expect(dsChunks.some((c) => 'obfuscation' in c)).toBe(false);

      const body = { model: 'qwen/qwen3-32b', reasoning_effort: 'default', messages: [{ role: 'user', content: 'q' }] };
      const gq = JSON.parse((await post(`${groq.url}/chat/completions`, body, { authorization: 'Bearer gsk' })).text);
      expect(gq.choices[0].message.reasoning).toContain('The user sent');
      expect(gq.usage.completion_tokens_details.reasoning_tokens).toBeGreaterThan(0);
    } finally {
      await Promise.all([deepseek.close(), groq.close()]);
    }
  });

  it('supports a custom basePath for OpenAI-compatible presets', async () => {
    const ds = await startOpenAIEmulator({ basePath: '/compatible-mode/v1' });
    try {
      expect(ds.url).toMatch(/\/compatible-mode\/v1$/);
      const res = await post(
        `${ds.url}/chat/completions`,
        { model: 'qwen', messages: [{ role: 'user', content: 'x' }] },
        openaiHeaders,
      );
      expect(res.status).toBe(200);
    } finally {
      await ds.close();
    }
  });

  it('is understood by the official openai SDK, streaming included', async () => {
    const client = new OpenAI({ apiKey: 'test-key', baseURL: emu.url, maxRetries: 0 });
    const done = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'sdk' }],
    });
    expect(done.choices[0].message.content).toBe('Hello from OpenAI emulator: sdk');
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      stream_options: { include_usage: true },
      tools: [weatherToolOpenAI as OpenAI.ChatCompletionTool],
      messages: [{ role: 'user', content: 'weather?' }],
    });
    let args = '';
    let usage: OpenAI.CompletionUsage | undefined | null;
    for await (const chunk of stream) {
      args += chunk.choices[0]?.delta.tool_calls?.[0]?.function?.arguments ?? '';
      usage = chunk.usage ?? usage;
    }
    expect(JSON.parse(args)).toEqual({ location: 'Paris' });
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    const models = await client.models.list();
    expect(models.data.map((m) => m.id)).toContain('gpt-4o');
  });

  it('ends the text before the first stop sequence with finish_reason stop', async () => {
    const res = await chat({ model: 'gpt-4o-mini', stop: ['emulator'], messages: [{ role: 'user', content: 'Hi' }] });
    const choice = JSON.parse(res.text).choices[0];
    expect(choice.message.content).toBe('Hello from OpenAI ');
    expect(choice.finish_reason).toBe('stop');
    const single = await chat({ model: 'gpt-4o-mini', stop: 'from', messages: [{ role: 'user', content: 'Hi' }] });
    expect(JSON.parse(single.text).choices[0].message.content).toBe('Hello ');
  });
});
