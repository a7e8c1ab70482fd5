import { describe, expect, it } from 'vitest';
import type { ChatResult, GatewayError } from '../ir/index.js';
import type { RelayCaller } from '../relay/relay-ports.js';
import { RelayTrace } from '../relay/relay-trace.js';
import { decodeResponsesRequest, encodeResponse, ResponsesStreamEncoder } from '../surfaces/responses/index.js';
import type { ResponseMeta, SurfaceInput } from '../surfaces/surface.js';
import { storedResponseRecord } from './stored-response-record.js';

const NOW = Date.UTC(2026, 0, 1);
const META: ResponseMeta = {
  requestId: 'req-1',
  created: 1,
  model: 'claude-sonnet-4-5',
  provider: 'anthropic',
  vendor: 'anthropic',
};
const CALLER = { userId: 'usr_1', keyId: 'key_1' } as RelayCaller;
const HISTORY = [{ role: 'user', content: 'earlier' }];

const RESULT: ChatResult = {
  choices: [
    {
      index: 0,
      content: [
        { type: 'reasoning', text: 'thinking', signature: 'sig-1' },
        { type: 'text', text: 'answer' },
      ],
      finishReason: { unified: 'stop', raw: 'end_turn' },
    },
  ],
};

function input(body: Record<string, unknown>, history?: Record<string, unknown>[]): SurfaceInput {
  return { body, headers: {}, query: {}, params: {}, ...(history ? { history } : {}) };
}

function jsonTrace(body: Record<string, unknown>, history?: Record<string, unknown>[]): RelayTrace {
  const trace = new RelayTrace();
  trace.request = decodeResponsesRequest(body, history ? { history } : {});
  trace.answer = encodeResponse(RESULT, trace.request, META);
  trace.served = { kind: 'json', result: RESULT, meta: META };
  return trace;
}

function streamTrace(body: Record<string, unknown>, ending: 'end' | 'error'): RelayTrace {
  const trace = new RelayTrace();
  trace.request = decodeResponsesRequest(body);
  const encoder = new ResponsesStreamEncoder(trace.request, META);
  encoder.encode({ type: 'text-delta', delta: 'answer' });
  if (ending === 'error') encoder.error({ kind: 'upstream_error', message: 'boom', status: 502 } as GatewayError);
  else encoder.end();
  trace.served = { kind: 'stream', encoder, meta: META };
  return trace;
}

const decision = { retentionDays: 30, now: NOW };

describe('storedResponseRecord', () => {
  it('stores a whole JSON answer: history then input, reasoning sealed even when the client did not ask', () => {
    const body = { model: 'claude-sonnet-4-5', input: 'now' };
    const trace = jsonTrace(body, HISTORY);
    const record = storedResponseRecord(trace, CALLER, input(body, HISTORY), decision);
    expect(record).toMatchObject({
      id: 'resp_req1',
      userId: 'usr_1',
      keyId: 'key_1',
      model: 'claude-sonnet-4-5',
      requestItems: [...HISTORY, { role: 'user', content: 'now' }],
      response: trace.answer,
      createdAt: NOW,
      expiresAt: NOW + 30 * 86_400_000,
    });
    const reasoning = record?.output[0] as Record<string, unknown>;
    expect(reasoning.type).toBe('reasoning');
    expect(typeof reasoning.encrypted_content).toBe('string');
    // What the client saw has none (it did not ask for reasoning.encrypted_content).
    expect(
      ((trace.answer as { output: Record<string, unknown>[] }).output[0] as Record<string, unknown>).encrypted_content,
    ).toBeUndefined();
  });

  it('gives every input item an id, keeping those items had', () => {
    const body = { model: 'claude-sonnet-4-5', input: [{ role: 'user', content: 'now' }] };
    const history = [
      { id: 'msg_earlier', role: 'user', content: 'earlier' },
      { role: 'assistant', content: 'ok' },
    ];
    const record = storedResponseRecord(jsonTrace(body, history), CALLER, input(body, history), decision);
    expect(record?.requestItems).toEqual([
      { id: 'msg_earlier', role: 'user', content: 'earlier' },
      { id: 'msg_req1_i1', role: 'assistant', content: 'ok' },
      { id: 'msg_req1_i2', role: 'user', content: 'now' },
    ]);
  });

  it('stores nothing for store:false, retention 0, a cut stream, a cached answer or no caller', () => {
    const body = { model: 'claude-sonnet-4-5', input: 'now' };
    expect(
      storedResponseRecord(jsonTrace({ ...body, store: false }), CALLER, input({ ...body, store: false }), decision),
    ).toBeUndefined();
    expect(
      storedResponseRecord(jsonTrace(body), CALLER, input(body), { ...decision, retentionDays: 0 }),
    ).toBeUndefined();
    expect(storedResponseRecord(jsonTrace(body), undefined, input(body), decision)).toBeUndefined();
    const cut = jsonTrace(body);
    cut.streamError = { kind: 'upstream_error' } as GatewayError;
    expect(storedResponseRecord(cut, CALLER, input(body), decision)).toBeUndefined();
    const cached = jsonTrace(body);
    cached.cached = true;
    expect(storedResponseRecord(cached, CALLER, input(body), decision)).toBeUndefined();
  });

  it('stores an ended stream, but not a failed one', () => {
    const body = { model: 'claude-sonnet-4-5', input: 'now', stream: true };
    const ended = storedResponseRecord(streamTrace(body, 'end'), CALLER, input(body), decision);
    expect(ended?.response.status).toBe('completed');
    expect(ended?.output).toHaveLength(1);
    expect(storedResponseRecord(streamTrace(body, 'error'), CALLER, input(body), decision)).toBeUndefined();
  });

  it("stores a pass-through's own answer under OpenAI's id, as the upstream wrote it", () => {
    const body = { model: 'gpt-5', input: 'now', reasoning: { effort: 'low' } };
    const answer = {
      id: 'resp_upstream',
      object: 'response',
      status: 'completed',
      billing: { payer: 'developer' },
      output: [
        { id: 'rs_1', type: 'reasoning', summary: [], encrypted_content: 'gAAAAB-blob' },
        { id: 'msg_1', type: 'message', role: 'assistant', content: [{ type: 'output_text', text: 'hi' }] },
      ],
    };
    const trace = new RelayTrace();
    trace.request = decodeResponsesRequest(body);
    trace.served = { kind: 'pass-through', answer };
    const record = storedResponseRecord(trace, CALLER, input(body, HISTORY), decision);
    expect(record).toMatchObject({ id: 'resp_upstream', userId: 'usr_1', response: answer, output: answer.output });
    // Input items get ids derived from OpenAI's response id, like any stored response's.
    expect(record?.requestItems).toEqual([
      { id: 'msg_upstream_i0', ...HISTORY[0] },
      { id: 'msg_upstream_i1', role: 'user', content: 'now' },
    ]);
    const failed = new RelayTrace();
    failed.request = trace.request;
    failed.served = { kind: 'pass-through', answer: { ...answer, status: 'failed' } };
    expect(storedResponseRecord(failed, CALLER, input(body), decision)).toBeUndefined();
  });
});
