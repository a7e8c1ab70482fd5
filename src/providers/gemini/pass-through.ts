import type { EncodedRequest, PassThroughRequest, ProviderContext } from '../provider.js';
import { geminiUrl } from './encode-request.js';

/**
 * `POST {base}/v1beta/models/{model}:generateContent` (or `:streamGenerateContent?alt=sse`) with
 * the client's body as it came: safety settings, cached content, tools Google runs itself all
 * survive. The upstream stream is always SSE; the relay frames it the way the client asked.
 */
export function encodeGeminiPassThrough(request: PassThroughRequest, context: ProviderContext): EncodedRequest {
  let body = request.body;
  if (request.maxOutputTokens !== undefined) {
    const config = (body.generationConfig ?? {}) as Record<string, unknown>;
    body = { ...body, generationConfig: { ...config, maxOutputTokens: request.maxOutputTokens } };
  }
  return {
    http: {
      method: 'POST',
      url: geminiUrl(context.target, request.stream),
      headers: {
        'content-type': 'application/json',
        ...context.target.headers,
        'x-goog-api-key': context.target.apiKey,
      },
      body: JSON.stringify(body),
    },
    droppedParams: [],
  };
}
