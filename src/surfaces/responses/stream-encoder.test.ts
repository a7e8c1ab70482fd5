import { describe, expect, it } from 'vitest';
import {
  expectValidResponsesStream,
  parseResponsesSse,
  resultFromParts,
} from '../../../test/replay/responses/stream-checks.js';
import { GatewayError, type StreamPart } from '../../ir/index.js';
import type { ResponseMeta } from '../surface.js';
import { decodeResponsesRequest } from './decode-request.js';
import { encodeResponse } from './encode-response.js';
import { openReasoning } from './reasoning-envelope.js';
import { ResponsesStreamEncoder } from './stream-encoder.js';

const meta: ResponseMeta = {
  requestId: 'abc',
  created: 1700000000,
  model: 'claude-x',
  provider: 'anthropic',
  vendor: 'anthropic',
};
const usage = { inputTokens: { total: 20, cacheRead: 5 }, outputTokens: { total: 9, reasoning: 4 } };

function run(parts: StreamPart[], body: Record<string, unknown> = {}) {
  const request = decodeResponsesRequest({ model: 'claude-x', input: 'hi', stream: true, ...body });
  const encoder = new ResponsesStreamEncoder(request, meta);
  const text = parts.map((part) => encoder.encode(part)).join('') + encoder.end();
  const events = parseResponsesSse(text);
  return { request, encoder, text, events, types: events.map((event) => event.data.type) };
}

