import { describe, expect, it } from 'vitest';
import { mediaCeilings } from '../billing/media-bounds.js';
import { promptParts, promptTokenBound } from '../billing/prompt-bound.js';
import { countTokens, quickTextTokens } from '../billing/token-estimate.js';
import {
  embeddingAdmissionTokens,
  embeddingHoldRequest,
  embeddingInputBounds,
  embeddingInputTokens,
} from './embedding-tokens.js';
import type { EmbeddingRequest } from './embedding-types.js';

const text: EmbeddingRequest = {
  model: 'm',
  input: { kind: 'text', texts: ['hello world', 'a longer sentence to embed'] },
  encodingFormat: 'float',
};
const tokens: EmbeddingRequest = {
  model: 'm',
  input: { kind: 'tokens', tokens: [[1, 2, 3], [9]] },
  encodingFormat: 'float',
};

describe('embeddingInputTokens', () => {
  it('counts each text with the tokenizer, and token-id input exactly', () => {
    expect(embeddingInputTokens(text)).toEqual(['hello world', 'a longer sentence to embed'].map(countTokens));
    expect(embeddingInputTokens(tokens)).toEqual([3, 1]);
  });
});

describe('embeddingInputBounds', () => {
  it('bounds each text by its UTF-8 bytes, never below its exact count, and token-id input exactly', () => {
    const texts = ['hello world', '你好，世界', 'emoji 🙂🙂🙂'];
    const request: EmbeddingRequest = { ...text, input: { kind: 'text', texts } };
    const bounds = embeddingInputBounds(request);
    expect(bounds).toEqual(texts.map((item) => Buffer.byteLength(item)));
    bounds.forEach((bound, index) => {
      expect(bound).toBeGreaterThanOrEqual(countTokens(texts[index] as string));
    });
    expect(embeddingInputBounds(tokens)).toEqual([3, 1]);
  });
});

describe('embeddingAdmissionTokens', () => {
  it('admits text by the quick estimate, without the tokenizer, and token-id input exactly', () => {
    expect(embeddingAdmissionTokens(text)).toBe(
      quickTextTokens('hello world') + quickTextTokens('a longer sentence to embed'),
    );
    expect(embeddingAdmissionTokens(tokens)).toBe(4);
  });
});

describe('embeddingHoldRequest', () => {
  it('is the inputs as user messages, in order, with no output to hold for', () => {
    const request = embeddingHoldRequest(text);
    expect(request.maxOutputTokens).toBe(0);
    expect(request.messages.map((message) => message.content)).toEqual([
      [{ type: 'text', text: 'hello world' }],
      [{ type: 'text', text: 'a longer sentence to embed' }],
    ]);
  });

  it('holds at least as many tokens as token-id input has', () => {
    const many: EmbeddingRequest = {
      ...tokens,
      input: { kind: 'tokens', tokens: [Array.from({ length: 5000 }, () => 7)] },
    };
    const bound = promptTokenBound(promptParts(embeddingHoldRequest(many), mediaCeilings('m')), {});
    expect(bound).toBeGreaterThanOrEqual(5000);
  });
});
