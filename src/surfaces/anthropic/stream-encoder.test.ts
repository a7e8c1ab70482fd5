import { describe, expect, it } from 'vitest';
import { accumulateWithSdk, frames } from '../../../test/replay/anthropic/sdk-accumulate.js';
import { GatewayError, type StreamPart } from '../../ir/index.js';
import type { ResponseMeta } from '../surface.js';
import { MessagesStreamEncoder } from './stream-encoder.js';

const meta: ResponseMeta = {
  requestId: 'r1',
  created: 1,
  model: 'claude-x',
  provider: 'anthropic',
  vendor: 'anthropic',
};

function run(parts: StreamPart[], responseMeta: ResponseMeta = meta): string {
  const encoder = new MessagesStreamEncoder(responseMeta);
  return parts.map((part) => encoder.encode(part)).join('') + encoder.end();
}

const usage = { inputTokens: { total: 20, noCache: 15, cacheRead: 5 }, outputTokens: {} };
const finalUsage = { inputTokens: { total: 20, noCache: 15, cacheRead: 5 }, outputTokens: { total: 9 } };

describe('MessagesStreamEncoder', () => {
  it('emits the exact event sequence for thinking then text', () => {
    const sse = run([
      { type: 'response-metadata', id: 'msg_up', model: 'claude-up' },
      { type: 'usage', usage },
      { type: 'reasoning-delta', delta: 'Let me' },
      { type: 'reasoning-delta', delta: ' think' },
      { type: 'reasoning-signature', signature: 'EqQB' },
      { type: 'text-delta', delta: 'Hi' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'end_turn' } },
      { type: 'usage', usage: finalUsage },
    ]);
    expect(frames(sse)).toEqual([
      [
        'message_start',
        {
          type: 'message_start',
          message: {
            id: 'msg_r1',
            type: 'message',
            role: 'assistant',
            model: 'claude-x',
            content: [],
            stop_reason: null,
            stop_sequence: null,
            usage: {
              input_tokens: 15,
              output_tokens: 0,
              cache_creation_input_tokens: 0,
              cache_read_input_tokens: 5,
              cache_creation: { ephemeral_5m_input_tokens: 0, ephemeral_1h_input_tokens: 0 },
              service_tier: 'standard',
            },
          },
        },
      ],
      ['ping', { type: 'ping' }],
      [
        'content_block_start',
        { type: 'content_block_start', index: 0, content_block: { type: 'thinking', thinking: '', signature: '' } },
      ],
      [
        'content_block_delta',
        { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me' } },
      ],
      [
        'content_block_delta',
        { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: ' think' } },
      ],
      [
        'content_block_delta',
        { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'EqQB' } },
      ],
      ['content_block_stop', { type: 'content_block_stop', index: 0 }],
      ['content_block_start', { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } }],
      ['content_block_delta', { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Hi' } }],
      ['content_block_stop', { type: 'content_block_stop', index: 1 }],
      [
        'message_delta',
        {
          type: 'message_delta',
          delta: { stop_reason: 'end_turn', stop_sequence: null, stop_details: null },
          usage: { input_tokens: 15, output_tokens: 9, cache_creation_input_tokens: 0, cache_read_input_tokens: 5 },
        },
      ],
      ['message_stop', { type: 'message_stop' }],
    ]);
  });

  it('sends nothing before the first content, so the relay can still answer with an HTTP error', () => {
    const encoder = new MessagesStreamEncoder(meta);
    expect(encoder.encode({ type: 'response-metadata', id: 'x' })).toBe('');
    expect(encoder.encode({ type: 'usage', usage })).toBe('');
    expect(encoder.encode({ type: 'text-delta', delta: 'a' })).toContain('event: message_start');
  });

  it('streams tool calls (Gemini signature in the id), redacted thinking, and a matched stop sequence', async () => {
    const sse = run(
      [
        { type: 'reasoning-redacted', data: 'opaque' },
        { type: 'text-delta', delta: 'Calling' },
        { type: 'tool-call-start', index: 0, id: 'call_a', name: 'f', signature: 'R2Vt' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '{"x":' },
        { type: 'tool-call-start', index: 1, id: 'call_b', name: 'g' },
        { type: 'tool-call-delta', index: 0, argumentsDelta: '1}' },
        { type: 'tool-call-delta', index: 1, argumentsDelta: '{}' },
        { type: 'tool-call-end', index: 0 },
        { type: 'tool-call-end', index: 1 },
        { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_calls' } },
      ],
      { ...meta, provider: 'gemini' },
    );
    const message = await accumulateWithSdk(sse);
    expect(message.content).toEqual([
      { type: 'redacted_thinking', data: 'aihub.v1.gemini.opaque' },
      { type: 'text', text: 'Calling' },
      { type: 'tool_use', id: 'call_a__sig__R2Vt', name: 'f', input: { x: 1 } },
      { type: 'tool_use', id: 'call_b', name: 'g', input: {} },
    ]);
    expect(message.stop_reason).toBe('tool_use');
    const stops = frames(sse).filter(([event]) => event === 'content_block_stop');
    expect(stops.map(([, data]) => (data as { index: number }).index)).toEqual([0, 1, 2, 3]);
  });

  it('reports the matched stop sequence in message_delta', async () => {
    const sse = run([
      { type: 'text-delta', delta: 'a' },
      { type: 'finish', finishReason: { unified: 'stop', raw: 'stop_sequence', stopSequence: 'END' } },
    ]);
    const message = await accumulateWithSdk(sse);
    expect([message.stop_reason, message.stop_sequence]).toEqual(['stop_sequence', 'END']);
  });

  it('opens a new thinking block for reasoning after a signature, and one for a signature alone', async () => {
    const sse = run(
      [
        { type: 'reasoning-delta', delta: 'a' },
        { type: 'reasoning-signature', signature: 's1' },
        { type: 'reasoning-delta', delta: 'b' },
        { type: 'text-delta', delta: 'x' },
        { type: 'reasoning-signature', signature: 's2' },
      ],
      { ...meta, provider: 'anthropic' },
    );
    const message = await accumulateWithSdk(sse);
    expect(message.content).toEqual([
      { type: 'thinking', thinking: 'a', signature: 's1' },
      { type: 'thinking', thinking: 'b', signature: '' },
      { type: 'text', text: 'x' },
      { type: 'thinking', thinking: '', signature: 's2' },
    ]);
  });

  it('sends a refusal as stop_details, and an OpenAI refusal that ends in stop as text', async () => {
    const refused = frames(
      run([
        { type: 'text-delta', delta: 'a' },
        { type: 'refusal-delta', delta: 'Policy.' },
        { type: 'finish', finishReason: { unified: 'content-filter', raw: 'refusal' } },
      ]),
    );
    expect(refused.find(([event]) => event === 'message_delta')?.[1]).toMatchObject({
      delta: { stop_reason: 'refusal', stop_details: { type: 'refusal', category: null, explanation: 'Policy.' } },
    });
    const message = await accumulateWithSdk(
      run([
        { type: 'refusal-delta', delta: 'I cannot.' },
        { type: 'finish', finishReason: { unified: 'stop', raw: 'stop' } },
      ]),
    );
    expect(message.content).toEqual([{ type: 'text', text: 'I cannot.' }]);
  });

  it('answers an empty stream with a whole, empty message', async () => {
    const message = await accumulateWithSdk(run([]));
    expect(message).toMatchObject({ id: 'msg_r1', content: [], stop_reason: 'end_turn' });
  });

  it('ends with the error event and nothing after it', () => {
    const encoder = new MessagesStreamEncoder(meta);
    const out =
      encoder.encode({ type: 'text-delta', delta: 'a' }) +
      encoder.encode({ type: 'error', error: new GatewayError({ kind: 'overloaded', message: 'Overloaded' }) }) +
      encoder.encode({ type: 'text-delta', delta: 'b' }) +
      encoder.end();
    expect(frames(out).at(-1)).toEqual([
      'error',
      { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
    ]);
    expect(frames(out).filter(([event]) => event === 'message_stop')).toEqual([]);
  });
});
