import { describe, expect, it } from 'vitest';
import type { ChatRequest } from '../../ir/index.js';
import type { ProviderContext } from '../provider.js';
import { encodeAnthropicRequest, messagesUrl } from './encode-request.js';

const context: ProviderContext = {
  target: {
    baseUrl: 'https://api.anthropic.com/',
    apiKey: 'sk-ant-test',
    model: 'claude-sonnet-4-5',
    headers: { 'anthropic-beta': 'x' },
  },
  generateId: (prefix) => `${prefix}1`,
  now: () => 0,
};

function request(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return {
    model: 'alias',
    messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
    stream: false,
    includeUsage: false,
    ...overrides,
  };
}

function encode(overrides: Partial<ChatRequest> = {}, ctx: ProviderContext = context) {
  const encoded = encodeAnthropicRequest(request(overrides), ctx);
  return { ...encoded, body: JSON.parse(encoded.http.body) as Record<string, unknown> };
}

describe('encodeAnthropicRequest', () => {
  it('posts to /v1/messages with the key, version and channel headers', () => {
    const { http, body, droppedParams } = encode();
    expect(http.method).toBe('POST');
    expect(http.url).toBe('https://api.anthropic.com/v1/messages');
    expect(http.headers).toEqual({
      'content-type': 'application/json',
      'x-api-key': 'sk-ant-test',
      'anthropic-version': '2023-06-01',
      'anthropic-beta': 'x',
    });
    expect(body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 4096,
      messages: [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }],
      stream: false,
    });
    expect(droppedParams).toEqual([]);
  });

  it('takes max_tokens from the request, then the catalog', () => {
    expect(encode({ maxOutputTokens: 77 }).body.max_tokens).toBe(77);
    expect(encode({}, { ...context, model: { maxOutputTokens: 64000 } }).body.max_tokens).toBe(64000);
  });

  it('maps stop, sampling, user and stream', () => {
    const { body } = encode({ stop: ['END'], temperature: 0.2, topP: 0.9, topK: 40, user: 'u-1', stream: true });
    expect(body).toMatchObject({
      stop_sequences: ['END'],
      temperature: 0.2,
      top_p: 0.9,
      top_k: 40,
      metadata: { user_id: 'u-1' },
      stream: true,
    });
  });

  it('clamps an OpenAI-range temperature to Anthropic’s maximum of 1', () => {
    expect(encode({ temperature: 1.7 }).body.temperature).toBe(1);
  });

  it('rejects n > 1 and reports unsupported parameters as dropped', () => {
    expect(() => encode({ n: 2 })).toThrow(expect.objectContaining({ kind: 'invalid_request', param: 'n' }));
    const { droppedParams, body } = encode({
      n: 1,
      seed: 1,
      logprobs: true,
      topLogprobs: 2,
      frequencyPenalty: 0.5,
      presencePenalty: 0,
      logitBias: { '1': 2 },
      metadata: { a: 'b' },
      extraBody: { min_p: 0.1, enable_thinking: true },
    });
    expect(droppedParams).toEqual([
      'seed',
      'logprobs',
      'top_logprobs',
      'frequency_penalty',
      'logit_bias',
      'metadata',
      'min_p',
      'enable_thinking',
    ]);
    expect(body).not.toHaveProperty('seed');
    expect(body).not.toHaveProperty('min_p');
  });

  it('enables thinking with a budget and drops sampling Anthropic refuses with it', () => {
    const { body, droppedParams } = encode({ reasoning: { effort: 'low' }, temperature: 0.5, topP: 0.9, topK: 5 });
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    expect(body.max_tokens).toBe(4096);
    expect(body).not.toHaveProperty('temperature');
    expect(body).not.toHaveProperty('top_p');
    expect(body).not.toHaveProperty('top_k');
    expect(droppedParams).toEqual(['temperature', 'top_p', 'top_k']);
    expect(encode({ reasoning: { effort: 'low' }, temperature: 1 }).body.temperature).toBe(1);
  });

  it('makes max_tokens exceed the budget', () => {
    expect(encode({ reasoning: { budgetTokens: 10000 }, maxOutputTokens: 1000 }).body).toMatchObject({
      max_tokens: 11000,
      thinking: { type: 'enabled', budget_tokens: 10000 },
    });
  });

  it('omits thinking when reasoning is disabled', () => {
    const { body, droppedParams } = encode({ reasoning: { disabled: true, effort: 'none' } });
    expect(body).not.toHaveProperty('thinking');
    expect(droppedParams).toEqual([]);
  });

  it('omits thinking (and reports it) when the pending tool turn has no signed thinking', () => {
    const { body, droppedParams } = encode({
      reasoning: { effort: 'medium' },
      temperature: 0.3,
      tools: [{ name: 'f', parameters: { type: 'object' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'go' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'unsigned, from another vendor' },
            { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{}' },
          ],
        },
        { role: 'tool', toolCallId: 'call_1', content: [{ type: 'text', text: 'ok' }] },
      ],
    });
    expect(body).not.toHaveProperty('thinking');
    expect(body.temperature).toBe(0.3);
    expect(body.max_tokens).toBe(4096);
    expect(droppedParams).toEqual(['reasoning']);
  });

  it('keeps thinking when the pending tool turn carries a signed thinking block', () => {
    const { body } = encode({
      reasoning: { budgetTokens: 3000 },
      tools: [{ name: 'f', parameters: { type: 'object' } }],
      messages: [
        { role: 'user', content: [{ type: 'text', text: 'go' }] },
        {
          role: 'assistant',
          content: [
            { type: 'reasoning', text: 'plan', signature: 'sig' },
            { type: 'tool-call', id: 'toolu_1', name: 'f', arguments: '{}' },
          ],
        },
        { role: 'tool', toolCallId: 'toolu_1', content: [{ type: 'text', text: 'ok' }] },
      ],
    });
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 3000 });
  });

  it('omits thinking when a tool is forced', () => {
    const { body, droppedParams } = encode({
      reasoning: { effort: 'high' },
      tools: [{ name: 'f', parameters: { type: 'object' } }],
      toolChoice: { type: 'required' },
    });
    expect(body).not.toHaveProperty('thinking');
    expect(body.tool_choice).toEqual({ type: 'any' });
    expect(droppedParams).toEqual(['reasoning']);
  });

  it('asks for a JSON schema with output_config.format on a model with structured outputs', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const { body } = encode({ responseFormat: { type: 'json_schema', name: 'answer', schema } });
    expect(body.output_config).toEqual({ format: { type: 'json_schema', schema } });
    expect(body).not.toHaveProperty('system');
  });

  it('asks older models for JSON through a system instruction after the hoisted system text', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    const older: ProviderContext = { ...context, target: { ...context.target, model: 'claude-3-7-sonnet-20250219' } };
    const { body } = encode(
      {
        messages: [
          { role: 'system', content: [{ type: 'text', text: 'Be terse.' }] },
          { role: 'user', content: [{ type: 'text', text: 'hi' }] },
        ],
        responseFormat: { type: 'json_schema', name: 'answer', schema },
      },
      older,
    );
    const system = body.system as Array<{ type: string; text: string }>;
    expect(system[0]).toEqual({ type: 'text', text: 'Be terse.' });
    expect(system[1].text).toContain(JSON.stringify(schema));
    expect(body).not.toHaveProperty('output_config');
    expect(encode({ responseFormat: { type: 'json_object' } }).body.system).toEqual([
      { type: 'text', text: expect.stringContaining('JSON object') },
    ]);
    expect(encode({ responseFormat: { type: 'text' } }).body).not.toHaveProperty('system');
  });
});

