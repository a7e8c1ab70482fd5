import { describe, expect, it } from 'vitest';
import type { ProviderContext } from '../provider.js';
import { encodeGeminiCountTokens, geminiTokenCount } from './count-tokens.js';

function context(model: string, baseUrl = 'https://generativelanguage.googleapis.com/'): ProviderContext {
  return {
    target: { baseUrl, apiKey: 'AIza-channel', model, headers: { 'x-goog-user-project': 'p' } },
    generateId: (prefix) => `${prefix}1`,
    now: () => 0,
  };
}

const contents = [{ role: 'user', parts: [{ text: 'The quick brown fox' }] }];

describe('encodeGeminiCountTokens', () => {
  it('posts {contents} as it came to the upstream model’s countTokens, with the channel’s key', () => {
    const { http, droppedParams } = encodeGeminiCountTokens(
      { body: { contents }, headers: { 'x-goog-api-key': 'sk-aihub-client' } },
      context('gemini-2.5-flash-preview-09-2025'),
    );
    expect(http.method).toBe('POST');
    expect(http.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash-preview-09-2025:countTokens',
    );
    expect(JSON.parse(http.body)).toEqual({ contents });
    expect(http.headers).toEqual({
      'content-type': 'application/json',
      'x-goog-user-project': 'p',
      'x-goog-api-key': 'AIza-channel',
    });
    expect(droppedParams).toEqual([]);
  });

  it('names the upstream model inside a wrapped generateContentRequest, keeping the rest', () => {
    const wrapped = {
      model: 'models/gemini-2.5-flash',
      contents,
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      tools: [{ googleSearch: {} }],
    };
    const { http } = encodeGeminiCountTokens(
      { body: { generateContentRequest: wrapped }, headers: {} },
      context('models/gemini-2.5-pro'),
    );
    expect(http.url).toBe('https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-pro:countTokens');
    expect(JSON.parse(http.body)).toEqual({ generateContentRequest: { ...wrapped, model: 'models/gemini-2.5-pro' } });
  });

  it('escapes a model id that is not a plain path segment', () => {
    const { http } = encodeGeminiCountTokens({ body: { contents }, headers: {} }, context('tuned/a b', 'http://g'));
    expect(http.url).toBe('http://g/v1beta/models/tuned%2Fa%20b:countTokens');
  });
});

describe('geminiTokenCount', () => {
  it('reads totalTokens from a count answer', () => {
    expect(geminiTokenCount({ totalTokens: 9, promptTokensDetails: [{ modality: 'TEXT', tokenCount: 9 }] })).toBe(9);
  });

  it.each([[null], [[]], [{}], [{ totalTokens: '9' }], [{ error: { code: 500 } }]])(
    'refuses %j, which is not a count',
    (answer) => {
      expect(geminiTokenCount(answer)).toBeUndefined();
    },
  );
});
