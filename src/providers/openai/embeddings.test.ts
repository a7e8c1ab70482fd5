import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../ir/index.js';
import type { ProviderContext } from '../provider.js';
import { decodeOpenAIEmbeddings, encodeOpenAIEmbeddings } from './embeddings.js';

const context: ProviderContext = {
  target: {
    baseUrl: 'https://api.example.com/v1/',
    apiKey: 'sk-up',
    model: 'upstream-embed',
    headers: { 'X-Org': 'o' },
  },
  generateId: (prefix) => `${prefix}1`,
  now: () => 0,
};

describe('encodeOpenAIEmbeddings', () => {
  it("posts OpenAI's body to {base}/embeddings with the channel's model, asking OpenAI itself for the client's format", () => {
    const encoded = encodeOpenAIEmbeddings(
      {
        model: 'client-name',
        input: { kind: 'text', texts: ['x', 'y'] },
        encodingFormat: 'base64',
        dimensions: 64,
        user: 'u',
        taskType: 'RETRIEVAL_QUERY',
      },
      context,
    );
    expect(encoded.http.url).toBe('https://api.example.com/v1/embeddings');
    expect(encoded.http.headers).toMatchObject({ authorization: 'Bearer sk-up', 'x-org': 'o' });
    expect(JSON.parse(encoded.http.body)).toEqual({
      model: 'upstream-embed',
      input: ['x', 'y'],
      encoding_format: 'base64',
      dimensions: 64,
      user: 'u',
    });
  });

  it('asks a compatible preset for floats whatever the client wants (some know no base64)', () => {
    const encoded = encodeOpenAIEmbeddings(
      { model: 'm', input: { kind: 'text', texts: ['x'] }, encodingFormat: 'base64' },
      { ...context, compat: { name: 'mistral' } },
    );
    expect(JSON.parse(encoded.http.body)).toMatchObject({ encoding_format: 'float' });
  });

  it('sends token-id input as arrays of ids', () => {
    const encoded = encodeOpenAIEmbeddings(
      { model: 'm', input: { kind: 'tokens', tokens: [[1, 2], [3]] }, encodingFormat: 'float' },
      context,
    );
    expect(JSON.parse(encoded.http.body).input).toEqual([[1, 2], [3]]);
  });
});

describe('decodeOpenAIEmbeddings', () => {
  it('puts vectors back in index order and reads the usage', () => {
    const body = {
      object: 'list',
      data: [
        { object: 'embedding', index: 1, embedding: [2] },
        { object: 'embedding', index: 0, embedding: [1] },
      ],
      model: 'served',
      usage: { prompt_tokens: 5, total_tokens: 5 },
    };
    expect(decodeOpenAIEmbeddings(body, 2)).toEqual({ vectors: [[1], [2]], promptTokens: 5, model: 'served' });
  });

  it('reads a base64 vector from an upstream that sends one anyway', () => {
    const bytes = Buffer.alloc(8);
    bytes.writeFloatLE(0.5, 0);
    bytes.writeFloatLE(-1, 4);
    const body = { data: [{ index: 0, embedding: bytes.toString('base64') }] };
    expect(decodeOpenAIEmbeddings(body, 1).vectors).toEqual([[0.5, -1]]);
  });

  it.each([
    [{}, 'no data'],
    [{ data: [{ index: 0, embedding: [1] }] }, 'fewer vectors than inputs'],
    [
      {
        data: [
          { index: 0, embedding: [1] },
          { index: 0, embedding: [2] },
        ],
      },
      'a duplicated index',
    ],
    [
      {
        data: [
          { index: 0, embedding: 'abc' },
          { index: 1, embedding: [2] },
        ],
      },
      'a broken base64 vector',
    ],
  ] as Array<[unknown, string]>)('calls %j an invalid upstream answer (%s)', (body) => {
    const error = (() => {
      try {
        decodeOpenAIEmbeddings(body, 2);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(error).toBeInstanceOf(GatewayError);
    expect((error as GatewayError).code).toBe('upstream_invalid_response');
  });
});
