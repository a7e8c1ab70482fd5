import { expect, it } from 'vitest';
import { encodeAnthropicRequest } from '../../../src/providers/anthropic/encode-request.js';
import type { ProviderContext } from '../../../src/providers/provider.js';
import { allAnthropicExchanges, describeWithFixtures, type RecordedExchange } from './fixtures.js';
import { normaliseRecordedBody, recordedRequestToIr } from './recorded-request-to-ir.js';

const exchanges = allAnthropicExchanges();
/** Requests Anthropic accepted (a 2xx answer), so their body is known-good wire format. */
const accepted = exchanges.filter((exchange) => exchange.requestBody && exchange.status < 300);
const converted = accepted.flatMap((exchange) => {
  const conversion = recordedRequestToIr(exchange.requestBody!);
  return 'request' in conversion ? [{ exchange, request: conversion.request }] : [];
});

function contextFor(exchange: RecordedExchange): ProviderContext {
  return {
    target: { baseUrl: 'https://api.anthropic.com', apiKey: 'sk-ant-test', model: String(exchange.requestBody!.model) },
    generateId: (prefix) => `${prefix}test`,
    now: () => 0,
  };
}

const MUST_COVER = [
  'pydantic-ai/tests/models/cassettes/test_anthropic/test_anthropic_tool_with_thinking.yaml#1',
  'pydantic-ai/tests/models/cassettes/test_anthropic/test_anthropic_model_thinking_part_redacted.yaml#1',
  'pydantic-ai/tests/models/cassettes/test_anthropic/test_anthropic_model_thinking_part.yaml#1',
  'pydantic-ai/tests/models/cassettes/test_anthropic/test_multiple_parallel_tool_calls.yaml#1',
  'pydantic-ai/tests/models/cassettes/test_anthropic/test_document_binary_content_input.yaml#0',
  'pydantic-ai/tests/models/cassettes/test_anthropic/test_document_url_input.yaml#0',
  'pydantic-ai/tests/models/cassettes/test_anthropic/test_image_url_input.yaml#0',
  'pydantic-ai/tests/models/cassettes/test_anthropic/test_text_document_as_binary_content_input.yaml#0',
  'pydantic-ai/tests/models/cassettes/test_anthropic/test_anthropic_sampling_settings_reach_the_wire.yaml#0',
  'pydantic-ai/tests/models/cassettes/test_anthropic/test_extra_headers.yaml#0',
  'pydantic-ai/tests/models/cassettes/test_tool_choice_matrix/test_tool_choice_matrix[required-anthropic].yaml#0',
  'pydantic-ai/tests/models/cassettes/test_tool_choice_matrix/test_tool_choice_matrix[none-anthropic].yaml#0',
  'pydantic-ai/tests/models/cassettes/test_tool_choice_matrix/test_tool_choice_matrix[list_single-anthropic].yaml#0',
  'simonw-llm-anthropic/tests/cassettes/test_anthropic/test_fixed_version_tool_chain_with_thinking_display_regression.yaml#1',
  'simonw-llm-anthropic/tests/cassettes/test_anthropic/test_prompt_with_prefill_and_stop_sequences.yaml#0',
];

describeWithFixtures('Anthropic request encoder against recorded requests', () => {
  it('converts a meaningful number of recorded requests, including the notable ones', () => {
    expect(converted.length).toBeGreaterThanOrEqual(60);
    const names = new Set(converted.map(({ exchange }) => exchange.name));
    expect(MUST_COVER.filter((name) => !names.has(name))).toEqual([]);
  });

  it.each(converted.map(({ exchange, request }) => [exchange.name, exchange, request] as const))(
    '%s',
    (_name, exchange, request) => {
      const encoded = encodeAnthropicRequest(request, contextFor(exchange));
      expect(JSON.parse(encoded.http.body)).toEqual(normaliseRecordedBody(exchange.requestBody!));
      expect(encoded.droppedParams).toEqual([]);
    },
  );

  it('replays the signed thinking block and the tool_result of the thinking tool loop byte for byte', () => {
    const { exchange, request } = converted.find(({ exchange }) => exchange.name === MUST_COVER[0])!;
    const body = JSON.parse(encodeAnthropicRequest(request, contextFor(exchange)).http.body);
    const recorded = exchange.requestBody as { messages: Array<{ content: Array<Record<string, unknown>> }> };
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 3000 });
    expect(body.max_tokens).toBe(4096);
    expect(body.messages[1].content[0]).toEqual(recorded.messages[1].content[0]);
    expect(body.messages[1].content[2]).toEqual({
      type: 'tool_use',
      id: 'toolu_01YGzqpRE16Vricda3Aqcejo',
      name: 'get_user_country',
      input: {},
    });
    expect(body.messages[2]).toEqual({
      role: 'user',
      content: [{ type: 'tool_result', tool_use_id: 'toolu_01YGzqpRE16Vricda3Aqcejo', content: 'Mexico' }],
    });
  });

  it('drops thinking for the same conversation once its signature is lost (e.g. history from another vendor)', () => {
    const { exchange, request } = converted.find(({ exchange }) => exchange.name === MUST_COVER[0])!;
    const unsigned = {
      ...request,
      messages: request.messages.map((message) =>
        message.role === 'assistant'
          ? {
              ...message,
              content: message.content.map((part) =>
                part.type === 'reasoning' ? { type: 'reasoning' as const, text: part.text } : part,
              ),
            }
          : message,
      ),
    };
    const encoded = encodeAnthropicRequest(unsigned, contextFor(exchange));
    const body = JSON.parse(encoded.http.body);
    expect(body).not.toHaveProperty('thinking');
    expect(body.messages[1].content.map((block: { type: string }) => block.type)).toEqual(['text', 'tool_use']);
    expect(encoded.droppedParams).toEqual(['reasoning']);
  });
});
