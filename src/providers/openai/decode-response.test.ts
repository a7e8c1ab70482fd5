import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import type { ProviderContext } from '../provider.js';
import { decodeOpenAIResponse } from './decode-response.js';
import { findCompatPreset } from './presets.js';

const context = (preset?: string): ProviderContext => ({
  target: { baseUrl: 'https://x.test/v1', apiKey: 'k', model: 'm' },
  generateId: (prefix) => `${prefix}gen`,
  now: () => 0,
  compat: preset ? findCompatPreset(preset)?.quirks : undefined,
});
const body = (message: object, extra: object = {}) => ({
  id: 'chatcmpl-1',
  object: 'chat.completion',
  created: 1700000000,
  model: 'gpt-x',
  choices: [{ index: 0, message: { role: 'assistant', ...message }, finish_reason: 'stop', logprobs: null, ...extra }],
  usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
  system_fingerprint: 'fp_1',
  service_tier: 'default',
});

describe('decodeOpenAIResponse', () => {
  it('text, metadata and usage', () => {
    const result = decodeOpenAIResponse(body({ content: 'Hello', refusal: null }), context());
    expect(result).toMatchObject({
      id: 'chatcmpl-1',
      model: 'gpt-x',
      created: 1700000000,
      systemFingerprint: 'fp_1',
      serviceTier: 'default',
    });
    expect(result.choices).toEqual([
      { index: 0, content: [{ type: 'text', text: 'Hello' }], finishReason: { unified: 'stop', raw: 'stop' } },
    ]);
    expect(result.usage?.inputTokens.total).toBe(5);
  });

  it('refusal and logprobs pass through', () => {
    const logprobs = { content: null, refusal: [{ token: 'No', logprob: -0.1 }] };
    const result = decodeOpenAIResponse(body({ content: null, refusal: 'No.' }, { logprobs }), context());
    expect(result.choices[0].content).toEqual([{ type: 'refusal', text: 'No.' }]);
    expect(result.choices[0].logprobs).toEqual(logprobs);
  });

  it('reasoning comes first, from reasoning_content, then text and tool calls', () => {
    const result = decodeOpenAIResponse(
      body(
        {
          content: 'ok',
          reasoning_content: 'why',
          tool_calls: [{ id: 't1', type: 'function', function: { name: 'f', arguments: { a: 1 } } }],
        },
        { finish_reason: 'tool_calls' },
      ),
      context('deepseek'),
    );
    expect(result.choices[0].content).toEqual([
      { type: 'reasoning', text: 'why' },
      { type: 'text', text: 'ok' },
      { type: 'tool-call', id: 't1', name: 'f', arguments: '{"a":1}' },
    ]);
  });

  it('reasoning_details: signatures attach to their text, encrypted blocks are redacted parts', () => {
    const result = decodeOpenAIResponse(
      body({
        content: 'x',
        reasoning: 'A',
        reasoning_details: [
          { type: 'reasoning.text', text: 'A', signature: 'S1' },
          { type: 'reasoning.encrypted', data: 'ENC' },
          { type: 'reasoning.summary', summary: 'sum' },
        ],
      }),
      context('openrouter'),
    );
    expect(result.choices[0].content.slice(0, 3)).toEqual([
      { type: 'reasoning', text: 'A', signature: 'S1' },
      { type: 'reasoning', text: '', redactedData: 'ENC' },
      { type: 'reasoning', text: 'sum' },
    ]);
  });

  it('legacy function_call and Gemini thought signatures on tool calls', () => {
    const legacy = decodeOpenAIResponse(
      body({ content: null, function_call: { name: 'f', arguments: '{}' } }, { finish_reason: 'function_call' }),
      context(),
    );
    expect(legacy.choices[0].content).toEqual([{ type: 'tool-call', id: 'call_gen', name: 'f', arguments: '{}' }]);
    const gemini = decodeOpenAIResponse(
      body({
        tool_calls: [
          {
            id: '',
            type: 'function',
            function: { name: 'g', arguments: '{}' },
            extra_content: { google: { thought_signature: 'TS' } },
          },
        ],
      }),
      context(),
    );
    expect(gemini.choices[0].content).toEqual([
      { type: 'tool-call', id: 'call_gen', name: 'g', arguments: '{}', signature: 'TS' },
    ]);
    expect(gemini.choices[0].finishReason).toEqual({ unified: 'tool-calls', raw: 'stop' });
  });

  it('a 200 body holding an error is thrown as that error', () => {
    const call = () => decodeOpenAIResponse({ error: { message: 'Rate limited', code: 429 } }, context('openrouter'));
    expect(call).toThrow(GatewayError);
    expect(call).toThrow('Rate limited');
    try {
      call();
    } catch (error) {
      expect(error).toMatchObject({ kind: 'rate_limit', upstreamStatus: 429 });
    }
  });

  it('a body without choices is a malformed upstream answer', () => {
    expect(() => decodeOpenAIResponse({ id: 'x' }, context())).toThrow('upstream returned a malformed chat completion');
    expect(() => decodeOpenAIResponse('nope', context())).toThrow(GatewayError);
  });
});