describe('ResponsesStreamEncoder', () => {
  it('a text answer: the exact event sequence', () => {
    const { events, types, encoder } = run([
      { type: 'response-metadata', id: 'up-1' },
      { type: 'text-delta', delta: 'Hel' },
      { type: 'text-delta', delta: 'lo' },
      { type: 'usage', usage },
      { type: 'finish', finishReason: { unified: 'stop' } },
    ]);
    expect(types).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events[0]?.data.response).toMatchObject({ id: 'resp_abc', status: 'in_progress', output: [], usage: null });
    expect(events[3]?.data).toEqual({
      type: 'response.content_part.added',
      sequence_number: 3,
      item_id: 'msg_abc_0',
      output_index: 0,
      content_index: 0,
      part: { type: 'output_text', annotations: [], logprobs: [], text: '' },
    });
    expect(events[4]?.data).toEqual({
      type: 'response.output_text.delta',
      sequence_number: 4,
      item_id: 'msg_abc_0',
      output_index: 0,
      content_index: 0,
      delta: 'Hel',
      logprobs: [],
    });
    expect(events[6]?.data).toMatchObject({ text: 'Hello', logprobs: [] });
    const response = expectValidResponsesStream(events);
    expect(response).toMatchObject({ status: 'completed', usage: { input_tokens: 20, total_tokens: 29 } });
    expect(encoder.completedResponse()).toEqual(response);
  });

  it('reasoning with summaries and signatures, text, parallel tool calls: the final response equals the JSON encoding', () => {
    const parts: StreamPart[] = [
      { type: 'reasoning-delta', delta: 'Let me ' },
      { type: 'reasoning-delta', delta: 'think.' },
      { type: 'reasoning-signature', signature: 'sig-1' },
      { type: 'reasoning-redacted', data: 'redacted-1' },
      { type: 'text-delta', delta: 'Checking.' },
      { type: 'refusal-delta', delta: 'Not that.' },
      { type: 'tool-call-start', index: 0, id: 'call_a', name: 'weather' },
      { type: 'tool-call-start', index: 1, id: 'call_b', name: 'time', signature: 'gem' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' },
      { type: 'tool-call-delta', index: 0, argumentsDelta: '"Paris"}' },
      { type: 'tool-call-end', index: 0 },
      { type: 'usage', usage },
      { type: 'finish', finishReason: { unified: 'tool-calls' } },
    ];
    const body = { reasoning: { summary: 'auto' }, include: ['reasoning.encrypted_content'] };
    const { events, types, request, encoder } = run(parts, body);
    const response = expectValidResponsesStream(events);
    expect(response).toEqual(encodeResponse(resultFromParts(parts), request, meta));
    expect(types.slice(2, 9)).toEqual([
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.delta',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.output_item.done',
    ]);
    expect(types).toContain('response.refusal.delta');
    expect(types).toContain('response.refusal.done');
    const output = response.output as Array<Record<string, unknown>>;
    expect(output.map((item) => item.type)).toEqual([
      'reasoning',
      'reasoning',
      'message',
      'function_call',
      'function_call',
    ]);
    expect(openReasoning(output[0]?.encrypted_content as string)).toEqual({
      type: 'reasoning',
      text: 'Let me think.',
      signature: 'sig-1',
      signatureProvider: 'anthropic',
    });
    expect(output[4]).toMatchObject({ call_id: 'call_b__sig__gem', arguments: '{}', name: 'time' });
    const argsDone = events.find((event) => event.data.type === 'response.function_call_arguments.done');
    expect(argsDone?.data).toMatchObject({
      item_id: 'fc_abc_3',
      output_index: 3,
      arguments: '{"city":"Paris"}',
      name: 'weather',
    });
    const stored = encoder.storedResponse();
    expect(stored?.id).toBe(response.id);
    expect(stored?.output).toEqual(encodeResponse(resultFromParts(parts), request, meta, true).output);
  });

  it('hides reasoning text without a summary request, but still opens and closes the item', () => {
    const { types, events } = run([
      { type: 'reasoning-delta', delta: 'secret' },
      { type: 'text-delta', delta: 'ok' },
      { type: 'finish', finishReason: { unified: 'stop' } },
    ]);
    expect(types).not.toContain('response.reasoning_summary_text.delta');
    const response = expectValidResponsesStream(events);
    expect((response.output as Array<Record<string, unknown>>)[0]).toEqual({
      id: 'rs_abc_0',
      type: 'reasoning',
      summary: [],
    });
  });

  it('a length stop ends with response.incomplete and the cut item incomplete', () => {
    const parts: StreamPart[] = [
      { type: 'text-delta', delta: 'partial' },
      { type: 'finish', finishReason: { unified: 'length', raw: 'max_tokens' } },
    ];
    const { events, types, request } = run(parts);
    expect(types.at(-1)).toBe('response.incomplete');
    const response = expectValidResponsesStream(events);
    expect(response).toMatchObject({ status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } });
    expect(response).toEqual(encodeResponse(resultFromParts(parts), request, meta));
    expect(events.find((event) => event.data.type === 'response.output_item.done')?.data.item).toMatchObject({
      status: 'incomplete',
    });
  });

  it('an error mid-stream: an error event, then response.failed; nothing after', () => {
    const request = decodeResponsesRequest({ model: 'm', input: 'x', stream: true });
    const encoder = new ResponsesStreamEncoder(request, meta);
    let text = encoder.encode({ type: 'text-delta', delta: 'Hi' });
    text += encoder.encode({
      type: 'error',
      error: new GatewayError({ kind: 'rate_limit', message: 'Slow down.' }),
    });
    expect(encoder.end()).toBe('');
    expect(encoder.encode({ type: 'text-delta', delta: 'late' })).toBe('');
    const events = parseResponsesSse(text);
    expect(events.map((event) => event.data.type).slice(-2)).toEqual(['error', 'response.failed']);
    expect(events.at(-2)?.data).toEqual({
      type: 'error',
      sequence_number: events.length - 2,
      error: { message: 'Slow down.', type: 'rate_limit_error', param: null, code: 'rate_limit_exceeded' },
      code: 'rate_limit_exceeded',
      message: 'Slow down.',
      param: null,
    });
    const response = expectValidResponsesStream(events);
    expect(response).toMatchObject({ status: 'failed', error: { code: 'rate_limit_exceeded', message: 'Slow down.' } });
    expect(encoder.completedResponse()).toEqual(response);
  });

  it('opens lazily, and still answers a complete stream when nothing came', () => {
    const request = decodeResponsesRequest({ model: 'm', input: 'x', stream: true });
    const encoder = new ResponsesStreamEncoder(request, meta);
    expect(encoder.encode({ type: 'usage', usage })).toBe('');
    expect(encoder.encode({ type: 'text-delta', delta: '' })).toBe('');
    expect(encoder.encode({ type: 'text-delta', delta: 'x', choice: 1 })).toBe('');
    const events = parseResponsesSse(encoder.end());
    expect(events.map((event) => event.data.type)).toEqual([
      'response.created',
      'response.in_progress',
      'response.completed',
    ]);
    expect(expectValidResponsesStream(events)).toMatchObject({ output: [], usage: { input_tokens: 20 } });
  });

  it('an error before any content still opens the stream first', () => {
    const request = decodeResponsesRequest({ model: 'm', input: 'x', stream: true });
    const encoder = new ResponsesStreamEncoder(request, meta);
    const events = parseResponsesSse(encoder.error(new GatewayError({ kind: 'upstream_error', message: 'boom' })));
    expect(events.map((event) => event.data.type)).toEqual([
      'response.created',
      'response.in_progress',
      'error',
      'response.failed',
    ]);
  });

  it('a generated image: an image_generation_call item added, generated and done, as in the final response', () => {
    const { events, types, request } = run([
      { type: 'text-delta', delta: 'A cat.' },
      { type: 'generated-image', mediaType: 'image/png', data: 'iVBOR', signature: 's' },
      { type: 'finish', finishReason: { unified: 'stop' } },
    ]);
    expect(types.slice(-6)).toEqual([
      'response.output_item.done',
      'response.output_item.added',
      'response.image_generation_call.in_progress',
      'response.image_generation_call.completed',
      'response.output_item.done',
      'response.completed',
    ]);
    const done = events.at(-2)?.data as Record<string, unknown>;
    expect(done.item).toEqual({ id: 'ig_abc_1', type: 'image_generation_call', status: 'completed', result: 'iVBOR' });
    const added = events.at(-5)?.data as Record<string, unknown>;
    expect(added.item).toEqual({ id: 'ig_abc_1', type: 'image_generation_call', status: 'in_progress', result: null });
    const last = events.at(-1)?.data as unknown as { response: { output: unknown[] } } | undefined;
    const completed = last?.response ?? { output: [] };
    expect(completed.output[1]).toEqual(done.item);
    const json = encodeResponse(
      {
        choices: [
          {
            index: 0,
            content: [
              { type: 'text', text: 'A cat.' },
              { type: 'generated-image', mediaType: 'image/png', data: 'iVBOR' },
            ],
            finishReason: { unified: 'stop' },
          },
        ],
      },
      request,
      meta,
    ) as { output: unknown[] };
    expect(json.output).toEqual(completed.output);
  });
});
