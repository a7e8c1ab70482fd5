/**
 * The official `@anthropic-ai/sdk` against the real server: tools (single and parallel, with the
 * results sent back, one of them an error) and thinking carried across turns, for every upstream
 * family behind the Messages surface, JSON and stream. A Claude signature must come back to
 * Anthropic untouched; a Gemini thought signature must survive a tool round trip through
 * Anthropic-shaped blocks (sealed in the thinking block, carried in the tool_use id).
 */
import Anthropic from '@anthropic-ai/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signatureFor } from '../emulators/index.js';
import { FAMILIES_BY_MODE } from './anthropic-sdk-families.js';
import { ADMIN_KEY, type Gateway, startGateway } from './gateway-harness.js';

let gateway: Gateway;
let client: Anthropic;

beforeAll(async () => {
  gateway = await startGateway();
  client = new Anthropic({ apiKey: ADMIN_KEY, baseURL: gateway.origin, maxRetries: 0 });
});
afterAll(async () => gateway?.close());

type Params = Anthropic.MessageCreateParamsNonStreaming;

async function ask(params: Params, mode: 'json' | 'stream'): Promise<Anthropic.Message> {
  if (mode === 'json') return client.messages.create(params);
  return client.messages.stream(params).finalMessage();
}

const WEATHER_TOOL: Anthropic.Tool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: {
    type: 'object',
    properties: { city: { type: 'string', description: 'City name' } },
    required: ['city'],
  },
};

function toolUses(message: Anthropic.Message): Anthropic.ToolUseBlock[] {
  return message.content.filter((block): block is Anthropic.ToolUseBlock => block.type === 'tool_use');
}

/** The text of a tool result as the upstream received it, whatever its wire format. */
function upstreamToolResults(model: string, body: any): string[] {
  if (model.startsWith('claude')) {
    return body.messages
      .at(-1)
      .content.filter((block: any) => block.type === 'tool_result')
      .map((block: any) => JSON.stringify(block));
  }
  if (model.startsWith('gemini')) {
    return body.contents
      .at(-1)
      .parts.filter((part: any) => part.functionResponse)
      .map((part: any) => JSON.stringify(part.functionResponse));
  }
  return body.messages.filter((message: any) => message.role === 'tool').map((message: any) => JSON.stringify(message));
}

describe('tools through the Messages surface, every upstream family', () => {
  it.each(FAMILIES_BY_MODE)('runs a tool round trip with %s (%s), the result an error', async (model, mode, family) => {
    const messages: Anthropic.MessageParam[] = [{ role: 'user', content: 'What is the weather in Paris?' }];
    const first = await ask({ model, max_tokens: 512, tools: [WEATHER_TOOL], messages }, mode);
    expect(first.stop_reason).toBe('tool_use');
    const [call] = toolUses(first);
    expect(call).toMatchObject({ type: 'tool_use', name: 'get_weather', input: { city: 'Paris' } });
    expect(call?.id).toBeTruthy();

    messages.push(
      { role: 'assistant', content: first.content },
      {
        role: 'user',
        content: [{ type: 'tool_result', tool_use_id: call?.id ?? '', is_error: true, content: 'city not found' }],
      },
    );
    const second = await ask({ model, max_tokens: 512, tools: [WEATHER_TOOL], messages }, mode);
    expect(second.stop_reason).toBe('end_turn');
    expect(second.content[0]).toMatchObject({ type: 'text', text: expect.stringContaining('tool result') });
    const sent = family.upstream(gateway).requests.at(-1)?.body;
    const results = upstreamToolResults(model, sent);
    expect(results).toHaveLength(1);
    expect(results[0]).toContain('city not found');
    if (family.model.startsWith('gemini')) {
      // Gemini reads a failed call's details under `error`.
      expect(sent.contents.at(-1).parts[0].functionResponse.response).toEqual({ error: { result: 'city not found' } });
    }
    if (family.passThrough) {
      expect(sent.messages.at(-1).content[0]).toEqual({
        type: 'tool_result',
        tool_use_id: call?.id,
        is_error: true,
        content: 'city not found',
      });
    }
  });

  it.each(FAMILIES_BY_MODE)(
    'returns parallel tool calls from %s (%s) and takes both results back',
    async (model, mode) => {
      const messages: Anthropic.MessageParam[] = [
        { role: 'user', content: 'What is the weather in Paris and London? Call the tools in parallel.' },
      ];
      const first = await ask({ model, max_tokens: 512, tools: [WEATHER_TOOL], messages }, mode);
      const calls = toolUses(first);
      expect(first.stop_reason).toBe('tool_use');
      expect(calls.map((call) => call.input)).toEqual([{ city: 'Paris' }, { city: 'London' }]);
      expect(new Set(calls.map((call) => call.id)).size).toBe(2);

      messages.push(
        { role: 'assistant', content: first.content },
        {
          role: 'user',
          content: [
            { type: 'tool_result', tool_use_id: calls[0]?.id ?? '', content: '21 degrees' },
            { type: 'tool_result', tool_use_id: calls[1]?.id ?? '', content: [{ type: 'text', text: '14 degrees' }] },
          ],
        },
      );
      const second = await ask({ model, max_tokens: 512, tools: [WEATHER_TOOL], messages }, mode);
      expect(second.stop_reason).toBe('end_turn');
      expect(second.content[0]?.type).toBe('text');
    },
  );
});

