import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../ir/index.js';
import type { SseEvent } from '../provider.js';
import { createResponsesStreamDecoder } from './responses-stream-decoder.js';

/** Hand-written per openai-node's ResponseStreamEvent types; recorded streams are replayed in responses-decoders-recorded.test.ts. */
let sequence = 0;
function event(type: string, fields: Record<string, unknown> = {}): SseEvent {
  return { event: type, data: JSON.stringify({ type, sequence_number: sequence++, ...fields }) };
}

const created = event('response.created', {
  response: { id: 'resp_1', object: 'response', created_at: 1765591383, model: 'gpt-5-mini', status: 'in_progress' },
});
const usage = {
  input_tokens: 100,
  input_tokens_details: { cached_tokens: 40 },
  output_tokens: 30,
  output_tokens_details: { reasoning_tokens: 20 },
  total_tokens: 130,
};

function decode(events: SseEvent[], end = true): StreamPart[] {
  const decoder = createResponsesStreamDecoder();
  const parts = events.flatMap((item) => decoder.push(item));
  return end ? [...parts, ...decoder.end()] : parts;
}

describe('createResponsesStreamDecoder', () => {
  it('text, reasoning and a function call, then usage and finish from response.completed', () => {
    const parts = decode([
      created,
      event('response.output_item.added', { output_index: 0, item: { id: 'rs_1', type: 'reasoning', summary: [] } }),
      event('response.reasoning_summary_text.delta', {
        item_id: 'rs_1',
        output_index: 0,
        summary_index: 0,
        delta: 'Think',
      }),
      event('response.output_item.added', { output_index: 1, item: { id: 'msg_1', type: 'message', content: [] } }),
      event('response.output_text.delta', { item_id: 'msg_1', output_index: 1, content_index: 0, delta: 'Hel' }),
      event('response.output_text.delta', { item_id: 'msg_1', output_index: 1, content_index: 0, delta: 'lo' }),
      event('response.output_item.added', {
        output_index: 2,
        item: { id: 'fc_1', type: 'function_call', call_id: 'call_1', name: 'get_weather', arguments: '' },
      }),
      event('response.function_call_arguments.delta', { item_id: 'fc_1', output_index: 2, delta: '{"city":' }),
      event('response.function_call_arguments.delta', { item_id: 'fc_1', output_index: 2, delta: '"Paris"}' }),
      event('response.function_call_arguments.done', {
        item_id: 'fc_1',
        output_index: 2,
        arguments: '{"city":"Paris"}',
      }),
      event('response.output_item.done', {
        output_index: 2,
        item: {
          id: 'fc_1',
          type: 'function_call',
          call_id: 'call_1',
          name: 'get_weather',
          arguments: '{"city":"Paris"}',
        },
      }),
      event('response.completed', { response: { id: 'resp_1', status: 'completed', usage } }),
    ]);
    expect(parts).toEqual([
      { type: 'response-metadata', id: 'resp_1', model: 'gpt-5-mini', created: 1765591383 },
      { type: 'reasoning-delta', delta: 'Think' },
      { type: 'text-delta', delta: 'Hel' },
      { type: 'text-delta', delta: 'lo' },
      { type: 'tool-call-start', index: 0, id: 'call_1', name: 'get_weather' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-end', index: 0 },
      {
        type: 'usage',
        usage: {
          inputTokens: { total: 100, noCache: 60, cacheRead: 40, cacheWrite: undefined },
          outputTokens: { total: 30, text: 10, reasoning: 20 },
          raw: usage,
        },
      },
      { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'completed' } },
    ]);
  });

  it('response.incomplete at max_output_tokens finishes for length', () => {
    const parts = decode([
      created,
      event('response.output_text.delta', { item_id: 'msg_1', delta: 'cut' }),
      event('response.incomplete', {
        response: { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' }, usage },
      }),
    ]);
    expect(parts.at(-1)).toEqual({ type: 'finish', finishReason: { unified: 'length', raw: 'max_output_tokens' } });
  });

  it('raw reasoning text (reasoning_text.delta) and a custom tool whose input came whole with the item', () => {
    const parts = decode([
      created,
      event('response.reasoning_text.delta', { item_id: 'rs_1', content_index: 0, delta: 'raw' }),
      event('response.output_item.added', {
        item: { id: 'ctc_1', type: 'custom_tool_call', call_id: 'call_9', name: 'apply_patch', input: '' },
      }),
      event('response.output_item.done', {
        item: { id: 'ctc_1', type: 'custom_tool_call', call_id: 'call_9', name: 'apply_patch', input: '*** Begin' },
      }),
      event('response.completed', { response: { status: 'completed', usage } }),
    ]);
    expect(parts).toContainEqual({ type: 'reasoning-delta', delta: 'raw' });
    expect(parts).toContainEqual({ type: 'tool-call-delta', index: 0, argumentsDelta: '*** Begin' });
    expect(parts).toContainEqual({ type: 'tool-call-end', index: 0 });
  });

  it('OpenAI-run tools (web_search_call) give the meter nothing but their usage', () => {
    const parts = decode([
      created,
      event('response.output_item.added', { item: { id: 'ws_1', type: 'web_search_call', status: 'in_progress' } }),
      event('response.web_search_call.searching', { item_id: 'ws_1' }),
      event('response.output_item.done', { item: { id: 'ws_1', type: 'web_search_call', status: 'completed' } }),
      event('response.completed', { response: { status: 'completed', usage } }),
    ]);
    expect(parts.map((part) => part.type)).toEqual(['response-metadata', 'usage', 'finish']);
  });

  it('an error event then response.failed: one error part, with the error event’s words, at response.failed', () => {
    const decoder = createResponsesStreamDecoder();
    expect(decoder.push(created)).toHaveLength(1);
    const error = event('error', {
      error: {
        type: 'insufficient_quota',
        code: 'insufficient_quota',
        message: 'You exceeded your quota',
        param: null,
      },
    });
    expect(decoder.push(error)).toEqual([]);
    const failed = decoder.push(
      event('response.failed', { response: { status: 'failed', error: { code: 'insufficient_quota', message: 'x' } } }),
    );
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      type: 'error',
      error: { kind: 'insufficient_quota', message: 'You exceeded your quota' },
    });
    expect(decoder.end()).toEqual([]);
  });

  it('response.failed alone carries its own error; a flat error event alone ends with its words', () => {
    const failed = decode([
      created,
      event('response.failed', { response: { status: 'failed', error: { code: 'server_error', message: 'broke' } } }),
    ]);
    expect(failed.at(-1)).toMatchObject({ type: 'error', error: { kind: 'upstream_error', message: 'broke' } });
    const flat = decode([created, event('error', { code: 'server_error', message: 'flat words', param: null })]);
    expect(flat.at(-1)).toMatchObject({ type: 'error', error: { message: 'flat words' } });
  });

  it('a stream that ends without a terminal event, or with a malformed event, is an error', () => {
    const cut = decode([created, event('response.output_text.delta', { delta: 'Hel' })]);
    expect(cut.at(-1)).toMatchObject({ type: 'error', error: { kind: 'upstream_error' } });
    const malformed = decode([created, { event: 'response.output_text.delta', data: '{"type":"response.out' }]);
    expect(malformed.filter((part) => part.type === 'error')).toHaveLength(1);
  });

  it('nothing after the terminal event is decoded', () => {
    const decoder = createResponsesStreamDecoder();
    decoder.push(event('response.completed', { response: { status: 'completed', usage } }));
    expect(decoder.push(event('response.output_text.delta', { delta: 'late' }))).toEqual([]);
    expect(decoder.end()).toEqual([]);
  });
});
