import { createServer, type Server } from 'node:http';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Emulator } from '../emulators/types.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

/**
 * The official `openai` package's `client.responses` against a real AIHub, every upstream family,
 * JSON and stream: text and usage, tools and parallel tools with follow-up turns, images, the
 * max_output_tokens stop. Reasoning round trips are in responses-reasoning.e2e.test.ts, faults and
 * errors in responses-faults.e2e.test.ts.
 */
let gateway: Gateway;
let openai: OpenAI;
let images: Server;
let imageUrl: string;

// A 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  gateway = await startGateway();
  openai = new OpenAI({ apiKey: ADMIN_KEY, baseURL: gateway.baseURL, maxRetries: 0 });
  images = createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(PNG));
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  const address = images.address();
  imageUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/cat.png`;
});
afterAll(async () => {
  await gateway?.close();
  await new Promise((resolve) => images?.close(resolve));
});

const MODELS = ['gpt-4.1-mini', 'claude-sonnet-4-5', 'gemini-2.5-flash-lite', 'deepseek-chat'];
const MODES = MODELS.flatMap((model) => [
  [model, 'json'],
  [model, 'stream'],
]) as Array<[string, 'json' | 'stream']>;

function upstream(model: string): Emulator {
  if (model.startsWith('claude')) return gateway.anthropic;
  if (model.startsWith('gemini')) return gateway.gemini;
  if (model.startsWith('deepseek')) return gateway.deepseek;
  return gateway.openai;
}

type CreateParams = Omit<OpenAI.Responses.ResponseCreateParamsNonStreaming, 'stream'>;

/** One turn, as JSON or through the SDK's stream helper (its final response). */
async function turn(mode: 'json' | 'stream', params: CreateParams): Promise<OpenAI.Responses.Response> {
  if (mode === 'json') return openai.responses.create(params);
  return openai.responses.stream(params).finalResponse();
}

function messageText(response: OpenAI.Responses.Response): string {
  return response.output
    .flatMap((item) => (item.type === 'message' ? item.content : []))
    .map((part) => (part.type === 'output_text' ? part.text : ''))
    .join('');
}

const WEATHER: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
};

describe('OpenAI Responses through the official SDK', () => {
  it.each(MODES)('%s (%s): text with usage in the Responses fields', async (model, mode) => {
    const response = await turn(mode, { model, input: 'Say hello', instructions: 'Be brief.', max_output_tokens: 300 });
    expect(response.object).toBe('response');
    expect(response.status).toBe('completed');
    expect(response.model).toBe(model);
    expect(messageText(response)).toContain('Say hello');
    expect(response.usage).toMatchObject({
      input_tokens: expect.any(Number),
      input_tokens_details: { cached_tokens: expect.any(Number) },
      output_tokens: expect.any(Number),
      output_tokens_details: { reasoning_tokens: expect.any(Number) },
      total_tokens: expect.any(Number),
    });
    expect(response.usage?.total_tokens).toBe(
      (response.usage?.input_tokens ?? 0) + (response.usage?.output_tokens ?? 0),
    );
  });

  it.each(MODES)('%s (%s): parallel function calls, answered with function_call_output', async (model, mode) => {
    const input: OpenAI.Responses.ResponseInputItem[] = [
      { role: 'user', content: 'What is the weather in Paris and London? Use parallel calls.' },
    ];
    const first = await turn(mode, { model, input, tools: [WEATHER], store: false, max_output_tokens: 500 });
    const calls = first.output.filter((item) => item.type === 'function_call');
    expect(calls).toHaveLength(2);
    for (const call of calls) {
      expect(call).toMatchObject({ name: 'get_weather', status: 'completed', call_id: expect.any(String) });
      expect(JSON.parse(call.arguments)).toHaveProperty('city');
    }
    const followUp = await turn(mode, {
      model,
      store: false,
      tools: [WEATHER],
      max_output_tokens: 500,
      input: [
        ...input,
        ...first.output.filter((item) => item.type !== 'reasoning'),
        ...calls.map((call, index) => ({
          type: 'function_call_output' as const,
          call_id: call.call_id,
          output: index === 0 ? 'sunny in Paris' : 'rain in London',
        })),
      ] as OpenAI.Responses.ResponseInputItem[],
    });
    expect(followUp.status).toBe('completed');
    expect(messageText(followUp)).toContain('tool result');
    // The upstream received both results, each tied to its call.
    const sent = JSON.stringify(upstream(model).requests.at(-1)?.body);
    expect(sent).toContain('sunny in Paris');
    expect(sent).toContain('rain in London');
  });

  it.each(MODES)('%s (%s): input_image as a data URL and as an http URL', async (model, mode) => {
    const response = await turn(mode, {
      model,
      max_output_tokens: 300,
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'Describe both' },
            { type: 'input_image', image_url: `data:image/png;base64,${PNG.toString('base64')}`, detail: 'auto' },
            { type: 'input_image', image_url: imageUrl, detail: 'low' },
          ],
        },
      ],
    });
    expect(response.status).toBe('completed');
    const sent = JSON.stringify(upstream(model).requests.at(-1)?.body);
    // Both images reached the upstream: as bytes (base64) for vendors that need them, or as given.
    const base64 = PNG.toString('base64');
    expect(sent.split(base64).length - 1 + (sent.includes(imageUrl) ? 1 : 0)).toBe(2);
  });

  it.each(MODES)('%s (%s): max_output_tokens cuts the answer: status incomplete', async (model, mode) => {
    const params = {
      model,
      input: 'Tell me a long story about a lighthouse keeper and the sea',
      max_output_tokens: 16,
    };
    let response: OpenAI.Responses.Response | undefined;
    if (mode === 'json') response = await openai.responses.create(params);
    else {
      // The SDK's stream helper keeps only `response.completed` as its final response: read the events.
      for await (const event of await openai.responses.create({ ...params, stream: true })) {
        if (event.type === 'response.incomplete') response = event.response;
        expect(event.type).not.toBe('response.completed');
      }
    }
    expect(response?.status).toBe('incomplete');
    expect(response?.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    const message = response?.output.find((item) => item.type === 'message');
    expect(message?.status).toBe('incomplete');
  });
});
