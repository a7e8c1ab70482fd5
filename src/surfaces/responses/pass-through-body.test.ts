import { describe, expect, it } from 'vitest';
import type { SurfaceInput } from '../surface.js';
import { responsesPassThroughBody } from './pass-through-body.js';
import { sealReasoning } from './reasoning-envelope.js';

function input(body: Record<string, unknown>, extra: Partial<SurfaceInput> = {}): SurfaceInput {
  return { body, headers: {}, query: {}, params: {}, ...extra };
}

const history = [
  { role: 'user', content: 'first' },
  { id: 'rs_kept', type: 'reasoning', summary: [], encrypted_content: 'gAAAAB-openai' },
  { id: 'rs_bare', type: 'reasoning', summary: [{ type: 'summary_text', text: 'no blob' }] },
  {
    id: 'rs_foreign',
    type: 'reasoning',
    summary: [],
    encrypted_content: sealReasoning({ type: 'reasoning', text: 'claude thought', signature: 'sig' }, 'anthropic'),
  },
  { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'answer' }] },
];

describe('responsesPassThroughBody', () => {
  it('without stored history the body is the client’s, the very object', () => {
    const body = { model: 'gpt-5', input: 'hi', web: { unknown: true } };
    expect(responsesPassThroughBody(input(body))).toBe(body);
  });

  it('writes the stored history into input, drops previous_response_id, keeps every other field', () => {
    const body = {
      model: 'gpt-5',
      previous_response_id: 'resp_prev',
      input: 'second',
      tools: [{ type: 'web_search' }],
      future_field: 1,
    };
    const sent = responsesPassThroughBody(input(body, { history }));
    expect(sent).toEqual({
      model: 'gpt-5',
      tools: [{ type: 'web_search' }],
      future_field: 1,
      input: [
        { role: 'user', content: 'first' },
        { id: 'rs_kept', type: 'reasoning', summary: [], encrypted_content: 'gAAAAB-openai' },
        { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'answer' }] },
        { role: 'user', content: 'second' },
      ],
    });
    expect(body.previous_response_id).toBe('resp_prev'); // the client's object is not changed
  });

  it('input messages lose the ids AIHub’s store gave them (OpenAI’s input message has none); other items keep theirs', () => {
    const stored = [
      { id: 'msg_abc_i0', role: 'user', content: 'first' },
      { id: 'msg_abc_i1', type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'be brief' }] },
      { id: 'fc_abc_i2', type: 'function_call', call_id: 'c1', name: 'f', arguments: '{}' },
      { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'answer' }] },
    ];
    const body = {
      model: 'gpt-5',
      previous_response_id: 'resp_prev',
      input: [{ id: 'msg_ref_i0', type: 'message', role: 'user', content: 'resolved reference' }],
    };
    expect(responsesPassThroughBody(input(body, { history: stored })).input).toEqual([
      { role: 'user', content: 'first' },
      { type: 'message', role: 'developer', content: [{ type: 'input_text', text: 'be brief' }] },
      stored[2],
      stored[3],
      { type: 'message', role: 'user', content: 'resolved reference' },
    ]);
  });

  it('asks for encrypted reasoning only for a stored answer of a request that asks for reasoning', () => {
    const reasoning = {
      model: 'gpt-5',
      input: 'x',
      reasoning: { effort: 'low' },
      include: ['file_search_call.results'],
    };
    expect(responsesPassThroughBody(input(reasoning, { storesAnswer: true })).include).toEqual([
      'file_search_call.results',
      'reasoning.encrypted_content',
    ]);
    expect(responsesPassThroughBody(input(reasoning))).toBe(reasoning);
    const plain = { model: 'gpt-4.1', input: 'x' };
    expect(responsesPassThroughBody(input(plain, { storesAnswer: true }))).toBe(plain);
    const already = { ...reasoning, include: ['reasoning.encrypted_content'] };
    expect(responsesPassThroughBody(input(already, { storesAnswer: true })).include).toEqual([
      'reasoning.encrypted_content',
    ]);
  });

  it('background mode is removed: the answer must come at once, with its usage', () => {
    const body = { model: 'gpt-5', input: 'x', background: true, store: true };
    expect(responsesPassThroughBody(input(body))).toEqual({ model: 'gpt-5', input: 'x', store: true });
    const foreground = { model: 'gpt-5', input: 'x', background: false };
    expect(responsesPassThroughBody(input(foreground))).toBe(foreground);
  });

  it("drops reasoning sealed by AIHub from the client's own input (OpenAI cannot read it), nothing else", () => {
    const foreign = history[3];
    const body = {
      model: 'gpt-5',
      store: false,
      input: [
        { role: 'user', content: 'hi' },
        foreign,
        history[1],
        { type: 'function_call_output', call_id: 'c', output: 'x' },
      ],
    };
    expect(responsesPassThroughBody(input(body))).toEqual({
      ...body,
      input: [{ role: 'user', content: 'hi' }, history[1], { type: 'function_call_output', call_id: 'c', output: 'x' }],
    });
    const own = { model: 'gpt-5', input: [history[1], history[2]] };
    expect(responsesPassThroughBody(input(own))).toBe(own);
  });
});