describe('thinking carried across turns', () => {
  it.each(['json', 'stream'] as const)('replays a Claude signature to Anthropic untouched (%s)', async (mode) => {
    const params: Params = {
      model: 'claude-sonnet-4-5',
      max_tokens: 4000,
      thinking: { type: 'enabled', budget_tokens: 2000 },
      messages: [{ role: 'user', content: 'Think about it' }],
    };
    const first = await ask(params, mode);
    const thinking = first.content[0];
    expect(thinking?.type).toBe('thinking');
    if (thinking?.type !== 'thinking') throw new Error('expected a thinking block');
    expect(thinking.signature).toBe(signatureFor(thinking.thinking));

    await ask(
      {
        ...params,
        messages: [
          ...params.messages,
          { role: 'assistant', content: first.content },
          { role: 'user', content: 'More' },
        ],
      },
      mode,
    );
    const sent = gateway.anthropic.requests.at(-1)?.body;
    expect(sent.thinking).toEqual({ type: 'enabled', budget_tokens: 2000 });
    expect(sent.messages[1].content).toEqual(JSON.parse(JSON.stringify(first.content)));
  });

  it.each(['json', 'stream'] as const)(
    'keeps Gemini thought signatures across a tool round trip (%s)',
    async (mode) => {
      const params: Params = {
        model: 'gemini-2.5-flash-lite',
        max_tokens: 4000,
        thinking: { type: 'enabled', budget_tokens: 1024 },
        tools: [WEATHER_TOOL],
        messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      };
      const first = await ask(params, mode);
      const thinking = first.content.find((block) => block.type === 'thinking');
      const [call] = toolUses(first);
      expect(thinking?.type === 'thinking' && thinking.thinking.length > 0).toBe(true);
      expect(call?.name).toBe('get_weather');
      expect(gateway.gemini.requests.at(-1)?.body.generationConfig.thinkingConfig).toMatchObject({
        includeThoughts: true,
        thinkingBudget: 1024,
      });

      await ask(
        {
          ...params,
          messages: [
            ...params.messages,
            { role: 'assistant', content: first.content },
            { role: 'user', content: [{ type: 'tool_result', tool_use_id: call?.id ?? '', content: '21 degrees' }] },
          ],
        },
        mode,
      );
      const model = gateway.gemini.requests.at(-1)?.body.contents[1];
      expect(model.role).toBe('model');
      const issued = signatureFor(thinking?.type === 'thinking' ? thinking.thinking : '');
      const signed = model.parts.filter((part: { thoughtSignature?: string }) => part.thoughtSignature);
      expect(signed.map((part: { thoughtSignature: string }) => part.thoughtSignature)).toContain(issued);
      const functionCall = model.parts.find((part: { functionCall?: unknown }) => part.functionCall);
      expect(functionCall.functionCall).toMatchObject({ name: 'get_weather', args: { city: 'Paris' } });
      expect(gateway.gemini.requests.at(-1)?.body.contents[2].parts[0].functionResponse).toMatchObject({
        name: 'get_weather',
      });
    },
  );

  it.each(['json', 'stream'] as const)('shows DeepSeek reasoning as a thinking block (%s)', async (mode) => {
    const first = await ask(
      {
        model: 'deepseek-chat',
        max_tokens: 4000,
        thinking: { type: 'enabled', budget_tokens: 2000 },
        messages: [{ role: 'user', content: 'Think about it' }],
      },
      mode,
    );
    expect(first.content[0]).toMatchObject({ type: 'thinking', thinking: expect.stringContaining('Think about it') });
    expect(first.content[1]).toMatchObject({ type: 'text', text: expect.stringContaining('DeepSeek emulator') });
  });

  it.each(['json', 'stream'] as const)(
    'asks OpenAI to reason and bills its hidden reasoning as output (%s)',
    async (mode) => {
      const message = await ask(
        {
          model: 'gpt-4.1-mini',
          max_tokens: 4000,
          thinking: { type: 'enabled', budget_tokens: 2000 },
          messages: [{ role: 'user', content: 'Think about it' }],
        },
        mode,
      );
      const sent = gateway.openai.requests.at(-1)?.body;
      expect(sent.reasoning_effort).toBeTruthy();
      expect(message.content.at(-1)?.type).toBe('text');
      // OpenAI's Chat Completions never shows reasoning text: only its tokens, inside output_tokens.
      const visible = Math.ceil(
        (message.content.at(-1)?.type === 'text' ? (message.content.at(-1) as Anthropic.TextBlock).text : '').length /
          4,
      );
      expect(message.usage.output_tokens).toBeGreaterThan(visible);
    },
  );
});
