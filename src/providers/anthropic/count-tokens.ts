import type { CountTokensRequest, EncodedRequest, ProviderContext } from '../provider.js';
import { messagesUrl } from './encode-request.js';
import { passThroughHeaders } from './pass-through.js';

/**
 * `POST {base}/v1/messages/count_tokens`, Anthropic's own count of a Messages prompt, with the
 * client's body as it came (tools, images, beta features all counted the way Claude sees them):
 * only `model` (the channel's upstream name) and the key change; `anthropic-version` and
 * `anthropic-beta` travel with it, as on the pass-through.
 */
export function encodeAnthropicCountTokens(request: CountTokensRequest, context: ProviderContext): EncodedRequest {
  const body = { ...request.body, model: context.target.model };
  return {
    http: {
      method: 'POST',
      url: `${messagesUrl(context.target.baseUrl)}/count_tokens`,
      headers: passThroughHeaders(request.headers, context.target),
      body: JSON.stringify(body),
    },
    droppedParams: [],
  };
}

/** `{"input_tokens": N}`: the count, or undefined for a body that is not one (a relay's HTML page). */
export function anthropicTokenCount(body: unknown): number | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const count = (body as { input_tokens?: unknown }).input_tokens;
  return typeof count === 'number' && Number.isInteger(count) && count >= 0 ? count : undefined;
}
