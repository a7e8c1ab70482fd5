import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { describeWithFixtures, FIXTURES_ROOT } from '../../../test/shared-fixtures.js';
import type { EmbeddingRequest } from '../../embeddings/embedding-types.js';
import type { ProviderContext } from '../provider.js';
import { decodeGeminiEmbeddings, encodeGeminiEmbeddings } from './embeddings.js';

// Its own file: a suite that reads ../shared must skip whole where the folder is absent.
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

interface Cassette {
  interactions: Array<{ request: { uri: string; body: string }; response: { body: { string: Uint8Array | string } } }>;
}

/** A recorded batchEmbedContents exchange (simonw/llm-gemini cassettes; gzip bodies). */
function recorded(name: string) {
  const file = path.join(FIXTURES_ROOT, 'simonw-llm-gemini/tests/cassettes/test_gemini', name);
  const [interaction] = (parse(readFileSync(file, 'utf8')) as Cassette).interactions;
  if (!interaction) throw new Error(`no interaction in ${name}`);
  const raw = interaction.response.body.string;
  const text = typeof raw === 'string' ? raw : gunzipSync(raw).toString('utf8');
  return { uri: interaction.request.uri, request: JSON.parse(interaction.request.body), response: JSON.parse(text) };
}

describeWithFixtures('Gemini batchEmbedContents recordings (simonw/llm-gemini)', () => {
  it('encodes the recorded request exactly, and decodes its answer (gemini-embedding-2 reports usage)', () => {
    const exchange = recorded('test_embedding_batch.yaml');
    const encoded = encodeGeminiEmbeddings(
      textRequest(['First text', 'Second text'], { dimensions: 768 }),
      contextFor('gemini-embedding-2'),
    );
    expect(encoded.http.url).toBe(exchange.uri);
    expect(JSON.parse(encoded.http.body)).toEqual(exchange.request);
    const result = decodeGeminiEmbeddings(exchange.response, 2);
    expect(result.vectors.map((vector) => vector.length)).toEqual([768, 768]);
    expect(result.vectors[1]).toEqual(exchange.response.embeddings[1].values);
    expect(result.promptTokens).toBe(4);
  });

  it('decodes a gemini-embedding-001 answer, which has no usage (AIHub estimates it)', () => {
    const exchange = recorded('test_embedding[gemini-embedding-001-768].yaml');
    const encoded = encodeGeminiEmbeddings(
      textRequest(['Some text goes here'], { dimensions: 768 }),
      contextFor('gemini-embedding-001'),
    );
    expect(JSON.parse(encoded.http.body)).toEqual(exchange.request);
    const result = decodeGeminiEmbeddings(exchange.response, 1);
    expect(result.vectors[0]).toHaveLength(768);
    expect(result.promptTokens).toBeUndefined();
  });
});
