import { describe, expect, it } from 'vitest';
import { GatewayError } from '../ir/index.js';
import { decodeEmbeddingRequest, MAX_EMBEDDING_INPUTS } from './embedding-request.js';

function refusal(body: unknown): GatewayError {
  try {
    decodeEmbeddingRequest(body);
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('decodeEmbeddingRequest', () => {
  it('takes a string as one text input, float by default', () => {
    expect(decodeEmbeddingRequest({ model: 'm', input: 'hello' })).toEqual({
      model: 'm',
      input: { kind: 'text', texts: ['hello'] },
      encodingFormat: 'float',
    });
  });

  it('keeps an array of strings in order, with base64, dimensions, user and the task_type extension', () => {
    const decoded = decodeEmbeddingRequest({
      model: 'm',
      input: ['b', 'a', 'c'],
      encoding_format: 'base64',
      dimensions: 256,
      user: 'u-1',
      task_type: 'RETRIEVAL_QUERY',
    });
    expect(decoded).toEqual({
      model: 'm',
      input: { kind: 'text', texts: ['b', 'a', 'c'] },
      encodingFormat: 'base64',
      dimensions: 256,
      user: 'u-1',
      taskType: 'RETRIEVAL_QUERY',
    });
  });

  it('reads token ids as one input, and arrays of token ids as several', () => {
    expect(decodeEmbeddingRequest({ model: 'm', input: [1, 2, 3] }).input).toEqual({
      kind: 'tokens',
      tokens: [[1, 2, 3]],
    });
    expect(decodeEmbeddingRequest({ model: 'm', input: [[1], [2, 3]] }).input).toEqual({
      kind: 'tokens',
      tokens: [[1], [2, 3]],
    });
  });

  it.each([
    [{ input: 'x' }, 'model'],
    [{ model: 'm' }, 'input'],
    [{ model: 'm', input: '' }, 'input'],
    [{ model: 'm', input: [] }, 'input'],
    [{ model: 'm', input: ['a', 1] }, 'input'],
    [{ model: 'm', input: ['a', ''] }, 'input[1]'],
    [{ model: 'm', input: [[1], []] }, 'input[1]'],
    [{ model: 'm', input: [1.5] }, 'input'],
    [{ model: 'm', input: 'x', encoding_format: 'int8' }, 'encoding_format'],
    [{ model: 'm', input: 'x', dimensions: 0 }, 'dimensions'],
    [{ model: 'm', input: 'x', dimensions: 1.5 }, 'dimensions'],
    [{ model: 'm', input: 'x', user: 7 }, 'user'],
  ])('refuses %j with a 400 naming %s', (body, param) => {
    const error = refusal(body);
    expect(error.status).toBe(400);
    expect(error.param).toBe(param);
  });

  it(`refuses more than ${MAX_EMBEDDING_INPUTS} inputs, and takes exactly that many`, () => {
    const many = Array.from({ length: MAX_EMBEDDING_INPUTS }, (_, index) => `text ${index}`);
    expect(decodeEmbeddingRequest({ model: 'm', input: many }).input).toMatchObject({ kind: 'text' });
    const error = refusal({ model: 'm', input: [...many, 'one more'] });
    expect(error.status).toBe(400);
    expect(error.message).toContain(`at most ${MAX_EMBEDDING_INPUTS}`);
  });

  it('refuses a body that is not an object', () => {
    expect(refusal([1]).status).toBe(400);
    expect(refusal(null).status).toBe(400);
  });
});
