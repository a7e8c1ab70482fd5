import { GoogleGenAI } from '@google/genai';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GatewayError, type StreamPart } from '../../ir/index.js';
import type { ResponseMeta } from '../surface.js';
import { GeminiStreamEncoder } from './stream-encoder.js';
import type { StreamFraming } from './stream-framing.js';

const meta: ResponseMeta = {
  requestId: 'req_1',
  created: 1_700_000_000,
  model: 'gemini-2.5-flash',
  provider: 'anthropic',
  vendor: 'anthropic',
};

const toolTurn: StreamPart[] = [
  { type: 'response-metadata', id: 'msg_1' },
  { type: 'reasoning-delta', delta: 'Thinking' },
  { type: 'reasoning-signature', signature: 'EqQB' },
  { type: 'text-delta', delta: 'Let me check.' },
  { type: 'tool-call-start', index: 0, id: 'toolu_1', name: 'weather' },
  { type: 'tool-call-delta', index: 0, argumentsDelta: '{"city":' },
  { type: 'tool-call-delta', index: 0, argumentsDelta: '"Paris"}' },
  { type: 'tool-call-end', index: 0 },
  { type: 'finish', finishReason: { unified: 'tool-calls', raw: 'tool_use' } },
  { type: 'usage', usage: { inputTokens: { total: 10 }, outputTokens: { total: 7, text: 5, reasoning: 2 } } },
];

function run(parts: StreamPart[], framing: StreamFraming, servedBy: ResponseMeta = meta): string {
  const encoder = new GeminiStreamEncoder(servedBy, framing);
  return parts.map((part) => encoder.encode(part)).join('') + encoder.end();
}

function sseChunks(body: string): unknown[] {
  return body
    .split('\r\n\r\n')
    .filter(Boolean)
    .map((event) => JSON.parse(event.replace(/^data: /, '')));
}

const expectedChunks = [
  {
    candidates: [{ content: { parts: [{ text: 'Thinking', thought: true }], role: 'model' }, index: 0 }],
    modelVersion: 'gemini-2.5-flash',
    responseId: 'msg_1',
  },
  {
    candidates: [
      {
        content: { parts: [{ text: '', thought: true, thoughtSignature: 'aihub.v1.anthropic.EqQB' }], role: 'model' },
        index: 0,
      },
    ],
    modelVersion: 'gemini-2.5-flash',
    responseId: 'msg_1',
  },
  {
    candidates: [{ content: { parts: [{ text: 'Let me check.' }], role: 'model' }, index: 0 }],
    modelVersion: 'gemini-2.5-flash',
    responseId: 'msg_1',
  },
  {
    candidates: [
      {
        content: {
          parts: [{ functionCall: { id: 'toolu_1', name: 'weather', args: { city: 'Paris' } } }],
          role: 'model',
        },
        index: 0,
      },
    ],
    modelVersion: 'gemini-2.5-flash',
    responseId: 'msg_1',
  },
  {
    candidates: [{ content: { parts: [{ text: '' }], role: 'model' }, finishReason: 'STOP', index: 0 }],
    usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, totalTokenCount: 17, thoughtsTokenCount: 2 },
    modelVersion: 'gemini-2.5-flash',
    responseId: 'msg_1',
  },
];

describe('GeminiStreamEncoder', () => {
  it('streams SSE chunks, a function call whole, and finish and usage in the last chunk', () => {
    const body = run(toolTurn, 'sse');
    expect(body.endsWith('}\r\n\r\n')).toBe(true);
    expect(sseChunks(body)).toEqual(expectedChunks);
  });

  it('streams the same chunks as one JSON array', () => {
    const body = run(toolTurn, 'json-array');
    expect(body.startsWith('[{')).toBe(true);
    expect(body).toContain('}\n,\r\n{');
    expect(JSON.parse(body)).toEqual(expectedChunks);
  });

  it('keeps Gemini’s own finish reason and candidate index', () => {
    const body = run(
      [
        { type: 'text-delta', choice: 1, delta: 'b' },
        { type: 'finish', choice: 1, finishReason: { unified: 'other', raw: 'RECITATION' } },
      ],
      'json-array',
      { ...meta, provider: 'gemini' },
    );
    const chunks = JSON.parse(body) as Array<{ candidates: Array<{ index: number; finishReason?: string }> }>;
    expect(chunks.map((chunk) => chunk.candidates[0])).toMatchObject([
      { index: 1 },
      { index: 1, finishReason: 'RECITATION' },
    ]);
  });

  it('ends with an error element (array) or an error event (SSE), and nothing after', () => {
    const error = new GatewayError({ kind: 'upstream_error', message: 'upstream stream ended prematurely' });
    const envelope = { error: { code: 502, message: 'upstream stream ended prematurely', status: 'INTERNAL' } };
    const array = run(
      [
        { type: 'text-delta', delta: 'Hi' },
        { type: 'error', error },
        { type: 'text-delta', delta: 'x' },
      ],
      'json-array',
    );
    expect(JSON.parse(array)).toEqual([expect.objectContaining({ candidates: expect.any(Array) }), envelope]);
    const sse = new GeminiStreamEncoder(meta, 'sse');
    const events = sse.error(error) + sse.end();
    expect(sseChunks(events)).toEqual([envelope]);
    const early = new GeminiStreamEncoder(meta, 'json-array');
    expect(JSON.parse(early.error(error) + early.end())).toEqual([envelope]);
  });

  it('closes an empty stream as an empty array', () => {
    expect(JSON.parse(run([], 'json-array'))).toEqual([]);
  });
});

describe('GeminiStreamEncoder read by the official @google/genai SDK', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('yields the text, thoughts, function call, finish reason and usage', async () => {
    const body = run(toolTurn, 'sse');
    const fetchMock = vi.fn(
      async () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const client = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: 'http://aihub.test' } });
    const stream = await client.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'Weather?' });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(fetchMock).toHaveBeenCalled();
    expect(chunks.map((chunk) => chunk.text ?? '').join('')).toBe('Let me check.');
    expect(chunks.flatMap((chunk) => chunk.functionCalls ?? [])).toEqual([
      { id: 'toolu_1', name: 'weather', args: { city: 'Paris' } },
    ]);
    const last = chunks.at(-1);
    expect(last?.candidates?.[0]?.finishReason).toBe('STOP');
    expect(last?.usageMetadata?.thoughtsTokenCount).toBe(2);
    expect(last?.responseId).toBe('msg_1');
  });

  it('surfaces an in-band error as an exception', async () => {
    const encoder = new GeminiStreamEncoder(meta, 'sse');
    const body =
      encoder.encode({ type: 'text-delta', delta: 'Hi' }) +
      encoder.error(new GatewayError({ kind: 'overloaded', message: 'Upstream overloaded' })) +
      encoder.end();
    vi.stubGlobal(
      'fetch',
      async () => new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }),
    );
    const client = new GoogleGenAI({ apiKey: 'test-key', httpOptions: { baseUrl: 'http://aihub.test' } });
    const stream = await client.models.generateContentStream({ model: 'gemini-2.5-flash', contents: 'Hi' });
    const read = async () => {
      for await (const _chunk of stream) {
        // drain
      }
    };
    await expect(read()).rejects.toThrow(/overloaded/i);
  });
});
