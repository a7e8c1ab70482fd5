import type { EmbeddingRequest, EmbeddingResult } from '../../embeddings/embedding-types.js';
import { GatewayError } from '../../ir/index.js';
import type { EncodedRequest, ProviderContext } from '../provider.js';
import { resolveDialect } from './dialect.js';

/**
 * `POST {base}/embeddings` for OpenAI and the OpenAI-compatible presets: OpenAI's body with the
 * channel's model. OpenAI itself is asked for the client's `encoding_format`, so its answer can
 * be forwarded as it is (embeddings-answer-scan.ts); the compatible presets, some of which know no
 * base64, are always asked for floats, and AIHub applies the client's format when it answers.
 */
export function encodeOpenAIEmbeddings(request: EmbeddingRequest, context: ProviderContext): EncodedRequest {
  const { target } = context;
  const body: Record<string, unknown> = {
    model: target.model,
    input: request.input.kind === 'text' ? request.input.texts : request.input.tokens,
    encoding_format:
      request.encodingFormat === 'base64' && resolveDialect(context.compat).isOpenAI ? 'base64' : 'float',
  };
  if (request.dimensions !== undefined) body.dimensions = request.dimensions;
  if (request.user !== undefined) body.user = request.user;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (target.apiKey) headers.authorization = `Bearer ${target.apiKey}`;
  for (const [name, value] of Object.entries(target.headers ?? {})) headers[name.toLowerCase()] = value;
  return {
    http: {
      method: 'POST',
      url: `${target.baseUrl.replace(/\/+$/, '')}/embeddings`,
      headers,
      body: JSON.stringify(body),
    },
    droppedParams: [],
  };
}

function invalidAnswer(message: string): GatewayError {
  return new GatewayError({ kind: 'upstream_error', message, code: 'upstream_invalid_response' });
}

/** A vector as sent: numbers, or base64 float32 (little-endian) from an upstream that ignores the format asked. */
function vectorOf(embedding: unknown): number[] | undefined {
  if (Array.isArray(embedding) && embedding.every((value) => typeof value === 'number')) return embedding;
  if (typeof embedding !== 'string') return undefined;
  const bytes = Buffer.from(embedding, 'base64');
  if (bytes.length % 4 !== 0) return undefined;
  return Array.from({ length: bytes.length / 4 }, (_, index) => bytes.readFloatLE(index * 4));
}

/** `{data: [{index, embedding}], model, usage: {prompt_tokens}}`, put back in `index` order. */
export function decodeOpenAIEmbeddings(body: unknown, inputCount: number): EmbeddingResult {
  const record = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  if (!Array.isArray(record.data)) throw invalidAnswer('The upstream answered embeddings without a `data` list.');
  // Filled by `index`: a hole left (a duplicated index) must be seen, so no sparse array.
  const vectors: Array<number[] | undefined> = Array.from({ length: inputCount }, () => undefined);
  record.data.forEach((item: unknown, position: number) => {
    const entry = (typeof item === 'object' && item !== null ? item : {}) as Record<string, unknown>;
    const index = typeof entry.index === 'number' ? entry.index : position;
    const vector = vectorOf(entry.embedding);
    if (!vector || !Number.isInteger(index) || index < 0 || index >= inputCount) {
      throw invalidAnswer('The upstream answered embeddings with an entry that is not a vector of an input.');
    }
    vectors[index] = vector;
  });
  if (record.data.length !== inputCount || vectors.some((vector) => vector === undefined)) {
    throw invalidAnswer(`The upstream answered ${record.data.length} embeddings for ${inputCount} inputs.`);
  }
  const result: EmbeddingResult = { vectors: vectors as number[][] };
  const usage = record.usage as { prompt_tokens?: unknown } | undefined;
  if (typeof usage?.prompt_tokens === 'number') result.promptTokens = usage.prompt_tokens;
  if (typeof record.model === 'string') result.model = record.model;
  return result;
}
