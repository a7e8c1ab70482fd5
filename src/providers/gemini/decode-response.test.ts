import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import type { ProviderContext } from '../provider.js';
import { decodeGeminiResponse } from './decode-response.js';

const context = (): ProviderContext => {
  let next = 0;
  return {
    target: { baseUrl: 'https://g', apiKey: 'k', model: 'gemini-3-pro-preview' },
    generateId: (prefix) => `${prefix}${++next}`,
    now: () => 0,
  };
};

describe('decodeGeminiResponse', () => {
  it('decodes thoughts, signed text, function calls and usage', () => {
    const result = decodeGeminiResponse(
      {
        candidates: [
          {
            content: {
              role: 'model',
              parts: [
                { text: 'thinking…', thought: true },
                { text: 'Calling.', thoughtSignature: 'sigText' },
                { functionCall: { name: 'weather', args: { city: 'Paris' } }, thoughtSignature: 'sigCall' },
                { functionCall: { name: 'time', id: 'given-id' } },
                { inlineData: { mimeType: 'image/png', data: 'iVBO' } },
              ],
            },
            finishReason: 'STOP',
            index: 0,
          },
        ],
        usageMetadata: { promptTokenCount: 10, candidatesTokenCount: 5, thoughtsTokenCount: 20, totalTokenCount: 35 },
        modelVersion: 'gemini-3-pro-preview',
        responseId: 'resp-1',
        createTime: '2026-04-02T17:03:50.399550Z',
      },
      context(),
    );
    expect(result).toEqual({
      id: 'resp-1',
      model: 'gemini-3-pro-preview',
      created: 1775149430,
      choices: [
        {
          index: 0,
          content: [
            { type: 'reasoning', text: 'thinking…' },
            { type: 'text', text: 'Calling.', signature: 'sigText' },
            { type: 'tool-call', id: 'call_1', name: 'weather', arguments: '{"city":"Paris"}', signature: 'sigCall' },
            { type: 'tool-call', id: 'given-id', name: 'time', arguments: '{}' },
            { type: 'generated-image', mediaType: 'image/png', data: 'iVBO' },
          ],
          finishReason: { unified: 'tool-calls', raw: 'STOP' },
        },
      ],
      usage: {
        inputTokens: { total: 10, noCache: 10, cacheRead: 0 },
        outputTokens: { total: 25, text: 5, reasoning: 20 },
        raw: { promptTokenCount: 10, candidatesTokenCount: 5, thoughtsTokenCount: 20, totalTokenCount: 35 },
      },
    });
  });

  it('keeps a signature that came on an empty text part and on a thought', () => {
    const result = decodeGeminiResponse(
      {
        candidates: [
          {
            content: {
              parts: [
                { text: 'plan', thought: true, thoughtSignature: 'sigR' },
                { text: 'hi' },
                { text: '', thoughtSignature: 'sigE' },
              ],
            },
            finishReason: 'STOP',
          },
        ],
      },
      context(),
    );
    expect(result.choices[0]!.content).toEqual([
      { type: 'reasoning', text: 'plan', signature: 'sigR' },
      { type: 'text', text: 'hi' },
      { type: 'text', text: '', signature: 'sigE' },
    ]);
  });

  it('gives several candidates their own choices, in order when index is missing', () => {
    const result = decodeGeminiResponse(
      {
        candidates: [
          { content: { parts: [{ text: 'a' }] }, finishReason: 'STOP' },
          { content: { parts: [{ text: 'b' }] }, finishReason: 'MAX_TOKENS' },
        ],
      },
      context(),
    );
    expect(result.choices.map((choice) => [choice.index, choice.finishReason.unified])).toEqual([
      [0, 'stop'],
      [1, 'length'],
    ]);
  });

  it('turns a blocked prompt into a content-filter choice', () => {
    const result = decodeGeminiResponse(
      {
        promptFeedback: { blockReason: 'MODEL_ARMOR', blockReasonMessage: 'no' },
        usageMetadata: { trafficType: 'ON_DEMAND' },
      },
      context(),
    );
    expect(result.choices).toEqual([
      { index: 0, content: [], finishReason: { unified: 'content-filter', raw: 'MODEL_ARMOR' } },
    ]);
    expect(result.usage).toBeUndefined();
  });

  it('passes logprobs through in the OpenAI shape', () => {
    const result = decodeGeminiResponse(
      {
        candidates: [
          {
            content: { parts: [{ text: '4' }] },
            finishReason: 'STOP',
            logprobsResult: { chosenCandidates: [{ token: '4', logProbability: -0.1 }] },
          },
        ],
      },
      context(),
    );
    expect(result.choices[0]!.logprobs).toEqual({
      content: [{ token: '4', logprob: -0.1, bytes: [52], top_logprobs: [] }],
    });
  });

  it('throws the mapped error for an error envelope and for a malformed body', () => {
    expect(() =>
      decodeGeminiResponse({ error: { code: 503, status: 'UNAVAILABLE', message: 'busy' } }, context()),
    ).toThrow(expect.objectContaining({ kind: 'overloaded' }));
    expect(() => decodeGeminiResponse({ candidates: 'nope' }, context())).toThrow(GatewayError);
  });
});
