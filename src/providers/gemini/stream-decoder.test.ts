import { describe, expect, it } from 'vitest';
import type { StreamPart } from '../../ir/index.js';
import type { ProviderContext } from '../provider.js';
import { createGeminiStreamDecoder } from './stream-decoder.js';

const context = (): ProviderContext => {
  let next = 0;
  return {
    target: { baseUrl: 'https://g', apiKey: 'k', model: 'gemini-3-pro-preview' },
    generateId: (prefix) => `${prefix}${++next}`,
    now: () => 0,
  };
};

function decode(chunks: unknown[], options: { end?: boolean } = {}): StreamPart[] {
  const decoder = createGeminiStreamDecoder(context());
  const parts = chunks.flatMap((chunk) =>
    decoder.push({ data: typeof chunk === 'string' ? chunk : JSON.stringify(chunk) }),
  );
  return options.end === false ? parts : [...parts, ...decoder.end()];
}

const candidate = (parts: unknown[], extra: Record<string, unknown> = {}) => ({
  candidates: [{ content: { role: 'model', parts }, index: 0, ...extra }],
});
const usage = { promptTokenCount: 5, candidatesTokenCount: 3, thoughtsTokenCount: 7, totalTokenCount: 15 };

describe('createGeminiStreamDecoder', () => {
  it('streams thoughts, text and signatures, then usage and finish', () => {
    const parts = decode([
      { ...candidate([{ text: 'hmm', thought: true }]), responseId: 'r1', modelVersion: 'gemini-2.5-pro' },
      candidate([{ text: ' ok', thought: true, thoughtSignature: 'sigR' }]),
      candidate([{ text: 'Hello' }]),
      { ...candidate([{ text: '', thoughtSignature: 'sigT' }], { finishReason: 'STOP' }), usageMetadata: usage },
    ]);
    expect(parts).toEqual([
      { type: 'response-metadata', id: 'r1', model: 'gemini-2.5-pro' },
      { type: 'reasoning-delta', choice: 0, delta: 'hmm' },
      { type: 'reasoning-delta', choice: 0, delta: ' ok' },
      { type: 'reasoning-signature', choice: 0, signature: 'sigR' },
      { type: 'text-delta', choice: 0, delta: 'Hello' },
      { type: 'text-signature', choice: 0, signature: 'sigT' },
      {
        type: 'usage',
        usage: {
          inputTokens: { total: 5, noCache: 5, cacheRead: 0 },
          outputTokens: { total: 10, text: 3, reasoning: 7 },
          raw: usage,
        },
      },
      { type: 'finish', choice: 0, finishReason: { unified: 'stop', raw: 'STOP' } },
    ]);
  });

  it('emits each complete function call as start, one delta and end, with stable ids and indexes', () => {
    const parts = decode([
      candidate([
        { functionCall: { name: 'a', args: { x: 1 } }, thoughtSignature: 'sig' },
        { functionCall: { name: 'b', id: 'own-id' } },
      ]),
      candidate([{ text: '' }], { finishReason: 'STOP' }),
    ]).filter((part) => part.type.startsWith('tool-call') || part.type === 'finish');
    expect(parts).toEqual([
      { type: 'tool-call-start', choice: 0, index: 0, id: 'call_1', name: 'a', signature: 'sig' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '{"x":1}' },
      { type: 'tool-call-end', choice: 0, index: 0 },
      { type: 'tool-call-start', choice: 0, index: 1, id: 'own-id', name: 'b' },
      { type: 'tool-call-delta', choice: 0, index: 1, argumentsDelta: '{}' },
      { type: 'tool-call-end', choice: 0, index: 1 },
      { type: 'finish', choice: 0, finishReason: { unified: 'tool-calls', raw: 'STOP' } },
    ]);
  });

  it('collects streamed partialArgs until the call completes', () => {
    const parts = decode([
      candidate([{ functionCall: { name: 'getWeather', willContinue: true }, thoughtSignature: 'sig' }]),
      candidate([
        {
          functionCall: {
            partialArgs: [{ jsonPath: '$.location', stringValue: 'San ', willContinue: true }],
            willContinue: true,
          },
        },
      ]),
      candidate([
        { functionCall: { partialArgs: [{ jsonPath: '$.location', stringValue: 'Francisco' }], willContinue: true } },
      ]),
      candidate([{ functionCall: { willContinue: true } }]),
      candidate([{ functionCall: {} }]),
      candidate([{ functionCall: { name: 'getWeather', willContinue: true } }]),
      candidate([{ functionCall: { partialArgs: [{ jsonPath: '$.days', numberValue: 3 }] } }]),
      candidate([{ text: '' }], { finishReason: 'STOP' }),
    ]).filter((part) => part.type.startsWith('tool-call'));
    expect(parts).toEqual([
      { type: 'tool-call-start', choice: 0, index: 0, id: 'call_1', name: 'getWeather', signature: 'sig' },
      { type: 'tool-call-delta', choice: 0, index: 0, argumentsDelta: '{"location":"San Francisco"}' },
      { type: 'tool-call-end', choice: 0, index: 0 },
      { type: 'tool-call-start', choice: 0, index: 1, id: 'call_2', name: 'getWeather' },
      { type: 'tool-call-delta', choice: 0, index: 1, argumentsDelta: '{"days":3}' },
      { type: 'tool-call-end', choice: 0, index: 1 },
    ]);
  });

  it('closes a streamed call still open when the finish reason arrives', () => {
    const parts = decode([
      candidate([{ functionCall: { name: 'f', willContinue: true } }]),
      candidate([{ functionCall: { partialArgs: [{ jsonPath: '$.a', stringValue: 'x' }], willContinue: true } }], {
        finishReason: 'STOP',
      }),
    ]);
    expect(parts.slice(1).map((part) => part.type)).toEqual([
      'tool-call-start',
      'tool-call-delta',
      'tool-call-end',
      'finish',
    ]);
  });

  it('keeps candidates apart', () => {
    const parts = decode([
      {
        candidates: [
          { content: { parts: [{ text: 'a' }] }, index: 0 },
          { content: { parts: [{ text: 'b' }] }, index: 1 },
        ],
      },
      { candidates: [{ content: { parts: [] }, index: 1, finishReason: 'MAX_TOKENS' }] },
      { candidates: [{ content: { parts: [] }, index: 0, finishReason: 'STOP' }] },
    ]);
    expect(parts.slice(1)).toEqual([
      { type: 'text-delta', choice: 0, delta: 'a' },
      { type: 'text-delta', choice: 1, delta: 'b' },
      { type: 'finish', choice: 1, finishReason: { unified: 'length', raw: 'MAX_TOKENS' } },
      { type: 'finish', choice: 0, finishReason: { unified: 'stop', raw: 'STOP' } },
    ]);
  });

  it('emits usage only when it changes and ignores partial usage objects', () => {
    const parts = decode([
      { ...candidate([{ text: 'a' }]), usageMetadata: { trafficType: 'ON_DEMAND' } },
      { ...candidate([{ text: 'b' }]), usageMetadata: usage },
      { ...candidate([{ text: 'c' }]), usageMetadata: usage },
      {
        ...candidate([], { finishReason: 'STOP' }),
        usageMetadata: { ...usage, candidatesTokenCount: 4, totalTokenCount: 16 },
      },
    ]);
    expect(
      parts
        .filter((part) => part.type === 'usage')
        .map((part) => part.type === 'usage' && part.usage.outputTokens.text),
    ).toEqual([3, 4]);
  });

  it('finishes a blocked prompt with content-filter', () => {
    const parts = decode([{ promptFeedback: { blockReason: 'SAFETY' }, responseId: 'r' }]);
    expect(parts).toEqual([
      { type: 'response-metadata', id: 'r' },
      { type: 'finish', choice: 0, finishReason: { unified: 'content-filter', raw: 'SAFETY' } },
    ]);
  });

  it('turns an error chunk into an error part and then stays silent', () => {
    const decoder = createGeminiStreamDecoder(context());
    decoder.push({ data: JSON.stringify(candidate([{ text: 'a' }])) });
    const parts = decoder.push({
      data: JSON.stringify({ error: { code: 503, message: 'overloaded', status: 'UNAVAILABLE' } }),
    });
    expect(parts).toHaveLength(1);
    expect(parts[0]).toMatchObject({ type: 'error', error: { kind: 'overloaded', message: 'overloaded' } });
    expect(decoder.push({ data: JSON.stringify(candidate([{ text: 'b' }])) })).toEqual([]);
    expect(decoder.end()).toEqual([]);
  });

  it('reports a chunk that is not JSON without quoting it', () => {
    const parts = decode(['{"candidates": [secret'], { end: false });
    expect(parts).toHaveLength(1);
    expect(parts[0]!.type).toBe('error');
    expect(parts[0]!.type === 'error' && parts[0]!.error.message).not.toContain('secret');
  });

  it('reports a stream that ends without a finish reason', () => {
    const parts = decode([candidate([{ text: 'partial' }])]);
    expect(parts.at(-1)).toMatchObject({
      type: 'error',
      error: { kind: 'upstream_error', message: 'upstream stream ended prematurely' },
    });
    expect(decode([])).toMatchObject([{ type: 'error' }]);
  });

  it('ignores empty events and [DONE]', () => {
    const decoder = createGeminiStreamDecoder(context());
    expect(decoder.push({ data: '' })).toEqual([]);
    expect(decoder.push({ data: '[DONE]' })).toEqual([]);
  });
});
