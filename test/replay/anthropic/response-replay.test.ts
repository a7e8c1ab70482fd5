import { expect, it } from 'vitest';
import { decodeAnthropicResponse } from '../../../src/providers/anthropic/decode-response.js';
import { expectedFromJson, expectResultMatches } from './expectations.js';
import { allAnthropicExchanges, describeWithFixtures, exchangesOf, type RecordedExchange } from './fixtures.js';

const exchanges = allAnthropicExchanges();
const messages = exchanges.filter(
  (exchange) =>
    exchange.status === 200 &&
    exchange.body.kind === 'json' &&
    (exchange.body.value as { type?: string } | null)?.type === 'message',
);

function bodyOf(exchange: RecordedExchange): Record<string, unknown> {
  if (exchange.body.kind !== 'json') throw new Error(`${exchange.name} is not JSON`);
  return exchange.body.value as Record<string, unknown>;
}

function decodeFixture(name: string, index = 0) {
  return decodeAnthropicResponse(bodyOf(exchangesOf(exchanges, name)[index]));
}

const pai = 'pydantic-ai/tests/models/cassettes/test_anthropic';

describeWithFixtures('Anthropic response decoder against recorded messages', () => {
  it('covers a meaningful number of recorded messages', () => {
    expect(messages.length).toBeGreaterThanOrEqual(150);
  });

  it.each(messages.map((exchange) => [exchange.name, exchange] as const))('%s', (_name, exchange) => {
    expectResultMatches(decodeAnthropicResponse(bodyOf(exchange)), expectedFromJson(bodyOf(exchange)));
  });

  it('keeps thinking with its signature before text and the tool call (tool_with_thinking)', () => {
    const result = decodeFixture(`${pai}/test_anthropic_tool_with_thinking.yaml`, 0);
    const [choice] = result.choices;
    expect(choice.content.map((part) => part.type)).toEqual(['reasoning', 'text', 'tool-call']);
    expect(choice.content[0]).toMatchObject({
      type: 'reasoning',
      text: expect.stringContaining('Let me call the get_user_country function first.'),
      signature: expect.stringMatching(/^EqEECkYICxgCKkAo3UA4WwDbB8ih.*YAQ==$/),
    });
    expect(choice.content[2]).toEqual({
      type: 'tool-call',
      id: 'toolu_01YGzqpRE16Vricda3Aqcejo',
      name: 'get_user_country',
      arguments: '{}',
    });
    expect(choice.finishReason).toEqual({ unified: 'tool-calls', raw: 'tool_use' });
    expect(result.usage?.inputTokens.total).toBe(398);
    expect(result.usage?.outputTokens.total).toBe(155);

    const answer = decodeFixture(`${pai}/test_anthropic_tool_with_thinking.yaml`, 1);
    expect(answer.choices[0].content).toEqual([{ type: 'text', text: expect.stringContaining('**Mexico City**') }]);
  });

  it('decodes four parallel tool calls in order (multiple_parallel_tool_calls)', () => {
    const [choice] = decodeFixture(`${pai}/test_multiple_parallel_tool_calls.yaml`, 0).choices;
    const calls = choice.content.flatMap((part) => (part.type === 'tool-call' ? [part] : []));
    expect(calls.map((call) => [call.id, call.name, JSON.parse(call.arguments)])).toEqual([
      ['toolu_0167cfEnoQaPviGdVXA95zcu', 'retrieve_entity_info', { name: 'Alice' }],
      ['toolu_01EEe2V5HD1Ac4rKiUR4HD2T', 'retrieve_entity_info', { name: 'Bob' }],
      ['toolu_01XFyAjstT3966qvRynZyVPo', 'retrieve_entity_info', { name: 'Charlie' }],
      ['toolu_013mnQZbgtK2oe3Mo3XKJsx3', 'retrieve_entity_info', { name: 'Daisy' }],
    ]);
  });

  it('keeps redacted thinking data opaque (thinking_part_redacted)', () => {
    const [choice] = decodeFixture(`${pai}/test_anthropic_model_thinking_part_redacted.yaml`, 0).choices;
    const redacted = choice.content.filter((part) => part.type === 'reasoning');
    expect(redacted.length).toBeGreaterThan(0);
    for (const part of redacted)
      expect(part).toEqual({ type: 'reasoning', text: '', redactedData: expect.any(String) });
  });

  it('decodes the litellm parallel tool_use message', () => {
    const result = decodeFixture(
      'litellm/tests/test_litellm/integrations/rubrik_test_sample_data/anthropic_multiple_tool_call_response.json',
    );
    expect(result.choices[0].content.filter((part) => part.type === 'tool-call')).toEqual([
      {
        type: 'tool-call',
        id: 'toolu_01Djsx6NnYkk8QyhAfQ5qMzU',
        name: 'get_weather',
        arguments: '{"location":"Portland, OR"}',
      },
      {
        type: 'tool-call',
        id: 'toolu_01SK6GcjsEFFPSaHjdaqMY4m',
        name: 'get_weather',
        arguments: '{"location":"San Francisco, CA"}',
      },
    ]);
  });

  it('turns a refusal into content-filter with the explanation (vercel refusal)', () => {
    const result = decodeFixture('vercel-ai/anthropic/src/__fixtures__/anthropic-refusal.json');
    expect(result.choices[0]).toMatchObject({
      content: [{ type: 'refusal', text: expect.stringContaining('violative cyber content') }],
      finishReason: { unified: 'content-filter', raw: 'refusal' },
    });
    const noDetails = decodeFixture('vercel-ai/anthropic/src/__fixtures__/anthropic-refusal-no-details.json');
    expect(noDetails.choices[0].content).toEqual([]);
  });

  it('reads cache usage from a prompt-caching conversation (cache_real_api)', () => {
    const recorded = bodyOf(exchangesOf(exchanges, `${pai}/test_anthropic_cache_real_api.yaml`)[1]).usage as Record<
      string,
      number
    > & { cache_creation?: { ephemeral_1h_input_tokens?: number } };
    const usage = decodeFixture(`${pai}/test_anthropic_cache_real_api.yaml`, 1).usage;
    expect(recorded.cache_read_input_tokens + recorded.cache_creation_input_tokens).toBeGreaterThan(0);
    expect(usage?.inputTokens).toEqual({
      noCache: recorded.input_tokens,
      cacheRead: recorded.cache_read_input_tokens,
      cacheWrite: recorded.cache_creation_input_tokens,
      // The recording splits its writes by lifetime: the one-hour part is priced apart.
      cacheWrite1h: recorded.cache_creation?.ephemeral_1h_input_tokens,
      total: recorded.input_tokens + recorded.cache_read_input_tokens + recorded.cache_creation_input_tokens,
    });
  });
});
