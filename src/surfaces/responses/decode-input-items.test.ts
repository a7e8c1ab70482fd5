import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import { decodeInputItems } from './decode-input-items.js';
import { sealReasoning } from './reasoning-envelope.js';

const decode = (items: unknown[], options = {}) => decodeInputItems(items, 'input', options);

function paramOf(run: () => unknown): string | null {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error.param;
    throw error;
  }
  throw new Error('expected a GatewayError');
}

describe('decodeInputItems', () => {
  it('easy messages of every role, string or parts', () => {
    expect(
      decode([
        { role: 'developer', content: 'be brief' },
        { role: 'system', content: [{ type: 'input_text', text: 'sys' }] },
        { role: 'user', content: [{ type: 'input_text', text: 'hi' }] },
        { type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hello', annotations: [] }] },
        { role: 'assistant', content: 'plain' },
      ]),
    ).toEqual([
      { role: 'developer', content: [{ type: 'text', text: 'be brief' }] },
      { role: 'system', content: [{ type: 'text', text: 'sys' }] },
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      {
        role: 'assistant',
        content: [
          { type: 'text', text: 'hello' },
          { type: 'text', text: 'plain' },
        ],
      },
    ]);
  });

  it('one assistant turn from reasoning, text, refusal and calls in a row; tool outputs named by their call', () => {
    const envelope = sealReasoning({ type: 'reasoning', text: 'think', signature: 'sig' }, 'anthropic');
    expect(
      decode([
        { role: 'user', content: 'weather?' },
        {
          type: 'reasoning',
          id: 'rs_1',
          summary: [{ type: 'summary_text', text: 'think' }],
          encrypted_content: envelope,
        },
        { type: 'message', role: 'assistant', content: [{ type: 'refusal', refusal: 'no' }] },
        { type: 'function_call', id: 'fc_1', call_id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
        { type: 'function_call', call_id: 'call_2__sig__CiQB', name: 'get_time', arguments: '' },
        { type: 'function_call_output', call_id: 'call_1', output: 'sunny' },
        { type: 'function_call_output', call_id: 'call_2__sig__CiQB', output: [{ type: 'input_text', text: 'noon' }] },
      ]),
    ).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'weather?' }] },
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: 'think', signature: 'sig', signatureProvider: 'anthropic' },
          { type: 'refusal', text: 'no' },
          { type: 'tool-call', id: 'call_1', name: 'get_weather', arguments: '{"city":"Paris"}' },
          { type: 'tool-call', id: 'call_2', name: 'get_time', arguments: '{}', signature: 'CiQB' },
        ],
      },
      { role: 'tool', toolCallId: 'call_1', toolName: 'get_weather', content: [{ type: 'text', text: 'sunny' }] },
      { role: 'tool', toolCallId: 'call_2', toolName: 'get_time', content: [{ type: 'text', text: 'noon' }] },
    ]);
  });

  it('OpenAI’s own encrypted reasoning becomes OpenAI-issued redacted data; bare summaries become text', () => {
    expect(
      decode([
        { type: 'reasoning', summary: [], encrypted_content: 'gAAAAB' },
        {
          type: 'reasoning',
          summary: [
            { type: 'summary_text', text: 'a' },
            { type: 'summary_text', text: 'b' },
          ],
        },
        { type: 'reasoning', summary: [], content: [{ type: 'reasoning_text', text: 'raw' }] },
        { type: 'reasoning', summary: [] },
      ]),
    ).toEqual([
      {
        role: 'assistant',
        content: [
          { type: 'reasoning', text: '', redactedData: 'gAAAAB', signatureProvider: 'openai' },
          { type: 'reasoning', text: 'a\n\nb' },
          { type: 'reasoning', text: 'raw' },
        ],
      },
    ]);
  });

  it('custom tool calls read as JSON input for any model', () => {
    expect(
      decode([
        { type: 'custom_tool_call', call_id: 'c1', name: 'apply_patch', input: '*** Begin Patch' },
        { type: 'custom_tool_call_output', call_id: 'c1', output: 'done' },
      ]),
    ).toEqual([
      {
        role: 'assistant',
        content: [{ type: 'tool-call', id: 'c1', name: 'apply_patch', arguments: '{"input":"*** Begin Patch"}' }],
      },
      { role: 'tool', toolCallId: 'c1', toolName: 'apply_patch', content: [{ type: 'text', text: 'done' }] },
    ]);
  });

  it('skips items of OpenAI-run tools', () => {
    expect(
      decode([
        { role: 'user', content: 'q' },
        { type: 'web_search_call', id: 'ws_1', status: 'completed', action: { type: 'search' } },
        { type: 'compaction', encrypted_content: 'gAAA' },
      ]),
    ).toEqual([{ role: 'user', content: [{ type: 'text', text: 'q' }] }]);
  });

  it('item references: resolved by the caller, else a 400', () => {
    const stored = { role: 'user', content: 'from the store' };
    expect(decode([{ type: 'item_reference', id: 'msg_1' }], { resolveItemReference: () => stored })).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'from the store' }] },
    ]);
    expect(paramOf(() => decode([{ id: 'msg_1' }]))).toBe('input[0].id');
    // A stored item that is itself a reference is not followed.
    expect(
      paramOf(() => decode([{ id: 'a' }], { resolveItemReference: () => ({ type: 'item_reference', id: 'a' }) })),
    ).toBe('input[0].id');
  });

  it.each([
    [[null], 'input[0]'],
    [[[1]], 'input[0]'],
    [
      [{ role: 'user', content: [{ type: 'input_text', text: 'a' }, { type: 'output_texts' }] }],
      'input[0].content[1].type',
    ],
    [[{}, {}, {}, { role: 'user', content: [{ type: 'input_image', file_id: 'f' }] }], 'input[0].type'],
    [
      [
        { role: 'user', content: 'a' },
        { role: 'user', content: [{ type: 'input_image', file_id: 'f' }] },
      ],
      'input[1].content[0].file_id',
    ],
    [
      [{ role: 'system', content: [{ type: 'input_image', image_url: 'https://x.test/a.png' }] }],
      'input[0].content[0].type',
    ],
    [[{ role: 'robot', content: 'a' }], 'input[0].role'],
    [[{ type: 'function_call', call_id: 'c', name: 'f' }], 'input[0].arguments'],
    [[{ type: 'function_call_output', call_id: 'c', output: 5 }], 'input[0].output'],
    [[{ type: 'reasoning', summary: [], encrypted_content: 'aihub.r1.!!' }], 'input[0].encrypted_content'],
    [[{ type: 'telepathy' }], 'input[0].type'],
    [[{ type: 7 }], 'input[0].type'],
  ])('refuses %j naming %s', (items, param) => {
    expect(paramOf(() => decode(items))).toBe(param);
  });

  it('survives odd keys', () => {
    const item = JSON.parse('{"role":"user","content":"x","__proto__":{"polluted":true},"constructor":1}');
    expect(decode([item])).toEqual([{ role: 'user', content: [{ type: 'text', text: 'x' }] }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
