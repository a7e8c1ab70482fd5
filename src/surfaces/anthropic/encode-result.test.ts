import { describe, expect, it } from 'vitest';
import type { ChatResult } from '../../ir/index.js';
import type { ResponseMeta } from '../surface.js';
import { encodeMessagesResult } from './encode-result.js';

const meta: ResponseMeta = {
  requestId: 'req-01',
  created: 1,
  model: 'claude-x',
  provider: 'anthropic',
  vendor: 'anthropic',
};

describe('encodeMessagesResult', () => {
  it('encodes blocks in order with the stop reason and usage', () => {
    const result: ChatResult = {
      choices: [
        {
          index: 0,
          content: [
            { type: 'reasoning', text: 'hmm', signature: 'EqQB' },
            { type: 'reasoning', text: '', redactedData: 'opaque' },
            { type: 'text', text: 'Calling.' },
            { type: 'tool-call', id: 'toolu_1', name: 'f', arguments: '{"a":1}' },
          ],
          finishReason: { unified: 'tool-calls', raw: 'tool_use' },
        },
      ],
      usage: { inputTokens: { total: 12, noCache: 12 }, outputTokens: { total: 30 } },
    };
    expect(encodeMessagesResult(result, meta)).toEqual({
      id: 'msg_req-01',
      type: 'message',
      role: 'assistant',
      model: 'claude-x',
      content: [
        { type: 'thinking', thinking: 'hmm', signature: 'EqQB' },
        { type: 'redacted_thinking', data: 'opaque' },
        { type: 'text', text: 'Calling.' },
        { type: 'tool_use', id: 'toolu_1', name: 'f', input: { a: 1 } },
      ],
      stop_reason: 'tool_use',
      stop_sequence: null,
      stop_details: null,
      usage: {
        input_tokens: 12,
        output_tokens: 30,
        cache_creation_input_tokens: 0,
        cache_read_input_tokens: 0,
        cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
        service_tier: 'standard',
      },
    });
  });

  it('seals a foreign vendor’s signatures, carries Gemini call signatures in the id, and tolerates bad arguments', () => {
    const result: ChatResult = {
      choices: [
        {
          index: 0,
          content: [
            { type: 'reasoning', text: 'g', signature: 'CiQB' },
            { type: 'reasoning', text: 'deepseek thoughts' },
            { type: 'tool-call', id: 'call_1', name: 'f', arguments: '{"a":', signature: 'R2Vt' },
            { type: 'refusal', text: 'no' },
          ],
          finishReason: { unified: 'length', raw: 'MAX_TOKENS' },
        },
      ],
    };
    const encoded = encodeMessagesResult(result, { ...meta, provider: 'gemini' });
    expect(encoded.content).toEqual([
      { type: 'thinking', thinking: 'g', signature: 'aihub.v1.gemini.CiQB' },
      { type: 'thinking', thinking: 'deepseek thoughts', signature: '' },
      { type: 'tool_use', id: 'call_1__sig__R2Vt', name: 'f', input: {} },
      { type: 'text', text: 'no' },
    ]);
    expect(encoded.stop_reason).toBe('max_tokens');
  });

  it('puts a refusal’s explanation in stop_details', () => {
    const encoded = encodeMessagesResult(
      {
        choices: [
          {
            index: 0,
            content: [
              { type: 'text', text: 'Partial' },
              { type: 'refusal', text: 'Policy.' },
            ],
            finishReason: { unified: 'content-filter', raw: 'refusal' },
          },
        ],
      },
      meta,
    );
    expect(encoded.content).toEqual([{ type: 'text', text: 'Partial' }]);
    expect(encoded.stop_details).toEqual({ type: 'refusal', category: null, explanation: 'Policy.' });
  });

  it('answers a matched stop sequence', () => {
    const encoded = encodeMessagesResult(
      {
        choices: [
          {
            index: 0,
            content: [{ type: 'text', text: 'a' }],
            finishReason: { unified: 'stop', raw: 'stop_sequence', stopSequence: '###' },
          },
        ],
      },
      meta,
    );
    expect([encoded.stop_reason, encoded.stop_sequence]).toEqual(['stop_sequence', '###']);
  });

  it('leaves a generated image out: Messages has no image output block', () => {
    const result: ChatResult = {
      choices: [
        {
          index: 0,
          content: [
            { type: 'text', text: 'A cat.' },
            { type: 'generated-image', mediaType: 'image/png', data: 'iVBOR', signature: 's' },
          ],
          finishReason: { unified: 'stop', raw: 'STOP' },
        },
      ],
    };
    expect(encodeMessagesResult(result, { ...meta, provider: 'gemini' }).content).toEqual([
      { type: 'text', text: 'A cat.' },
    ]);
  });
});
