/**
 * Embeddings in AIHub's own terms, between the `/v1/embeddings` surface (OpenAI's shape) and the
 * vendors behind it (OpenAI and its compatible presets, Gemini's batchEmbedContents).
 */

/** What to embed: texts, or OpenAI's pre-tokenized form (arrays of token ids). Order is the answer's order. */
export type EmbeddingInput = { kind: 'text'; texts: string[] } | { kind: 'tokens'; tokens: number[][] };

export interface EmbeddingRequest {
  model: string;
  input: EmbeddingInput;
  /** How the client wants each vector: JSON numbers, or base64 of little-endian float32 (OpenAI's SDK default). */
  encodingFormat: 'float' | 'base64';
  /** Truncate vectors to this many dimensions (text-embedding-3, Gemini's outputDimensionality). */
  dimensions?: number;
  /** OpenAI's end-user id, passed on to OpenAI-style upstreams. */
  user?: string;
  /** Gemini's taskType (AIHub extension field `task_type`), e.g. RETRIEVAL_QUERY. */
  taskType?: string;
}

export interface EmbeddingResult {
  /** One vector per input, in the input's order. */
  vectors: number[][];
  /** The vendor's count of input tokens; undefined when it reports none (Gemini). */
  promptTokens?: number;
  /** The model the vendor says answered. */
  model?: string;
}

/** What the relay reads from a vendor's answer it forwards as it is (same API both sides). */
export interface ForwardableEmbeddings {
  /** The vendor's count of input tokens. */
  promptTokens: number;
  /** The model the vendor says answered. */
  model?: string;
}
