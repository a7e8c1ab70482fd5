import { describe, expect, it } from 'vitest';
import { scanForwardableEmbeddings } from './embeddings-answer-scan.js';

const compact = (data: unknown[], extra: Record<string, unknown> = {}) =>
  Buffer.from(
    JSON.stringify({
      object: 'list',
      data,
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 12, total_tokens: 12 },
      ...extra,
    }),
  );
const entry = (index: number, embedding: unknown) => ({ object: 'embedding', index, embedding });

describe('scanForwardableEmbeddings', () => {
  it('reads the usage and model of float vectors in index order', () => {
    const bytes = compact([entry(0, [0.1, -2.5e-7, 0]), entry(1, [1, 2, 3])]);
    expect(scanForwardableEmbeddings(bytes, 2, 'float')).toEqual({ promptTokens: 12, model: 'text-embedding-3-small' });
  });

  it("reads OpenAI's pretty-printed layout, and unknown fields", () => {
    const text = JSON.stringify(
      { object: 'list', data: [entry(0, [0.0057293195, -1e-5])], model: 'm', usage: { prompt_tokens: 3 }, extra: {} },
      null,
      2,
    );
    expect(scanForwardableEmbeddings(Buffer.from(text), 1, 'float')).toEqual({ promptTokens: 3, model: 'm' });
  });

  it('reads base64 vectors when base64 was asked', () => {
    const bytes = compact([entry(0, 'AACAPwAAAEA='), entry(1, 'AABAQA==')]);
    expect(scanForwardableEmbeddings(bytes, 2, 'base64')).toEqual({
      promptTokens: 12,
      model: 'text-embedding-3-small',
    });
  });

  it('is not fooled by the word as a value', () => {
    const bytes = compact([entry(0, [1])], { model: 'embedding', note: '"embedding"' });
    expect(scanForwardableEmbeddings(bytes, 1, 'float')).toEqual({ promptTokens: 12, model: 'embedding' });
  });

  it.each([
    ['another format than asked', compact([entry(0, [1])]), 'base64'],
    ['base64 when floats were asked', compact([entry(0, 'AACAPw==')]), 'float'],
    ['entries out of index order', compact([entry(1, [1]), entry(0, [2])]), 'float'],
    ['fewer vectors than inputs', compact([entry(0, [1])]), 'float', 2],
    [
      'a vector that is not numbers',
      Buffer.from(
        compact([entry(0, [1])])
          .toString()
          .replace('[1]', '[1,x]'),
      ),
      'float',
    ],
    [
      'a number JSON does not allow',
      Buffer.from(
        compact([entry(0, [1])])
          .toString()
          .replace('[1]', '[01]'),
      ),
      'float',
    ],
    [
      'a vector with an empty item',
      Buffer.from(
        compact([entry(0, [1])])
          .toString()
          .replace('[1]', '[1,,2]'),
      ),
      'float',
    ],
    ['base64 with other characters', compact([entry(0, 'AA\\u0041')]), 'base64'],
    ['no usage', compact([entry(0, [1])], { usage: undefined }), 'float'],
    ['a usage that is not a count', compact([entry(0, [1])], { usage: { prompt_tokens: -1 } }), 'float'],
    ['a body cut short', compact([entry(0, [1, 2])]).subarray(0, 60), 'float'],
    ['a body cut inside a vector', compact([entry(0, [1, 2])]).subarray(0, 50), 'float'],
    ['text that is not JSON around the vectors', Buffer.from(`{"data":[{"index":0,"embedding":[1]}],,}`), 'float'],
  ] as Array<[string, Buffer, 'float' | 'base64', number?]>)(
    'declines %s (the caller decodes it whole)',
    (_name, bytes, format, count) => {
      expect(scanForwardableEmbeddings(bytes, count ?? 1, format)).toBeUndefined();
    },
  );
});
