import { describe, expect, it } from 'vitest';
import { encodeEmbeddingAnswer, float32Base64 } from './embedding-answer.js';
import type { EmbeddingRequest } from './embedding-types.js';

/** How OpenAI's SDKs read a base64 vector: a Float32Array over the bytes (little-endian on every platform they run on). */
function decodeLikeTheSdk(base64: string): number[] {
  const bytes = Buffer.from(base64, 'base64');
  return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4));
}

const request = (encodingFormat: 'float' | 'base64'): EmbeddingRequest => ({
  model: 'text-embedding-3-small',
  input: { kind: 'text', texts: ['a', 'b'] },
  encodingFormat,
});

describe('float32Base64', () => {
  it('writes little-endian float32 bytes', () => {
    expect(Buffer.from(float32Base64([1, -2]), 'base64')).toEqual(Buffer.from([0, 0, 0x80, 0x3f, 0, 0, 0, 0xc0]));
  });

  it('reads back as the float32 values of the vector', () => {
    const vector = [0.1, -0.25, 3.5e-8, 0];
    expect(decodeLikeTheSdk(float32Base64(vector))).toEqual(vector.map(Math.fround));
  });
});

describe('encodeEmbeddingAnswer', () => {
  const result = {
    vectors: [
      [0.5, -0.5],
      [0.25, 0.75],
    ],
    promptTokens: 9,
  };

  it("answers OpenAI's list shape, indexed in input order, floats by default", () => {
    expect(encodeEmbeddingAnswer(request('float'), result, 9)).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.5, -0.5] },
        { object: 'embedding', index: 1, embedding: [0.25, 0.75] },
      ],
      model: 'text-embedding-3-small',
      usage: { prompt_tokens: 9, total_tokens: 9 },
    });
  });

  it('sends base64 strings when asked, which decode to the vectors', () => {
    const answer = encodeEmbeddingAnswer(request('base64'), result, 9) as { data: Array<{ embedding: string }> };
    expect(answer.data.map((item) => decodeLikeTheSdk(item.embedding))).toEqual(result.vectors);
  });
});
