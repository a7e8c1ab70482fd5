import type { EmbeddingRequest, EmbeddingResult } from '../../embeddings/embedding-types.js';
import { GatewayError } from '../../ir/index.js';
import type { EncodedRequest, ProviderContext } from '../provider.js';
import { bareModelId } from './thought-signature.js';

/**
 * `POST {base}/v1beta/models/{model}:batchEmbedContents`: one request per input, in order, each
 * naming the model again (`models/…`, as Google requires), with the task type (AIHub's
 * `task_type` extension) and `outputDimensionality` (OpenAI's `dimensions`). Gemini embeds text
 * only: token-id input is the client's error here, not a reason to try another channel.
 */
export function encodeGeminiEmbeddings(request: EmbeddingRequest, context: ProviderContext): EncodedRequest {
  const { target } = context;
  if (request.input.kind !== 'text') {
    throw new GatewayError({
      kind: 'invalid_request',
      message: `Token-id input cannot be embedded by ${request.model} (a Gemini model): send text.`,
      param: 'input',
      retryable: false,
    });
  }
  const model = bareModelId(target.model);
  const requests = request.input.texts.map((text) => {
    const item: Record<string, unknown> = { model: `models/${model}`, content: { parts: [{ text }] } };
    if (request.taskType !== undefined) item.taskType = request.taskType;
    if (request.dimensions !== undefined) item.outputDimensionality = request.dimensions;
    return item;
  });
  return {
    http: {
      method: 'POST',
      url: `${target.baseUrl.replace(/\/+$/, '')}/v1beta/models/${encodeURIComponent(model)}:batchEmbedContents`,
      headers: { 'content-type': 'application/json', ...target.headers, 'x-goog-api-key': target.apiKey },
      body: JSON.stringify({ requests }),
    },
    droppedParams: [],
  };
}

/**
 * `{embeddings: [{values}], usageMetadata?}` in the requests' order. Newer models (gemini-embedding-2)
 * report `usageMetadata.promptTokenCount`; gemini-embedding-001 reports no usage at all, and is
 * then charged AIHub's estimate (relay-billing.ts marks it estimated).
 */
export function decodeGeminiEmbeddings(body: unknown, inputCount: number): EmbeddingResult {
  const embeddings = (body as { embeddings?: unknown } | null)?.embeddings;
  const vectors = Array.isArray(embeddings)
    ? embeddings.map((item) => (item as { values?: unknown } | null)?.values)
    : undefined;
  const valid = vectors?.every(
    (values): values is number[] => Array.isArray(values) && values.every((value) => typeof value === 'number'),
  );
  if (!vectors || !valid || vectors.length !== inputCount) {
    throw new GatewayError({
      kind: 'upstream_error',
      message: `The upstream answered batchEmbedContents without one vector for each of the ${inputCount} inputs.`,
      code: 'upstream_invalid_response',
    });
  }
  const result: EmbeddingResult = { vectors: vectors as number[][] };
  const reported = (body as { usageMetadata?: { promptTokenCount?: unknown } }).usageMetadata?.promptTokenCount;
  if (typeof reported === 'number' && Number.isInteger(reported) && reported >= 0) result.promptTokens = reported;
  return result;
}
