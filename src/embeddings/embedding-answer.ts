import type { EmbeddingRequest, EmbeddingResult } from './embedding-types.js';

/**
 * A vector as OpenAI sends it for `encoding_format: "base64"`: the float32 values, little-endian,
 * base64-encoded (the official SDKs decode it with a Float32Array over the bytes).
 */
export function float32Base64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, index) => {
    bytes.writeFloatLE(value, index * 4);
  });
  return bytes.toString('base64');
}

/** The OpenAI answer: `{object: "list", data: [{object: "embedding", index, embedding}], model, usage}`. */
export function encodeEmbeddingAnswer(
  request: EmbeddingRequest,
  result: EmbeddingResult,
  promptTokens: number,
): Record<string, unknown> {
  return {
    object: 'list',
    data: result.vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: request.encodingFormat === 'base64' ? float32Base64(vector) : vector,
    })),
    model: request.model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}