describe('messagesUrl', () => {
  it('appends /v1/messages to the host root and tolerates a trailing /v1', () => {
    expect(messagesUrl('https://api.anthropic.com')).toBe('https://api.anthropic.com/v1/messages');
    expect(messagesUrl('https://proxy.test/anthropic/v1/')).toBe('https://proxy.test/anthropic/v1/messages');
  });
});

describe('thinking by Claude generation', () => {
  const ctx = (model: string) => ({
    target: { baseUrl: 'https://api.anthropic.com', apiKey: 'k', model },
    generateId: (prefix: string) => `${prefix}1`,
    now: () => 0,
  });
  const ask = (extra: Partial<import('../../ir/index.js').ChatRequest>) => ({
    model: 'x',
    messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'Hi' }] }],
    stream: false,
    includeUsage: false,
    ...extra,
  });

  it('asks Opus 4.7 and Claude 5 for adaptive thinking with an effort and summarized text, as recorded', () => {
    for (const model of ['claude-opus-4-7', 'claude-opus-5']) {
      const body = JSON.parse(
        encodeAnthropicRequest(ask({ reasoning: { effort: 'xhigh' }, maxOutputTokens: 4096 }), ctx(model)).http.body,
      );
      expect(body.thinking).toEqual({ type: 'adaptive', display: 'summarized' });
      expect(body.output_config).toEqual({ effort: 'xhigh' });
      expect(body.max_tokens).toBe(4096);
    }
  });

  it('drops sampling parameters adaptive-only models reject, even without thinking', () => {
    const encoded = encodeAnthropicRequest(ask({ temperature: 0.2, topP: 0.9 }), ctx('claude-opus-4-7'));
    const body = JSON.parse(encoded.http.body);
    expect(body.temperature).toBeUndefined();
    expect(body.top_p).toBeUndefined();
    expect(encoded.droppedParams).toEqual(['temperature', 'top_p']);
  });

  it('keeps an explicit budget on Claude 4.6 and uses adaptive for an effort', () => {
    const budget = JSON.parse(
      encodeAnthropicRequest(ask({ reasoning: { budgetTokens: 2048 } }), ctx('claude-opus-4-6')).http.body,
    );
    expect(budget.thinking).toEqual({ type: 'enabled', budget_tokens: 2048 });
    const effort = JSON.parse(
      encodeAnthropicRequest(ask({ reasoning: { effort: 'low' } }), ctx('claude-sonnet-4-6')).http.body,
    );
    expect(effort.thinking).toEqual({ type: 'adaptive', display: 'summarized' });
    expect(effort.output_config).toEqual({ effort: 'low' });
  });
});
