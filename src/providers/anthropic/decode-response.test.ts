import { describe, expect, it } from 'vitest';
import { decodeAnthropicResponse } from './decode-response.js';

const usage = { input_tokens: 398, cache_creation_input_tokens: 0, cache_read_input_tokens: 0, output_tokens: 155 };

describe('decodeAnthropicResponse', () => {
  it('converts thinking, text and tool_use blocks in order', () => {
    const result = decodeAnthropicResponse({
      id: 'msg_1',
      type: 'message',
      role: 'assistant',
      model: 'claude-sonnet-4-20250514',
      content: [
        { type: 'thinking', thinking: 'Let me call it.', signature: 'EqEE' },
        { type: 'redacted_thinking', data: 'EmwK' },
        { type: 'text', text: 'Checking.', citations: null },
        { type: 'tool_use', id: 'toolu_1', name: 'get_user_country', input: {} },
        { type: 'tool_use', id: 'toolu_2', name: 'lookup', input: { q: 'a "b"', n: 2 } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      usage,
    });
    expect(result).toEqual({
      id: 'msg_1',
      model: 'claude-sonnet-4-20250514',
      choices: [
        {
          index: 0,
          content: [
            { type: 'reasoning', text: 'Let me call it.', signature: 'EqEE' },
            { type: 'reasoning', text: '', redactedData: 'EmwK' },
            { type: 'text', text: 'Checking.' },
            { type: 'tool-call', id: 'toolu_1', name: 'get_user_country', arguments: '{}' },
            { type: 'tool-call', id: 'toolu_2', name: 'lookup', arguments: '{"q":"a \\"b\\"","n":2}' },
          ],
          finishReason: { unified: 'tool-calls', raw: 'tool_use' },
        },
      ],
      usage: {
        inputTokens: { total: 398, noCache: 398, cacheRead: 0, cacheWrite: 0 },
        outputTokens: { total: 155, text: undefined, reasoning: undefined },
        raw: usage,
      },
    });
  });

  it('ignores server-tool blocks without failing', () => {
    const result = decodeAnthropicResponse({
      content: [
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_fetch', input: { url: 'https://x.test' } },
        { type: 'web_fetch_tool_result', tool_use_id: 'srvtoolu_1', content: { type: 'web_fetch_tool_result_error' } },
        { type: 'text', text: 'Unavailable.' },
      ],
      stop_reason: 'end_turn',
    });
    expect(result.choices[0].content).toEqual([{ type: 'text', text: 'Unavailable.' }]);
    expect(result.usage).toBeUndefined();
  });

  it('adds the refusal explanation as a refusal part', () => {
    const result = decodeAnthropicResponse({
      content: [],
      stop_reason: 'refusal',
      stop_details: { type: 'refusal', category: 'cyber', explanation: 'Blocked by policy.' },
    });
    expect(result.choices[0]).toMatchObject({
      content: [{ type: 'refusal', text: 'Blocked by policy.' }],
      finishReason: { unified: 'content-filter', raw: 'refusal' },
    });
  });

  it('throws the mapped error for a 200 body that is an error envelope', () => {
    expect(() =>
      decodeAnthropicResponse({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }),
    ).toThrow(expect.objectContaining({ kind: 'overloaded', status: 503, retryable: true }));
  });

  it('throws upstream_error for a body that is not a message', () => {
    expect(() => decodeAnthropicResponse({ hello: 'world' })).toThrow(
      expect.objectContaining({ kind: 'upstream_error' }),
    );
    expect(() => decodeAnthropicResponse('nope')).toThrow(expect.objectContaining({ kind: 'upstream_error' }));
  });
});

describe('decodeAnthropicResponse: stop sequences', () => {
  it('keeps the matched stop sequence', () => {
    const result = decodeAnthropicResponse({
      id: 'msg_1',
      content: [{ type: 'text', text: 'a' }],
      stop_reason: 'stop_sequence',
      stop_sequence: '###',
      usage: { input_tokens: 1, output_tokens: 1 },
    });
    expect(result.choices[0]?.finishReason).toEqual({ unified: 'stop', raw: 'stop_sequence', stopSequence: '###' });
  });
});
