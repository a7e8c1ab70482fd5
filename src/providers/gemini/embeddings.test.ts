import { describe, expect, it } from 'vitest';
import type { EmbeddingRequest } from '../../embeddings/embedding-types.js';
import { GatewayError } from '../../ir/index.js';
import type { ProviderContext } from '../provider.js';
import { decodeGeminiEmbeddings, encodeGeminiEmbeddings } from './embeddings.js';

const contextFor = (model: string): ProviderContext => ({
  target: { baseUrl: 'https://generativelanguage.googleapis.com/', apiKey: 'g-key', model },
  generateId: (prefix) => `${prefix}1`,
  now: () => 0,
});

const textRequest = (texts: string[], extra: Partial<EmbeddingRequest> = {}): EmbeddingRequest => ({
  model: 'client-name',
  input: { kind: 'text', texts },
  encodingFormat: 'float',
  ...extra,
});

describe('encodeGeminiEmbeddings', () => {
  it('posts one request per input, in order, naming the model, with taskType and outputDimensionality', () => {
    const encoded = encodeGeminiEmbeddings(
      textRequest(['a', 'b'], { dimensions: 256, taskType: 'RETRIEVAL_DOCUMENT' }),
      contextFor('gemini-embedding-001'),
    );
    expect(encoded.http.url).toBe(
      'https://generativelanguage.googleapis.com/v1beta/models/gemini-embedding-001:batchEmbedContents',
    );
    expect(encoded.http.headers['x-goog-api-key']).toBe('g-key');
    expect(JSON.parse(encoded.http.body)).toEqual({
      requests: [
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'a' }] },
          taskType: 'RETRIEVAL_DOCUMENT',
          outputDimensionality: 256,
        },
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'b' }] },
          taskType: 'RETRIEVAL_DOCUMENT',
          outputDimensionality: 256,
        },
      ],
    });
  });

  it("refuses token-id input as the client's error, not the upstream's", () => {
    const request: EmbeddingRequest = { model: 'm', input: { kind: 'tokens', tokens: [[1]] }, encodingFormat: 'float' };
    try {
      encodeGeminiEmbeddings(request, contextFor('gemini-embedding-001'));
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayError);
      expect((error as GatewayError).status).toBe(400);
      expect((error as GatewayError).retryable).toBe(false);
    }
  });
});

describe('decodeGeminiEmbeddings', () => {
  it('reads the vectors in order, and no usage when Gemini reports none', () => {
    expect(decodeGeminiEmbeddings({ embeddings: [{ values: [1, 2] }, { values: [3, 4] }] }, 2)).toEqual({
      vectors: [
        [1, 2],
        [3, 4],
      ],
    });
  });

  it('reads usageMetadata.promptTokenCount where the model reports it', () => {
    const body = { embeddings: [{ values: [1] }], usageMetadata: { promptTokenCount: 4 } };
    expect(decodeGeminiEmbeddings(body, 1).promptTokens).toBe(4);
  });

  it.each([[{}], [{ embeddings: [{ values: [1] }] }], [{ embeddings: [{}, { values: [1] }] }]])(
    'calls %j (for 2 inputs) an invalid upstream answer',
    (body) => {
      expect(() => decodeGeminiEmbeddings(body, 2)).toThrowError(/one vector for each/);
    },
  );
});
