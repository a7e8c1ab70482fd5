import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

// A 1x1 PNG.
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let gateway: Gateway;
let client: OpenAI;
let imageServer: Server;
let imageUrl: string;

beforeAll(async () => {
  gateway = await startGateway();
  client = new OpenAI({ apiKey: ADMIN_KEY, baseURL: gateway.baseURL, maxRetries: 0 });
  imageServer = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(Buffer.from(PNG_BASE64, 'base64'));
  });
  await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
  imageUrl = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}/pixel.png`;
});

afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => imageServer?.close(resolve));
});

const VENDORS = [
  ['gpt-4.1-mini', 'OpenAI', () => gateway.openai],
  ['claude-sonnet-4-5', 'Anthropic', () => gateway.anthropic],
  ['gemini-2.5-flash-lite', 'Gemini', () => gateway.gemini],
  ['deepseek-chat', 'DeepSeek', () => gateway.deepseek],
] as const;

describe('the official openai package against AIHub', () => {
  it.each(VENDORS)('answers %s from the %s upstream, chosen by model name alone', async (model, label, upstream) => {
    const before = upstream().requestCount;
    const completion = await client.chat.completions.create({
      model,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Say hello' },
      ],
      temperature: 0.7,
    });
    expect(upstream().requestCount).toBe(before + 1);
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message.role).toBe('assistant');
    expect(completion.choices[0]?.message.content).toContain(`Hello from ${label} emulator`);
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(0);
    expect(completion.usage?.completion_tokens).toBeGreaterThan(0);
  });

  it.each(VENDORS)('streams %s with usage when include_usage is set', async (model, label) => {
    const stream = await client.chat.completions.create({
      model,
      messages: [{ role: 'user', content: 'Stream please' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let finish: string | null = null;
    let usage: OpenAI.CompletionUsage | undefined;
    let chunks = 0;
    for await (const chunk of stream) {
      chunks++;
      text += chunk.choices[0]?.delta.content ?? '';
      finish = chunk.choices[0]?.finish_reason ?? finish;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(chunks).toBeGreaterThan(2);
    expect(text).toContain(`Hello from ${label} emulator`);
    expect(finish).toBe('stop');
    expect(usage?.total_tokens).toBeGreaterThan(0);
  });

  it('streams OpenAI’s own chunks to the SDK with AIHub’s id: fields AIHub does not model survive', async () => {
    const { data: stream, response } = await client.chat.completions
      .create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: 'Stream please' }], stream: true })
      .withResponse();
    const ourId = `chatcmpl-${response.headers.get('x-request-id')}`;
    const seen: Array<OpenAI.ChatCompletionChunk & { obfuscation?: string }> = [];
    for await (const chunk of stream) seen.push(chunk);
    expect(seen.length).toBeGreaterThan(2);
    for (const chunk of seen) {
      expect(chunk.id).toBe(ourId);
      expect(chunk.service_tier).toBe('default');
      expect(chunk.obfuscation).toEqual(expect.any(String));
      expect('usage' in chunk).toBe(false); // asked upstream to bill, not shown: the client did not ask
    }
    expect(seen.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toContain('Hello from OpenAI emulator');
    expect(seen.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it.each(VENDORS)(
    'completes a tool-call round trip with %s (streamed arguments, then the tool result)',
    async (model) => {
      const tools: OpenAI.ChatCompletionTool[] = [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Weather for a city',
            parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          },
        },
      ];
      const messages: OpenAI.ChatCompletionMessageParam[] = [
        { role: 'user', content: 'What is the weather in Paris?' },
      ];
      const stream = client.chat.completions.stream({ model, messages, tools });
      const first = await stream.finalChatCompletion();
      const call = first.choices[0]?.message.tool_calls?.[0];
      expect(first.choices[0]?.finish_reason).toBe('tool_calls');
      expect(call?.type).toBe('function');
      if (call?.type !== 'function') throw new Error('expected a function call');
      expect(call.function.name).toBe('get_weather');
      expect(() => JSON.parse(call.function.arguments)).not.toThrow();
      expect(call.id).toBeTruthy();

      messages.push(first.choices[0]?.message as OpenAI.ChatCompletionMessageParam, {
        role: 'tool',
        tool_call_id: call.id,
        content: '{"temperature": 21}',
      });
      const second = await client.chat.completions.create({ model, messages, tools });
      expect(second.choices[0]?.finish_reason).toBe('stop');
      expect(second.choices[0]?.message.content).toBeTruthy();
    },
  );

  it('returns parallel tool calls with distinct ids and indexes', async () => {
    const stream = client.chat.completions.stream({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'weather in Paris and Rome, in parallel' }],
      tools: [{ type: 'function', function: { name: 'get_weather', parameters: { type: 'object' } } }],
    });
    const completion = await stream.finalChatCompletion();
    const calls = completion.choices[0]?.message.tool_calls ?? [];
    expect(calls.length).toBe(2);
    expect(new Set(calls.map((call) => call.id)).size).toBe(2);
  });

  it.each(['claude-sonnet-4-5', 'gemini-2.5-flash-lite', 'gpt-4.1-mini'])(
    'sends images as data URLs and http URLs to %s',
    async (model) => {
      const completion = await client.chat.completions.create({
        model,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in these images?' },
              { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_BASE64}` } },
              { type: 'image_url', image_url: { url: imageUrl } },
            ],
          },
        ],
      });
      expect(completion.choices[0]?.message.content).toBeTruthy();
    },
  );

  it('inlines http image URLs as bytes for Gemini', async () => {
    await client.chat.completions.create({
      model: 'gemini-2.5-flash',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe' },
            { type: 'image_url', image_url: { url: imageUrl } },
          ],
        },
      ],
    });
    const sent = gateway.gemini.requests.at(-1)?.body;
    const parts = sent.contents[0].parts;
    expect(parts[1]).toEqual({ inlineData: { mimeType: 'image/png', data: PNG_BASE64 } });
  });

  it('returns reasoning as reasoning_content, with the Anthropic signature kept for the next turn', async () => {
    const completion = (await client.chat.completions.create({
      model: 'claude-sonnet-4-5',
      messages: [{ role: 'user', content: 'Think about it' }],
      reasoning_effort: 'low',
      max_completion_tokens: 4000,
    })) as OpenAI.ChatCompletion & {
      choices: Array<{ message: { reasoning_content?: string; reasoning_details?: any[] } }>;
    };
    const message = completion.choices[0]?.message;
    expect(message?.reasoning_content).toBeTruthy();
    expect(message?.reasoning_details?.[0]?.signature).toBeTruthy();
    const thinking = gateway.anthropic.requests.at(-1)?.body.thinking;
    expect(thinking).toEqual({ type: 'enabled', budget_tokens: expect.any(Number) });

    // Send the assistant turn back: the thinking block must reach Anthropic with its signature.
    await client.chat.completions.create({
      model: 'claude-sonnet-4-5',
      reasoning_effort: 'low',
      max_completion_tokens: 4000,
      messages: [
        { role: 'user', content: 'Think about it' },
        message as OpenAI.ChatCompletionMessageParam,
        { role: 'user', content: 'And now?' },
      ],
    });
    const replayed = gateway.anthropic.requests.at(-1)?.body.messages[1].content[0];
    expect(replayed).toEqual({
      type: 'thinking',
      thinking: message?.reasoning_content,
      signature: message?.reasoning_details?.[0]?.signature,
    });
  });

  it('lists routable models in OpenAI list format', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) {
      ids.push(model.id);
      // The catalog's chat models, and the Gemini image models that answer chats, each saying which
      // (test/e2e/model-kinds covers the other kinds).
      expect(['chat', 'image']).toContain((model as OpenAI.Models.Model & { kind?: string }).kind);
    }
    expect(ids).toEqual(
      expect.arrayContaining(['gpt-4.1-mini', 'claude-sonnet-4-5', 'gemini-2.5-flash-lite', 'deepseek-chat']),
    );
  });

  it('maps an unknown model to 404 model_not_found', async () => {
    await expect(
      client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] }),
    ).rejects.toMatchObject({ status: 404, code: 'model_not_found' });
  });
});
