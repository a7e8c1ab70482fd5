import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureFor } from '../emulators/index.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

/**
 * Stateless reasoning through the official SDK: `store: false` with
 * `include: ["reasoning.encrypted_content"]`, the reasoning item sent back on the next turn. A
 * Claude thinking signature and a Gemini thought signature must reach their upstream unchanged.
 */
let gateway: Gateway;
let openai: OpenAI;

beforeAll(async () => {
  gateway = await startGateway();
  openai = new OpenAI({ apiKey: ADMIN_KEY, baseURL: gateway.baseURL, maxRetries: 0 });
});
afterAll(async () => gateway?.close());

const WEATHER: OpenAI.Responses.FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather in a city',
  parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  strict: false,
};

type Params = Omit<OpenAI.Responses.ResponseCreateParamsNonStreaming, 'stream'>;

async function turn(mode: 'json' | 'stream', params: Params): Promise<OpenAI.Responses.Response> {
  if (mode === 'json') return openai.responses.create(params);
  return openai.responses.stream(params).finalResponse();
}

const MODES = ['json', 'stream'] as const;

/** Two turns: a tool call with reasoning, then its result with the reasoning item sent back. */
async function roundTrip(model: string, mode: 'json' | 'stream') {
  const base: Params = {
    model,
    tools: [WEATHER],
    store: false,
    include: ['reasoning.encrypted_content'],
    reasoning: { effort: 'medium', summary: 'auto' },
    max_output_tokens: 4000,
    input: [],
  };
  const question: OpenAI.Responses.ResponseInputItem = { role: 'user', content: 'What is the weather in Paris?' };
  const first = await turn(mode, { ...base, input: [question] });
  const reasoning = first.output.find((item) => item.type === 'reasoning');
  const call = first.output.find((item) => item.type === 'function_call');
  expect(reasoning?.encrypted_content).toEqual(expect.any(String));
  expect(call?.type).toBe('function_call');
  const thought = reasoning?.summary.map((part) => part.text).join('') ?? '';
  expect(thought.length).toBeGreaterThan(0);
  const second = await turn(mode, {
    ...base,
    input: [
      question,
      ...(first.output as OpenAI.Responses.ResponseInputItem[]),
      { type: 'function_call_output', call_id: call?.type === 'function_call' ? call.call_id : '', output: 'sunny' },
    ],
  });
  expect(second.status).toBe('completed');
  return { first, second, thought };
}

describe('reasoning carried in encrypted_content, store: false', () => {
  it.each(MODES)('claude-sonnet-4-5 (%s): the thinking block and its signature reach Anthropic again', async (mode) => {
    const { thought } = await roundTrip('claude-sonnet-4-5', mode);
    const body = gateway.anthropic.requests.at(-1)?.body as { messages: Array<{ role: string; content: unknown }> };
    const assistant = body.messages.find((message) => message.role === 'assistant');
    expect(assistant?.content).toEqual(
      expect.arrayContaining([{ type: 'thinking', thinking: thought, signature: signatureFor(thought) }]),
    );
  });

  it.each(MODES)('gemini-2.5-flash (%s): the thought signature reaches Gemini again', async (mode) => {
    const { thought } = await roundTrip('gemini-2.5-flash', mode);
    const body = gateway.gemini.requests.at(-1)?.body as {
      contents: Array<{ role: string; parts: Array<Record<string, unknown>> }>;
    };
    const model = body.contents.find((content) => content.role === 'model');
    const signatures = (model?.parts ?? []).map((part) => part.thoughtSignature).filter(Boolean);
    expect(signatures).toContain(signatureFor(thought));
  });

  it.each(MODES)('deepseek-reasoner (%s): reasoning text round trips without breaking the turn', async (mode) => {
    gateway.deepseek.setScript({ reasoning: 'Paris needs a weather lookup.' });
    try {
      const { thought } = await roundTrip('deepseek-reasoner', mode);
      expect(thought).toBe('Paris needs a weather lookup.');
    } finally {
      gateway.deepseek.setScript(undefined);
    }
  });

  it.each(MODES)(
    'claude-sonnet-4-5 (%s): with previous_response_id the stored copy keeps the signature the client never saw',
    async (mode) => {
      const params: Params = {
        model: 'claude-sonnet-4-5',
        tools: [WEATHER],
        reasoning: { effort: 'medium', summary: 'auto' },
        max_output_tokens: 4000,
        input: 'What is the weather in Paris?',
      };
      const first = await turn(mode, params);
      const reasoning = first.output.find((item) => item.type === 'reasoning');
      const call = first.output.find((item) => item.type === 'function_call');
      // Not asked for, so not shown; the store keeps it for the next turn.
      expect(reasoning?.encrypted_content ?? undefined).toBeUndefined();
      const thought = reasoning?.summary.map((part) => part.text).join('') ?? '';
      await turn(mode, {
        ...params,
        previous_response_id: first.id,
        input: [
          {
            type: 'function_call_output',
            call_id: call?.type === 'function_call' ? call.call_id : '',
            output: 'sunny',
          },
        ],
      });
      const body = gateway.anthropic.requests.at(-1)?.body as { messages: Array<{ role: string; content: unknown }> };
      const assistant = body.messages.find((message) => message.role === 'assistant');
      expect(assistant?.content).toEqual(
        expect.arrayContaining([{ type: 'thinking', thinking: thought, signature: signatureFor(thought) }]),
      );
    },
  );
});
