import type { CountTokensRequest, EncodedRequest, ProviderContext } from '../provider.js';
import { bareModelId } from './thought-signature.js';

/**
 * `POST {base}/v1beta/models/{model}:countTokens`, Google's own count of a prompt, with the
 * client's body as it came: `{contents}`, or `{generateContentRequest}` (system instruction and
 * tools counted too), whose own `model` field names the channel's upstream model like the path.
 */
export function encodeGeminiCountTokens(request: CountTokensRequest, context: ProviderContext): EncodedRequest {
  const { target } = context;
  const model = bareModelId(target.model);
  const body = withUpstreamModel(request.body, model);
  return {
    http: {
      method: 'POST',
      url: `${target.baseUrl.replace(/\/+$/, '')}/v1beta/models/${encodeURIComponent(model)}:countTokens`,
      headers: { 'content-type': 'application/json', ...target.headers, 'x-goog-api-key': target.apiKey },
      body: JSON.stringify(body),
    },
    droppedParams: [],
  };
}

/** The wrapped form names its model again (`models/…`): Google refuses one that differs from the path's. */
function withUpstreamModel(body: Record<string, unknown>, model: string): Record<string, unknown> {
  const wrapped = body.generateContentRequest;
  if (typeof wrapped !== 'object' || wrapped === null || Array.isArray(wrapped)) return body;
  return { ...body, generateContentRequest: { ...wrapped, model: `models/${model}` } };
}

/** `{"totalTokens": N, ...}`: the count, or undefined for a body that is not one. */
export function geminiTokenCount(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const count = (body as { totalTokens?: unknown }).totalTokens;
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : undefined;
}
